package dev.flinkspipeline.ingest.http;

import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectLogin;
import dev.flinkspipeline.ingest.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Answers a Connect callback whose login could not be stored: the {@link RetryPage} (503, the browser keeps
 * trying), or, once a browser without JavaScript has reloaded it until the deadline, the failure page.
 */
@ApplicationScoped
public class RetryPages {

    /** Query parameter numbering the no-script reloads of the callback. */
    static final String ATTEMPT = "attempt";

    private final SecureRandom random = new SecureRandom();

    @Inject
    IngestConfig config;

    /** The backoff of the browser's repetitions; throws for invalid settings (checked at start). */
    public Backoff backoff() {
        IngestConfig.StoreRetry retry = config.connect().storeRetry();
        try {
            return new Backoff(retry.initialDelay(), retry.maxDelay());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ingest.connect.store-retry: " + e.getMessage(), e);
        }
    }

    /** How many times a browser without JavaScript reloads the callback before giving up. */
    int noscriptAttempts() {
        IngestConfig.StoreRetry retry = config.connect().storeRetry();
        long interval = Math.max(1, retry.noscriptInterval().toMillis());
        return (int) Math.max(1, (retry.deadline().toMillis() + interval - 1) / interval);
    }

    /**
     * @param attempt how many no-script reloads led here (0: the redirect from Connect)
     * @return false when the browser has reloaded enough: the caller sends it to the failure page
     */
    boolean write(HttpServletResponse response, ConnectLogin login, int attempt) throws IOException {
        if (attempt >= noscriptAttempts()) {
            return false;
        }
        IngestConfig.StoreRetry retry = config.connect().storeRetry();
        String query = CallbackQuery.of(login);
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        RetryPage page = new RetryPage(
                "callback/store?" + query,
                config.connect().successUrl().orElse(null),
                config.connect().failureUrl().orElse(null),
                backoff()
                        .schedule(
                                retry.deadline(),
                                () -> ThreadLocalRandom.current().nextDouble()),
                "callback?" + query + "&" + ATTEMPT + "=" + (attempt + 1),
                retry.noscriptInterval(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes));
        byte[] html = page.html();
        Duration retryAfter = config.connect().retryAfter();
        response.setStatus(503);
        response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", page.contentSecurityPolicy());
        response.setContentType(RetryPage.CONTENT_TYPE);
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
        return true;
    }

    /** The no-script reload number of a callback request (0 when absent or not a small number). */
    static int attempt(String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > 4
                || !value.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Integer.parseInt(value);
    }
}
