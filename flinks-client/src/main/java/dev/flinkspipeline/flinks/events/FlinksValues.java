package dev.flinkspipeline.flinks.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.flinkspipeline.events.Address;
import dev.flinkspipeline.events.Holder;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.flinks.client.model.Guids;
import dev.flinkspipeline.schemas.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The parts every Flinks payload shares (Login, Holder, money, unmodelled fields), as event values. */
final class FlinksValues {

    /** timestamp-nanos holds 1677-09-21 to 2262-04-11; Flinks' "never" sentinel (year 1) is outside. */
    private static final Instant NANOS_MIN = Instant.parse("1677-09-22T00:00:00Z");

    private static final Instant NANOS_MAX = Instant.parse("2262-04-10T00:00:00Z");

    private FlinksValues() {}

    /**
     * The event's Login. Its id is {@code Login.Id} in lower case; absent, the login the channel asked for.
     *
     * @param knownLoginId the login the channel asked Flinks about, or null (a webhook names it only in
     *                     {@code Login.Id})
     * @throws UnmappablePayloadException {@code missing-login-id} when neither names the login;
     *         {@code invalid-login-id} when {@code Login.Id} is no GUID or not {@code knownLoginId}
     */
    static Login login(dev.flinkspipeline.flinks.client.model.Login login, String knownLoginId) {
        String id = login == null || login.id() == null ? null : login.id().trim();
        if (id == null || id.isEmpty()) {
            if (knownLoginId == null) {
                throw new UnmappablePayloadException(
                        UnmappablePayloadException.MISSING_LOGIN_ID,
                        login == null
                                ? "The payload has no Login object with an Id."
                                : "The payload's Login object has no Id.");
            }
            id = knownLoginId;
        } else if (!Guids.isGuid(id)) {
            throw new UnmappablePayloadException(
                    UnmappablePayloadException.INVALID_LOGIN_ID, "The payload's Login.Id must be a GUID.");
        } else if (knownLoginId != null && !knownLoginId.equalsIgnoreCase(id)) {
            throw new UnmappablePayloadException(
                    UnmappablePayloadException.INVALID_LOGIN_ID, "The payload's Login.Id is not the login asked for.");
        } else {
            id = Guids.normalize(id);
        }
        if (login == null) {
            return new Login(id, null, null, null, null);
        }
        Instant lastRefresh = login.lastRefresh();
        if (lastRefresh != null && (lastRefresh.isBefore(NANOS_MIN) || lastRefresh.isAfter(NANOS_MAX))) {
            lastRefresh = null;
        }
        return new Login(id, login.username(), login.isScheduledRefresh(), lastRefresh, login.type());
    }

    /** Name and Email are required strings in the schema; Flinks may omit them: absent becomes "". */
    static Holder holder(dev.flinkspipeline.flinks.client.model.Holder h) {
        if (h == null) {
            return null;
        }
        dev.flinkspipeline.flinks.client.model.Address a = h.address();
        return new Holder(
                h.name() == null ? "" : h.name(),
                a == null
                        ? null
                        : new Address(a.civicAddress(), a.city(), a.province(), a.postalCode(), a.poBox(), a.country()),
                h.email() == null ? "" : h.email(),
                h.phoneNumber());
    }

    /**
     * An amount at scale 4, exactly; null stays null.
     *
     * @throws UnmappablePayloadException {@code invalid-payload} naming {@code path} when it needs rounding
     */
    static BigDecimal money(BigDecimal amount, String path) {
        try {
            return Money.ofNullable(amount);
        } catch (Money.UnrepresentableMoneyException e) {
            throw UnmappablePayloadException.invalid(path, "cannot be held exactly as decimal(22,4)");
        }
    }

    /** Fields the schema does not model, as raw JSON text; {@code Map.of()} (no allocation) when none. */
    static Map<String, String> extra(Map<String, JsonNode> extra) {
        if (extra.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        extra.forEach((k, v) -> out.put(k, v == null ? "null" : v.toString()));
        return out;
    }

    /** A string as JSON text, for a modelled field the event keeps in {@code extra}. */
    static String quoted(String value) {
        return TextNode.valueOf(value).toString();
    }
}
