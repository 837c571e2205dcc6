package dev.flinkspipeline.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.json.JsonErrors;
import dev.flinkspipeline.ingest.json.UnpairedSurrogates;
import java.io.IOException;

/**
 * Parses a Flinks webhook body and tells what it is. Numbers with a fraction are read as
 * {@link java.math.BigDecimal} with their trailing zeros, so money is never a {@code double}. A document
 * that cannot be read back unchanged is refused: a key given twice (which value would Flinks mean?) or a
 * string that is not valid Unicode (Avro would replace it).
 */
public final class WebhookParser {

    static final int MAX_RESPONSE_TYPE_LENGTH = 100;

    private static final ObjectMapper JSON = newMapper();

    static ObjectMapper newMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .build();
        // The body is already bounded by the servlet's limit; Jackson's 20 MB string cap would refuse a
        // legitimate Base64 statement inside that limit.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE).build());
        return mapper;
    }

    /**
     * The JSON document of {@code body}, whatever its type. Strings are not checked yet: see
     * {@link #requireValidUnicode}.
     *
     * @throws InvalidInputException (400) {@code malformed-json} (syntax, truncation, empty body, parser
     *         limits), {@code duplicate-key}, or {@code invalid-unicode} (bad UTF-8, an unpaired surrogate
     *         in a key)
     */
    public JsonNode read(byte[] body) {
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
        return root;
    }

    /**
     * @throws InvalidInputException (400 {@code invalid-unicode}) when a string holds an unpaired surrogate,
     *         naming its path
     */
    public static void requireValidUnicode(JsonNode document) {
        String unpaired = UnpairedSurrogates.find(document);
        if (unpaired != null) {
            throw InvalidInputException.badRequest("invalid-unicode", "invalid Unicode",
                    unpaired + " holds an unpaired UTF-16 surrogate.");
        }
    }

    /**
     * What a webhook object is.
     *
     * @throws InvalidInputException (422 {@code invalid-payload}) when {@code HttpStatusCode} is not an integer
     */
    public ParsedWebhook classify(ObjectNode root) {
        String responseType = responseType(root);
        Integer status = Fields.integer(Fields.find(root, "HttpStatusCode"), "HttpStatusCode");
        return new ParsedWebhook(kind(responseType, status), responseType, status, root);
    }

    /**
     * {@link #read}, {@link #requireValidUnicode} and {@link #classify} of a body that must be an object.
     *
     * @throws InvalidInputException as those, and 400 {@code invalid-webhook} for a document that is no object
     */
    public ParsedWebhook parse(byte[] body) {
        JsonNode root = read(body);
        requireValidUnicode(root);
        if (!root.isObject()) {
            throw notAnObject();
        }
        return classify((ObjectNode) root);
    }

    /** The {@code ResponseType} as sent, sanitised (printable ASCII, at most 100 characters), or null. */
    public static String responseType(ObjectNode root) {
        return sanitize(Fields.find(root, "ResponseType"));
    }

    static InvalidInputException notAnObject() {
        return InvalidInputException.badRequest("invalid-webhook", "not a webhook",
                "The body is JSON but not an object.");
    }

    private static WebhookKind kind(String responseType, Integer status) {
        boolean kyc = "KYC".equalsIgnoreCase(responseType);
        boolean accounts = "GetAccountsDetail".equalsIgnoreCase(responseType);
        if (!kyc && !accounts) {
            return WebhookKind.UNKNOWN_TYPE;
        }
        // A body announcing a non-200 status has no data to map: Flinks tells us the request failed.
        if (status != null && status != 200) {
            return WebhookKind.FAILED_REQUEST;
        }
        return kyc ? WebhookKind.KYC : WebhookKind.ACCOUNTS_DETAIL;
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
