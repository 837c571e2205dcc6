package dev.flinkspipeline.flinks.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code /Authorize} 200: a session is open under {@link #requestId()}.
 *
 * @param institutionName optional (older answers lack it)
 * @param institutionId   optional (older answers lack it)
 */
public record AuthorizeResponse(
        Integer httpStatusCode,
        String requestId,
        String institution,
        String institutionName,
        Integer institutionId,
        Login login,
        List<Link> links,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public AuthorizeResponse {
        links = Extras.list(links);
        extra = Extras.copy(extra);
    }

    /** The loginId of the opened session, when Flinks sent the {@code Login} object. */
    public String loginId() {
        return login == null ? null : login.id();
    }
}
