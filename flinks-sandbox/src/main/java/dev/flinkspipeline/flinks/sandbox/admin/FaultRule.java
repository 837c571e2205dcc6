package dev.flinkspipeline.flinks.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults injected on one endpoint ("*" = every API endpoint). Shares are probabilities 0..1 drawn in this
 * order: 5xx, RETRY_LATER, TOO_MANY_REQUESTS, malformed body, refusal by a gateway (HTML 401/403, no Flinks
 * envelope). With {@code count} set the rule applies to the next N calls only and then disappears.
 */
public final class FaultRule {

    final String endpoint;
    final long latencyMs;
    final double serverErrorShare;
    final int serverErrorStatus;
    final double retryLaterShare;
    final double tooManyRequestsShare;
    final int tooManyRequestsStatus;
    final double malformedShare;
    final double unauthorizedShare;
    final int unauthorizedStatus;
    final AtomicLong remaining; // null = unlimited

    FaultRule(
            String endpoint,
            long latencyMs,
            double serverErrorShare,
            int serverErrorStatus,
            double retryLaterShare,
            double tooManyRequestsShare,
            int tooManyRequestsStatus,
            double malformedShare,
            double unauthorizedShare,
            int unauthorizedStatus,
            Long count) {
        this.endpoint = endpoint;
        this.latencyMs = latencyMs;
        this.serverErrorShare = serverErrorShare;
        this.serverErrorStatus = serverErrorStatus;
        this.retryLaterShare = retryLaterShare;
        this.tooManyRequestsShare = tooManyRequestsShare;
        this.tooManyRequestsStatus = tooManyRequestsStatus;
        this.malformedShare = malformedShare;
        this.unauthorizedShare = unauthorizedShare;
        this.unauthorizedStatus = unauthorizedStatus;
        this.remaining = count == null ? null : new AtomicLong(count);
    }

    static FaultRule fromJson(JsonNode body) {
        String endpoint = Json.text(body, "endpoint");
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("endpoint is required (GenerateAuthorizeToken, Authorize, "
                    + "GetAccountsDetail, GetAccountsDetailAsync, Attributes or *)");
        }
        if (!Faults.ENDPOINTS.contains(endpoint) && !"*".equals(endpoint)) {
            throw new IllegalArgumentException(
                    "unknown endpoint " + endpoint + "; one of " + Faults.ENDPOINTS + " or *");
        }
        long latency = number(body, "latencyMs", 0, 0, 600_000);
        int tmrStatus = (int) number(body, "tooManyRequestsStatus", 401, 100, 599);
        if (tmrStatus != 401 && tmrStatus != 403 && tmrStatus != 429) {
            throw new IllegalArgumentException("tooManyRequestsStatus must be 401, 403 or 429");
        }
        int serverStatus = (int) number(body, "serverErrorStatus", 500, 500, 599);
        int unauthorizedStatus = (int) number(body, "unauthorizedStatus", 401, 100, 599);
        if (unauthorizedStatus != 401 && unauthorizedStatus != 403) {
            throw new IllegalArgumentException("unauthorizedStatus must be 401 or 403");
        }
        JsonNode count = Json.field(body, "count");
        Long n = null;
        if (count != null && !count.isNull()) {
            if (!count.canConvertToLong() || count.asLong() < 1) {
                throw new IllegalArgumentException("count must be a positive integer");
            }
            n = count.asLong();
        }
        return new FaultRule(
                endpoint,
                latency,
                share(body, "serverErrorShare"),
                serverStatus,
                share(body, "retryLaterShare"),
                share(body, "tooManyRequestsShare"),
                tmrStatus,
                share(body, "malformedShare"),
                share(body, "unauthorizedShare"),
                unauthorizedStatus,
                n);
    }

    private static double share(JsonNode body, String name) {
        JsonNode v = Json.field(body, name);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
            throw new IllegalArgumentException(name + " must be a number between 0 and 1");
        }
        return v.asDouble();
    }

    private static long number(JsonNode body, String name, long dflt, long min, long max) {
        JsonNode v = Json.field(body, name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new IllegalArgumentException(name + " must be an integer between " + min + " and " + max);
        }
        return v.asLong();
    }

    ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("endpoint", endpoint);
        n.put("latencyMs", latencyMs);
        n.put("serverErrorShare", serverErrorShare);
        n.put("serverErrorStatus", serverErrorStatus);
        n.put("retryLaterShare", retryLaterShare);
        n.put("tooManyRequestsShare", tooManyRequestsShare);
        n.put("tooManyRequestsStatus", tooManyRequestsStatus);
        n.put("malformedShare", malformedShare);
        n.put("unauthorizedShare", unauthorizedShare);
        n.put("unauthorizedStatus", unauthorizedStatus);
        if (remaining != null) {
            n.put("remaining", remaining.get());
        } else {
            n.putNull("remaining");
        }
        return n;
    }
}
