package dev.flinkspipeline.flinks.sandbox.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One webhook payload to one URL and every attempt made to deliver it. */
public final class WebhookDelivery {

    public enum Status {
        PENDING,
        DELIVERED,
        FAILED
    }

    record Attempt(Instant at, Integer statusCode, String error) {}

    final String id;
    final String loginId;
    final String requestId;
    final String responseType;
    final String url;
    final byte[] body;
    final String signature;
    private final List<Attempt> attempts = new ArrayList<>();
    private Status status = Status.PENDING;

    WebhookDelivery(
            String id,
            String loginId,
            String requestId,
            String responseType,
            String url,
            byte[] body,
            String signature) {
        this.id = id;
        this.loginId = loginId;
        this.requestId = requestId;
        this.responseType = responseType;
        this.url = url;
        this.body = body;
        this.signature = signature;
    }

    synchronized int record(Integer statusCode, String error, int maxAttempts) {
        attempts.add(new Attempt(Instant.now(), statusCode, error));
        if (statusCode != null && statusCode == 200) {
            status = Status.DELIVERED;
        } else if (attempts.size() >= maxAttempts) {
            status = Status.FAILED;
        }
        return attempts.size();
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized int attempts() {
        return attempts.size();
    }

    public String loginId() {
        return loginId;
    }

    public String responseType() {
        return responseType;
    }

    synchronized ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("id", id);
        n.put("loginId", loginId);
        n.put("requestId", requestId);
        n.put("responseType", responseType);
        n.put("url", url);
        n.put("status", status.name());
        n.put("attempts", attempts.size());
        n.put("bodyBytes", body.length);
        ArrayNode codes = n.putArray("statusCodes");
        ArrayNode history = n.putArray("history");
        for (Attempt a : attempts) {
            if (a.statusCode() != null) {
                codes.add(a.statusCode());
            } else {
                codes.addNull();
            }
            ObjectNode h = history.addObject();
            h.put("at", a.at().toString());
            if (a.statusCode() != null) {
                h.put("statusCode", a.statusCode());
            } else {
                h.putNull("statusCode");
            }
            h.put("error", a.error());
        }
        return n;
    }
}
