package dev.flinkspipeline.ingest.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The value of a tag-bindings record: {@code {"v":1,"loginId":…,"content":…,"expiresAt":<epoch s>}}, the
 * key being the session id. JSON so that an operator can read the topic; no user reference, no tag.
 */
public final class ClaimCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimCodec() {}

    public static byte[] encode(TagClaim claim) {
        ObjectNode value = JSON.createObjectNode().put("v", 1).put("loginId", claim.loginId());
        if (claim.content() != null) {
            value.put("content", claim.content());
        }
        value.put("expiresAt", claim.expiresAt().getEpochSecond());
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The claim of a record, or empty when it is not one this codec wrote. */
    public static Optional<TagClaim> decode(String sessionId, byte[] value) {
        if (sessionId == null || value == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null
                    || !node.isObject()
                    || node.path("v").asInt() != 1
                    || !node.path("loginId").isTextual()
                    || !node.path("expiresAt").canConvertToLong()) {
                return Optional.empty();
            }
            JsonNode content = node.get("content");
            return Optional.of(new TagClaim(
                    sessionId,
                    node.get("loginId").textValue(),
                    content != null && content.isTextual() ? content.textValue() : null,
                    Instant.ofEpochSecond(node.get("expiresAt").asLong())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
