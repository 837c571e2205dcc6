package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.ingest.connect.ConnectLogin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The callback's parameters rebuilt from a validated login ({@code loginId}, {@code institution},
 * {@code tag}, {@code accountId} as one comma-separated value): what the retry page repeats. Built from the
 * validated values rather than copied from the request, so nothing the request carried besides them reaches
 * the page.
 */
final class CallbackQuery {

    private CallbackQuery() {}

    static String of(ConnectLogin login) {
        StringBuilder query = new StringBuilder("loginId=")
                .append(encode(login.loginId()))
                .append("&institution=")
                .append(encode(login.institution()));
        if (login.tag() != null) {
            query.append("&tag=").append(encode(login.tag()));
        }
        if (!login.accountIds().isEmpty()) {
            query.append("&accountId=").append(encode(String.join(",", login.accountIds())));
        }
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
