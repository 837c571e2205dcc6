package dev.flinkspipeline.flinks.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One incoming request, decoded just enough for routing: method, path segments, headers, body, query. */
public final class Call {

    /** Request bodies above this are refused (413): the sandbox never needs more. */
    public static final int MAX_BODY = 1 << 20;

    private final HttpExchange exchange;
    private final String method;
    private final String[] segments;
    private final long startNanos;
    private byte[] body;
    private Map<String, String> query;

    Call(HttpExchange exchange, String[] segments, long startNanos) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod();
        this.segments = segments;
        this.startNanos = startNanos;
    }

    public String method() {
        return method;
    }

    public String[] segments() {
        return segments;
    }

    public String segment(int i) {
        return i < segments.length ? segments[i] : null;
    }

    public int size() {
        return segments.length;
    }

    public long startNanos() {
        return startNanos;
    }

    public String path() {
        return exchange.getRequestURI().getRawPath();
    }

    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    public byte[] body() throws IOException {
        if (body == null) {
            body = readBody(exchange.getRequestBody());
        }
        return body;
    }

    /** Query parameters, or the url-encoded form of a POST body when its content type says so. */
    public Map<String, String> query() {
        if (query == null) {
            query = parseForm(exchange.getRequestURI().getRawQuery());
        }
        return query;
    }

    public Map<String, List<String>> formMulti() throws IOException {
        return FormData.parseMulti(new String(body(), StandardCharsets.UTF_8));
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(
                        URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: ignore that parameter rather than fail the page
            }
        }
        return out;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > MAX_BODY) {
                throw new BodyTooLargeException();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }
    }
}
