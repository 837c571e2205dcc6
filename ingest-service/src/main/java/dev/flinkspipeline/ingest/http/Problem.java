package dev.flinkspipeline.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.ingest.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An RFC 9457 problem ({@code application/problem+json}). Details name fields, positions and limits;
 * they never echo request values, secrets or personal data.
 *
 * @param code the last segment of the type URI, also the metric {@code reason}
 */
public record Problem(int status, String code, String title, String detail) {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://flinkspipeline.dev/problems/";

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Problem of(InvalidInputException e) {
        return new Problem(e.status(), e.code(), e.title(), e.detail());
    }

    /** The problem of a status the platform answers rather than an endpoint (route failures, {@code sendError}). */
    public static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> new Problem(400, "bad-request", "bad request", "The request is malformed.");
            case 404 -> new Problem(404, "not-found", "not found", "No such endpoint.");
            case 405 ->
                new Problem(
                        405, "method-not-allowed", "method not allowed", "The endpoint does not serve this method.");
            case 413 -> new Problem(413, "body-too-large", "body too large", "The body is too large.");
            default ->
                status >= 500
                        ? new Problem(status, "internal-error", "internal error", "The request could not be processed.")
                        : new Problem(status, "http-" + status, "request refused", "The request was refused.");
        };
    }

    public String type() {
        return TYPE_BASE + code;
    }

    public byte[] toJson() {
        ObjectNode body = JSON.createObjectNode()
                .put("type", type())
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes this problem as the whole response. */
    public void writeTo(HttpServletResponse response) throws IOException {
        byte[] body = toJson();
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
