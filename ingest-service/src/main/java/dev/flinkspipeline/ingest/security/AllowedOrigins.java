package dev.flinkspipeline.ingest.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The web origins whose pages may relay Connect events ({@code ingest.connect.allowed-origins}), compared
 * with the request's {@code Origin} header. Without an allowed Origin the relay is refused: a browser
 * always sends Origin on a cross-site POST, so another site's page cannot post events in a visitor's name,
 * and a back end relaying events states its origin explicitly. An empty list allows nothing.
 */
public final class AllowedOrigins {

    private final Set<String> origins;

    /**
     * @param origins {@code scheme://host[:port]}, e.g. {@code https://app.example}
     * @throws IllegalArgumentException for an entry that is not an http(s) origin (a path, a wildcard, ...)
     */
    public AllowedOrigins(List<String> origins) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String origin : origins) {
            String o = origin == null ? "" : origin.trim();
            if (o.isEmpty()) {
                continue;
            }
            String canonical = canonical(o);
            if (canonical == null) {
                throw new IllegalArgumentException("ingest.connect.allowed-origins: '" + safe(o)
                        + "' is not an origin (scheme://host[:port], http or https, no path)");
            }
            normalized.add(canonical);
        }
        this.origins = Set.copyOf(normalized);
    }

    public boolean isEmpty() {
        return origins.isEmpty();
    }

    /** Whether the {@code Origin} header value names an allowed origin (absent, {@code null} or other: no). */
    public boolean allows(String originHeader) {
        if (originHeader == null || originHeader.isBlank()) {
            return false;
        }
        String canonical = canonical(originHeader.trim());
        return canonical != null && origins.contains(canonical);
    }

    /** {@code scheme://host[:port]} lower-cased, the scheme's default port dropped; null when not an origin. */
    static String canonical(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return null;
        }
        String host = uri.getHost();
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && uri.getRawUserInfo() == null;
        if (host == null || host.isEmpty() || !bare || host.contains("*")) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** A configured value for an error message: printable ASCII only, bounded. */
    private static String safe(String value) {
        String v = value.length() > 80 ? value.substring(0, 80) : value;
        return v.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
