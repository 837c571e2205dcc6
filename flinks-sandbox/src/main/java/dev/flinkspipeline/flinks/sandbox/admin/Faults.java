package dev.flinkspipeline.flinks.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flinkspipeline.flinks.sandbox.api.Envelopes;
import dev.flinkspipeline.flinks.sandbox.api.FlinksCode;
import dev.flinkspipeline.flinks.sandbox.api.Reply;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/** Fault injection per API endpoint (admin {@code PUT /sandbox/admin/faults}). */
public final class Faults {

    public static final List<String> ENDPOINTS =
            List.of("GenerateAuthorizeToken", "Authorize", "GetAccountsDetail", "GetAccountsDetailAsync", "Attributes");
    /** What a proxy or gateway in front of Flinks answers when it refuses us: HTML, no Flinks envelope. */
    static final String GATEWAY_REFUSAL = "<html><body>Forbidden</body></html>";

    /** What to do with one call: an answer replacing the real one (or null) and a delay before answering. */
    public record Decision(Reply replacement, long latencyMs) {
        static final Decision NONE = new Decision(null, 0);
    }

    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();

    public void add(JsonNode body) {
        FaultRule rule = FaultRule.fromJson(body);
        // one rule per endpoint: a new PUT replaces the previous one
        rules.removeIf(r -> r.endpoint.equals(rule.endpoint));
        rules.add(rule);
    }

    public void clear() {
        rules.clear();
    }

    public ArrayNode toJson() {
        ArrayNode a = Json.array();
        rules.forEach(r -> a.add(r.toJson()));
        return a;
    }

    /** Decides the fault (if any) for a call to an endpoint; cheap when no rule is set. */
    public Decision decide(String endpoint) {
        if (rules.isEmpty()) {
            return Decision.NONE;
        }
        for (FaultRule r : rules) {
            if (!r.endpoint.equals(endpoint) && !"*".equals(r.endpoint)) {
                continue;
            }
            if (r.remaining != null) {
                long left = r.remaining.getAndDecrement();
                if (left <= 0) {
                    rules.remove(r);
                    continue;
                }
                if (left == 1) {
                    rules.remove(r);
                }
            }
            return new Decision(pick(r), r.latencyMs);
        }
        return Decision.NONE;
    }

    private static Reply pick(FaultRule r) {
        double x = ThreadLocalRandom.current().nextDouble();
        if ((x -= r.serverErrorShare) < 0) {
            return Envelopes.error(FlinksCode.AGGREGATION_ERROR, r.serverErrorStatus, "Injected server error", null);
        }
        if ((x -= r.retryLaterShare) < 0) {
            return Envelopes.error(FlinksCode.RETRY_LATER);
        }
        if ((x -= r.tooManyRequestsShare) < 0) {
            return Envelopes.error(FlinksCode.TOO_MANY_REQUESTS, r.tooManyRequestsStatus, "Too many requests", null);
        }
        if ((x -= r.malformedShare) < 0) {
            return Reply.json(
                    200,
                    "{\"HttpStatusCode\":200,\"Accounts\":[{\"Transactions\":[{\"Date\":\"20"
                            .getBytes(StandardCharsets.UTF_8));
        }
        if ((x - r.unauthorizedShare) < 0) {
            return Reply.html(r.unauthorizedStatus, GATEWAY_REFUSAL);
        }
        return null;
    }
}
