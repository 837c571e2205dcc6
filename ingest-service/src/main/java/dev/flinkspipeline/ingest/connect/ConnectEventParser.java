package dev.flinkspipeline.ingest.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.json.JsonErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses a relayed Connect event. The front end posts the {@code event.data} it received, either as
 * the object or, with Connect's {@code stringify=true}, as a JSON string holding the object.
 */
public final class ConnectEventParser {

    static final int MAX_STEP_LENGTH = 64;
    /** Connect's steps are upper-case identifiers; anything else is not a Connect event. */
    private static final Pattern STEP = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0," + (MAX_STEP_LENGTH - 1) + "}");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** @throws InvalidInputException for malformed JSON, a non-object, or a missing step */
    public ConnectEvent parse(byte[] body) {
        JsonNode root = read(body);
        if (root.isTextual()) {
            root = read(root.textValue().getBytes(StandardCharsets.UTF_8));
        }
        if (!root.isObject()) {
            throw InvalidInputException.badRequest(
                    "invalid-event", "not a Connect event", "The body must be a JSON object (the Connect event data).");
        }
        String step = text(root, "step");
        if (step == null) {
            if (text(root, "flinksCode") != null) {
                step = ConnectSteps.API_ERROR;
            } else {
                throw InvalidInputException.badRequest(
                        "invalid-event", "step is missing", "The Connect event has no step.");
            }
        }
        if (!STEP.matcher(step).matches()) {
            throw InvalidInputException.badRequest(
                    "invalid-event",
                    "step is invalid",
                    "The step must be a Connect step name: at most " + MAX_STEP_LENGTH
                            + " letters, digits or underscores.");
        }
        step = step.toUpperCase(Locale.ROOT);
        String requestId = text(root, "requestId");
        String flinksCode = text(root, "flinksCode");
        if (!ConnectSteps.REDIRECT.equals(step)) {
            return new ConnectEvent(
                    step,
                    text(root, "loginId"),
                    text(root, "institution"),
                    text(root, "tag"),
                    List.of(),
                    requestId,
                    flinksCode);
        }
        QueryParams url = QueryParams.ofUrl(text(root, "url"));
        String loginId = firstNonNull(text(root, "loginId"), url.first("loginId"));
        String institution = firstNonNull(text(root, "institution"), url.first("institution"));
        String tag = firstNonNull(text(root, "tag"), url.first("tag"));
        List<String> accountIds = new ArrayList<>(values(root.get("accountId")));
        if (accountIds.isEmpty()) {
            accountIds.addAll(url.all("accountId"));
        }
        return new ConnectEvent(step, loginId, institution, tag, accountIds, requestId, flinksCode);
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw InvalidInputException.badRequest("malformed-json", "empty body", "The body is empty.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw JsonErrors.malformed(e);
        } catch (IOException e) {
            throw InvalidInputException.badRequest("malformed-json", "unreadable body", "The body cannot be read.");
        }
    }

    private static String text(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String value = node.isValueNode() ? node.asText() : null;
        return value == null || value.isBlank() ? null : value;
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(n -> {
                if (n.isValueNode() && !n.isNull()) {
                    values.add(n.asText());
                }
            });
        } else if (node.isValueNode()) {
            values.add(node.asText());
        }
        return values;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
