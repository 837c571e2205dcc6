package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.ingest.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Query parameters of a URL (the redirect URL inside a REDIRECT event) or of a raw query string (a
 * callback store request, whose parameters travel in the query so that no body is ever read).
 */
public final class QueryParams {

    private final List<String[]> pairs;

    private QueryParams(List<String[]> pairs) {
        this.pairs = pairs;
    }

    /** The parameters of {@code url}'s query; none for a null URL. */
    public static QueryParams ofUrl(String url) {
        if (url == null) {
            return new QueryParams(new ArrayList<>());
        }
        String query;
        try {
            query = new URI(url.trim()).getRawQuery();
        } catch (URISyntaxException e) {
            throw InvalidInputException.badRequest(
                    "invalid-event", "url is invalid", "The REDIRECT event's url is not a valid URL.");
        }
        try {
            return ofQuery(query);
        } catch (InvalidInputException e) {
            throw InvalidInputException.badRequest(
                    "invalid-event", "url is invalid", "The REDIRECT event's url has a malformed query.");
        }
    }

    /** The parameters of a raw (still encoded) query string; none for null. */
    public static QueryParams ofQuery(String query) {
        List<String[]> pairs = new ArrayList<>();
        if (query == null) {
            return new QueryParams(pairs);
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                pairs.add(new String[] {name, value});
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.badRequest(
                        "invalid-query", "query is invalid", "The query string is malformed (bad percent-encoding).");
            }
        }
        return new QueryParams(pairs);
    }

    /** The first non-blank value of {@code name}, or null. */
    public String first(String name) {
        for (String[] pair : pairs) {
            if (pair[0].equals(name) && !pair[1].isBlank()) {
                return pair[1];
            }
        }
        return null;
    }

    /** Every value of {@code name}, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String[] pair : pairs) {
            if (pair[0].equals(name)) {
                values.add(pair[1]);
            }
        }
        return values;
    }
}
