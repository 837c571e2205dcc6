package dev.flinkspipeline.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.json.Json;

/**
 * A GetAccountsDetail webhook of a chosen size: the sandbox's 365-day webhook for a login, its first
 * account's transactions repeated (each copy with its own Id) until the body reaches the size. Still a
 * valid, mappable webhook: it becomes an AccountsReady like any other.
 */
public final class LargeWebhooks {

    private LargeWebhooks() {}

    public static byte[] accountsDetail(
            LoginDataGenerator generator, String loginId, String requestId, int targetBytes) {
        ObjectNode body = generator.webhookAccountsDetail(
                loginId, "greatday_nomfa", requestId, "large", DaysOfTransactions.Days365);
        int size = Json.bytes(body).length;
        ArrayNode transactions = (ArrayNode) body.get("Accounts").get(0).get("Transactions");
        int original = transactions.size();
        if (original == 0 || size >= targetBytes) {
            return Json.bytes(body);
        }
        int copied = 0;
        while (size < targetBytes) {
            // Estimate from the first copy, then top up: copies differ in length a little.
            int perTransaction = Json.bytes(transactions.get(0)).length + 20;
            int copies = (targetBytes - size) / perTransaction + 1;
            for (int i = 0; i < copies; i++, copied++) {
                JsonNode template = transactions.get(copied % original);
                ObjectNode copy = template.deepCopy();
                copy.put("Id", "large-" + copied + "-" + template.path("Id").asText());
                transactions.add(copy);
            }
            size = Json.bytes(body).length;
        }
        return Json.bytes(body);
    }
}
