package dev.flinkspipeline.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.json.JsonErrors;
import java.io.IOException;

/**
 * Parses a Flinks webhook body and decides what it becomes. Numbers with a fraction are read as
 * {@link java.math.BigDecimal} with their trailing zeros, so money is never a {@code double}.
 */
public final class WebhookParser {

    static final int MAX_RESPONSE_TYPE_LENGTH = 100;

    private static final ObjectMapper JSON = newMapper();

    static ObjectMapper newMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .build();
        // The body is already bounded by the servlet's limit; Jackson's 20 MB string cap would refuse a
        // legitimate Base64 statement inside that limit.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE).build());
        return mapper;
    }

    /** @throws InvalidInputException when the body is not one JSON object */
    public ParsedWebhook parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw JsonErrors.malformed(e);
        } catch (IOException e) {
            throw InvalidInputException.badRequest("malformed-json", "unreadable body", "The body cannot be read.");
        }
        if (root == null || root.isMissingNode()) {
            throw InvalidInputException.badRequest("malformed-json", "empty body", "The body is empty.");
        }
        if (!root.isObject()) {
            throw InvalidInputException.badRequest("invalid-webhook", "not a webhook",
                    "The body must be a JSON object.");
        }
        ObjectNode object = (ObjectNode) root;
        String responseType = sanitize(Fields.find(object, "ResponseType"));
        return new ParsedWebhook(kind(object, responseType), responseType, object);
    }

    private static WebhookKind kind(ObjectNode root, String responseType) {
        if (responseType == null) {
            return WebhookKind.UNHANDLED;
        }
        JsonNode status = Fields.find(root, "HttpStatusCode");
        // A body announcing a non-200 status (an unconfirmed failure webhook) has no data to map: keep it
        // raw rather than emit an empty AccountsReady.
        boolean ok = status == null || status.isNull() || (status.canConvertToInt() && status.asInt() == 200);
        if (responseType.equalsIgnoreCase("KYC") && ok) {
            return WebhookKind.KYC;
        }
        if (responseType.equalsIgnoreCase("GetAccountsDetail") && ok) {
            return WebhookKind.ACCOUNTS_DETAIL;
        }
        return WebhookKind.UNHANDLED;
    }

    private static String sanitize(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String text = node.textValue().trim();
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < text.length() && clean.length() < MAX_RESPONSE_TYPE_LENGTH; i++) {
            char c = text.charAt(i);
            clean.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return clean.isEmpty() ? null : clean.toString();
    }
}
