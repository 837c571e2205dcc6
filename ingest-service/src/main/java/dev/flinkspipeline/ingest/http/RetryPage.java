package dev.flinkspipeline.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The page a Connect callback answers when its login could not be stored yet: it keeps the customer's
 * browser on the job. A script repeats the store ({@code POST callback/store?<the callback's parameters>})
 * after each delay of a precomputed backoff schedule; 200 goes on to the success page, a refusal (4xx) to
 * the failure page with its code, and the end of the schedule to the failure page with
 * {@code error=unavailable} (without configured pages, the outcome is shown in place). Without JavaScript a
 * meta refresh reloads the callback itself, numbered by {@code attempt}, until the deadline.
 *
 * @param storeUrl      the store request, relative to the callback ({@code callback/store?...})
 * @param successUrl    where a stored login goes, or null
 * @param failureUrl    where a refused or abandoned one goes (with {@code error=<code>}), or null
 * @param delays        the waits before each repetition
 * @param refreshUrl    the next no-script reload, relative to the callback, or null when no reload is left
 * @param refreshAfter  the wait before it
 * @param nonce         the Content-Security-Policy nonce of the script
 */
record RetryPage(
        String storeUrl,
        String successUrl,
        String failureUrl,
        List<Duration> delays,
        String refreshUrl,
        Duration refreshAfter,
        String nonce) {

    static final String CONTENT_TYPE = "text/html;charset=utf-8";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs in the browser: ES5 and fetch, nothing else. Reads its settings from the JSON block. */
    private static final String SCRIPT = """
            (function () {
              var cfg = JSON.parse(document.getElementById('connect-retry').textContent);
              var status = document.getElementById('connect-status');
              var next = 0;
              function show(state, text, title) {
                status.setAttribute('data-state', state);
                status.textContent = text;
                if (title) { document.title = title; }
              }
              function withError(url, code) {
                return url + (url.indexOf('?') < 0 ? '?' : '&') + 'error=' + encodeURIComponent(code);
              }
              function stored() {
                if (cfg.successUrl) { window.location.replace(cfg.successUrl); }
                else { show('stored', 'Your bank account is connected. You can close this window.', 'Connected'); }
              }
              function refused(code) {
                if (cfg.failureUrl) { window.location.replace(withError(cfg.failureUrl, code)); }
                else { show('refused', 'This bank connection cannot be recorded (' + code + ').', 'Not connected'); }
              }
              function later() {
                if (next >= cfg.delaysMs.length) {
                  if (cfg.failureUrl) { window.location.replace(withError(cfg.failureUrl, 'unavailable')); }
                  else { show('failed', 'Your bank connection could not be recorded. Please try again later.', 'Not connected'); }
                  return;
                }
                setTimeout(attempt, cfg.delaysMs[next++]);
              }
              function attempt() {
                fetch(cfg.storeUrl, { method: 'POST', credentials: 'omit', cache: 'no-store',
                                      headers: { 'Accept': 'application/json' } })
                  .then(function (answer) {
                    if (answer.status === 200) { stored(); return; }
                    if (answer.status >= 500 || answer.status === 408 || answer.status === 429) { later(); return; }
                    return answer.json().then(function (problem) { return String(problem.type || ''); },
                                              function () { return ''; })
                      .then(function (type) { refused(type.substring(type.lastIndexOf('/') + 1) || 'refused'); });
                  }, later);
              }
              later();
            })();
            """;

    /** The {@code Content-Security-Policy} of the page: its own script only, requests to its own origin only. */
    String contentSecurityPolicy() {
        return "default-src 'none'; script-src 'nonce-" + nonce + "'; connect-src 'self'; base-uri 'none'; "
                + "form-action 'none'";
    }

    byte[] html() {
        StringBuilder page = new StringBuilder(4096)
                .append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Saving your bank connection</title>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"referrer\" content=\"no-referrer\">");
        if (refreshUrl != null) {
            page.append("<noscript><meta http-equiv=\"refresh\" content=\"")
                    .append(Math.max(1, refreshAfter.toSeconds()))
                    .append(";url=")
                    .append(attribute(refreshUrl))
                    .append("\"></noscript>");
        }
        page.append("</head><body>")
                .append("<p id=\"connect-status\" data-state=\"retrying\" role=\"status\">Saving your bank connection."
                        + " This can take a few minutes: please keep this page open.</p>")
                .append("<noscript><p>This page reloads itself until the connection is saved.</p></noscript>")
                .append("<script type=\"application/json\" id=\"connect-retry\">")
                .append(settings())
                .append("</script>")
                .append("<script nonce=\"")
                .append(attribute(nonce))
                .append("\">")
                .append(SCRIPT)
                .append("</script>")
                .append("</body></html>\n");
        return page.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The settings as JSON safe inside a script element: no {@code <}, {@code >} or {@code &} survives raw. */
    String settings() {
        ObjectNode settings = JSON.createObjectNode()
                .put("storeUrl", storeUrl)
                .put("successUrl", successUrl)
                .put("failureUrl", failureUrl);
        ArrayNode delaysMs = settings.putArray("delaysMs");
        delays.forEach(d -> delaysMs.add(d.toMillis()));
        try {
            return JSON.writeValueAsString(settings)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&#39;");
    }
}
