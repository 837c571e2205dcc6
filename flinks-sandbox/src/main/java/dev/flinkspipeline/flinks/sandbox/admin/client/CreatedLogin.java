package dev.flinkspipeline.flinks.sandbox.admin.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A login as the admin API describes it: ids, its accounts and the sandbox's full answer ({@link #raw()}:
 * readiness, behaviour, whether webhooks were scheduled).
 */
public record CreatedLogin(
        String loginId, String username, List<String> accountIds, List<Account> accounts, JsonNode raw) {

    public CreatedLogin {
        accountIds = List.copyOf(accountIds);
        accounts = List.copyOf(accounts);
    }

    /** One account of the login, as the banking API will return it. */
    public record Account(String id, String type, String category) {}

    static CreatedLogin fromJson(JsonNode json) {
        JsonNode loginId = json.path("loginId");
        if (!loginId.isTextual() || loginId.asText().isBlank()) {
            throw new IllegalArgumentException("the sandbox's login answer has no loginId: " + json);
        }
        List<String> ids = new ArrayList<>();
        json.path("accountIds").forEach(id -> ids.add(id.asText()));
        List<Account> accounts = new ArrayList<>();
        json.path("accounts")
                .forEach(a -> accounts.add(new Account(
                        a.path("id").asText(),
                        a.path("type").asText(null),
                        a.path("category").asText(null))));
        return new CreatedLogin(loginId.asText(), json.path("username").asText(null), ids, accounts, json);
    }
}
