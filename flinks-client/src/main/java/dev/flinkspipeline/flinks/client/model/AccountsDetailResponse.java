package dev.flinkspipeline.flinks.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A GetAccountsDetail 200 (also GetAccountsDetailAsync 200 and the {@code GetAccountsDetail} webhook, which
 * adds {@code ResponseType} and {@code Tag}).
 *
 * @param extra top-level fields this model does not name (kept for the events)
 */
public record AccountsDetailResponse(
        Integer httpStatusCode,
        String requestId,
        String institution,
        String institutionName,
        Integer institutionId,
        Login login,
        List<Account> accounts,
        String tag,
        String responseType,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public AccountsDetailResponse {
        accounts = Extras.list(accounts);
        extra = Extras.copy(extra);
    }

    /** The loginId, when Flinks sent the {@code Login} object. */
    public String loginId() {
        return login == null ? null : login.id();
    }

    @Override
    public String toString() {
        return "AccountsDetailResponse[requestId=" + requestId + ", loginId=" + loginId() + ", institution="
                + institution + ", accounts=" + accounts.size() + "]";
    }
}
