package dev.flinkspipeline.ingest.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A well-formed webhook body.
 *
 * @param kind         what it becomes
 * @param responseType its {@code ResponseType} as sent (sanitised, at most 100 characters), or null
 * @param root         the parsed document
 */
public record ParsedWebhook(WebhookKind kind, String responseType, ObjectNode root) {

    @Override
    public String toString() {
        return "ParsedWebhook[kind=" + kind + ", responseType=" + responseType + "]";
    }
}
