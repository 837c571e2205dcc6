package dev.flinkspipeline.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.edge.PreReadBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/** Small helpers shared by the servlets. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private Http() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static void json(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** 503 with {@code Retry-After} (whole seconds) and a problem body. */
    static void unavailable(HttpServletResponse response, Duration retryAfter, String code, String title, String detail)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        new Problem(503, code, title, detail).writeTo(response);
    }

    /**
     * Requires a JSON content type ({@code application/json} or {@code application/*+json}, any
     * parameters).
     */
    static void requireJson(HttpServletRequest request) {
        String type = request.getContentType();
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")
                && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new InvalidInputException(
                    415, "unsupported-media-type", "unsupported content type", "The body must be application/json.");
        }
    }

    /**
     * The body, at most {@code limit} bytes (413 past it, 400 when shorter than declared): the one the edge
     * read before the servlet ran ({@link PreReadBody}), else read from the stream.
     */
    static byte[] body(HttpServletRequest request, long limit) {
        if (request.getAttribute(PreReadBody.KEY) instanceof PreReadBody preRead) {
            if (preRead.bytes().length > limit) {
                throw BoundedBody.tooLarge(limit);
            }
            return preRead.bytes();
        }
        try {
            return BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), limit);
        } catch (IOException e) {
            // The client went away or the connection broke mid-body: whatever arrived is incomplete.
            throw InvalidInputException.badRequest(
                    "truncated-body", "truncated body", "The connection ended before the whole body arrived.");
        }
    }

    /** A request id of a payload, for logs: only when it looks like an identifier (never free text). */
    static String loggable(String id) {
        return id != null && id.length() <= 64 && id.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')
                ? id
                : null;
    }
}
