package dev.flinkspipeline.ingest.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A webhook body that is a JSON object, classified.
 *
 * @param kind         what it is
 * @param responseType its {@code ResponseType} as sent (sanitised, at most 100 characters), or null
 * @param httpStatus   its {@code HttpStatusCode}, or null when absent
 * @param root         the parsed document
 */
public record ParsedWebhook(WebhookKind kind, String responseType, Integer httpStatus, ObjectNode root) {

    @Override
    public String toString() {
        return "ParsedWebhook[kind=" + kind + ", responseType=" + responseType + ", httpStatus=" + httpStatus + "]";
    }
}
