package dev.flinkspipeline.ingest.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Flinks Connect iframe URL of a session (flinks-api.md 8.1): the one-time {@code authorizeToken},
 * {@code redirectUrl} = this service's callback, the signed {@code tag}, the session's options and any
 * fixed parameters from configuration.
 */
public final class ConnectUrl {

    private ConnectUrl() {}

    public static String build(
            String iframeUrl,
            String authorizeToken,
            String callbackUrl,
            String tag,
            SessionRequest options,
            Map<String, String> fixedParams) {
        Map<String, String> params = new LinkedHashMap<>(fixedParams);
        params.put("authorizeToken", authorizeToken);
        params.put("redirectUrl", callbackUrl);
        params.put("tag", tag);
        if (options.language() != null) {
            params.put("language", options.language());
        }
        if (options.demo() != null) {
            params.put("demo", options.demo().toString());
        }
        if (options.accountSelector() != null) {
            params.put("accountSelectorEnable", options.accountSelector().toString());
        }
        if (options.accountSelectorMultiple() != null) {
            params.put(
                    "accountSelectorMultiple", options.accountSelectorMultiple().toString());
        }
        if (options.daysOfTransactions() != null) {
            params.put("daysOfTransactions", options.daysOfTransactions());
        }
        StringBuilder url = new StringBuilder(iframeUrl);
        char separator = iframeUrl.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            url.append(separator).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            separator = '&';
        }
        return url.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
