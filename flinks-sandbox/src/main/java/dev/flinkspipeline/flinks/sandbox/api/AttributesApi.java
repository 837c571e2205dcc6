package dev.flinkspipeline.flinks.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.SandboxState;
import dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog;
import dev.flinkspipeline.flinks.sandbox.data.AttributesCalculator;
import dev.flinkspipeline.flinks.sandbox.data.LoginData;
import dev.flinkspipeline.flinks.sandbox.http.Call;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.flinks.sandbox.state.Login;
import dev.flinkspipeline.flinks.sandbox.state.Session;
import dev.flinkspipeline.flinks.sandbox.state.Sessions;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Attributes ("insight") of flinks-api.md 6: use-case GETs and the custom POST on
 * {@code /v3/{customerId}/insight/login/{loginId}/attributes/{requestId}[/{UseCase}]}.
 */
public final class AttributesApi {

    private final SandboxState state;
    private final BankingApi banking;

    public AttributesApi(SandboxState state, BankingApi banking) {
        this.state = state;
        this.banking = banking;
    }

    public Reply handle(Call call) throws IOException {
        Reply denied = banking.checkApiKey(call);
        if (denied != null) {
            return denied;
        }
        String loginId = call.segment(4);
        String requestId = call.segment(6);
        String suffix = call.segment(7);
        String useCase = null;
        if (suffix != null) {
            useCase = AttributeCatalog.useCase(suffix);
            if (useCase == null) {
                return Envelopes.error(FlinksCode.INVALID_REQUEST, 404, "Unknown attributes endpoint " + suffix, null);
            }
            if (!"GET".equals(call.method())) {
                return Envelopes.error(FlinksCode.METHOD_NOT_AVAILABLE, 405, "Use GET", null);
            }
        } else if (!"POST".equals(call.method())) {
            return Envelopes.error(FlinksCode.METHOD_NOT_AVAILABLE, 405, "Use POST", null);
        }
        Integer limitDays;
        try {
            limitDays = limitDays(call);
        } catch (IllegalArgumentException e) {
            return Envelopes.error(FlinksCode.INVALID_REQUEST, 400, e.getMessage(), requestId);
        }
        long now = SandboxState.now();
        Sessions.Lookup lookup = state.sessions().use(requestId, now);
        if (lookup.status() == Sessions.Status.NONEXISTENT) {
            return Envelopes.session(FlinksCode.SESSION_NONEXISTENT, requestId);
        }
        if (lookup.status() == Sessions.Status.EXPIRED) {
            return Envelopes.session(FlinksCode.SESSION_EXPIRED, requestId);
        }
        Session session = lookup.session();
        Login login = session.login();
        if (!login.loginId().equalsIgnoreCase(loginId)) {
            return Envelopes.error(
                    FlinksCode.INVALID_REQUEST, 400, "RequestId does not belong to this LoginId", requestId);
        }
        if (session.state() != Session.State.AUTHORIZED) {
            return Envelopes.error(FlinksCode.UNAUTHORIZED, 401, "The session is not authorized yet", requestId);
        }
        if (!login.isReady(now)) {
            return Envelopes.error(
                    FlinksCode.OPERATION_PENDING, 202, FlinksCode.OPERATION_PENDING.message(), requestId);
        }
        LoginData data = state.generator().generate(login.loginId());
        if (useCase != null) {
            AttributesCalculator calc = new AttributesCalculator(data, null, limitDays);
            return Reply.json(200, body(login, session, calc, AttributeCatalog.USE_CASES.get(useCase), List.of()));
        }
        try {
            return custom(call, login, session, data, limitDays);
        } catch (IllegalArgumentException e) {
            return Envelopes.error(FlinksCode.INVALID_REQUEST, 400, e.getMessage(), requestId);
        }
    }

    private Reply custom(Call call, Login login, Session session, LoginData data, Integer limitDays)
            throws IOException {
        JsonNode body = Json.parse(call.body());
        List<String> names = cardList(body, "Attributes", true);
        List<String> detailNames = List.of();
        for (String key : List.of("AttributesDetail", "AttributeDetails", "AttributesDetails", "AttributeDetail")) {
            if (Json.field(body, key) != null) {
                detailNames = cardList(body, key, false);
                break;
            }
        }
        for (String d : detailNames) {
            if (!names.contains(d)) {
                throw new IllegalArgumentException("Attribute " + d + " is in AttributesDetail but not in Attributes");
            }
        }
        JsonNode filters = Json.field(body, "Filters");
        if (filters != null && !filters.isNull()) {
            for (String category : Json.strings(filters, "AccountCategory")) {
                if (!"Operations".equalsIgnoreCase(category)) {
                    throw new IllegalArgumentException(
                            "Unsupported AccountCategory filter " + category + " (only Operations)");
                }
            }
        }
        List<String> accountIds = null;
        JsonNode accountFilter = Json.field(body, "AccountFilter");
        if (accountFilter != null && !accountFilter.isNull()) {
            accountIds = accountFilter.isArray()
                    ? Json.strings(body, "AccountFilter")
                    : Json.strings(accountFilter, "AccountId");
            if (accountIds.isEmpty()) {
                throw new IllegalArgumentException("AccountFilter is empty");
            }
            for (String id : accountIds) {
                if (data.account(id).isEmpty()) {
                    throw new IllegalArgumentException("Unknown account in AccountFilter: " + id);
                }
            }
        }
        AttributesCalculator calc = new AttributesCalculator(data, accountIds, limitDays);
        return Reply.json(200, body(login, session, calc, names, detailNames));
    }

    /** {@code {"Card": ["a", "b"]}} (key case-insensitive) into canonical attribute names. */
    private static List<String> cardList(JsonNode body, String field, boolean required) {
        JsonNode node = Json.field(body, field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new IllegalArgumentException(
                        field + " is required, e.g. {\"" + field + "\":{\"Card\":[\"...\"]}}");
            }
            return List.of();
        }
        List<String> raw = node.isArray() ? Json.strings(body, field) : Json.strings(node, "Card");
        if (required && raw.isEmpty()) {
            throw new IllegalArgumentException("No attribute given in " + field);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String name : raw) {
            String c = AttributeCatalog.canonical(name);
            if (c == null) {
                throw new IllegalArgumentException("Unknown attribute " + name);
            }
            out.add(c);
        }
        return new ArrayList<>(out);
    }

    private ObjectNode body(
            Login login, Session session, AttributesCalculator calc, List<String> names, List<String> details) {
        ObjectNode root = Json.object();
        root.put("HttpStatusCode", 200);
        ObjectNode card = root.putObject("Card");
        card.put("Id", login.loginId());
        for (Map.Entry<String, Object> e : calc.values(names).entrySet()) {
            put(card, e.getKey(), e.getValue());
        }
        root.set("Login", state.generator().login(login.loginId(), login.username()));
        root.put("RequestId", session.requestId());
        if (!details.isEmpty()) {
            ObjectNode d = root.putObject("AttributesDetails");
            for (String name : details) {
                ArrayNode list = d.putArray(name);
                for (AttributesCalculator.Detail detail : calc.details(name)) {
                    ObjectNode t = list.addObject();
                    t.put("TransactionId", detail.transaction().id());
                    t.put("AccountId", detail.accountId());
                    t.put("Date", detail.transaction().date().toString());
                    t.put("Description", detail.transaction().description());
                    t.put("Debit", detail.transaction().debit());
                    t.put("Credit", detail.transaction().credit());
                }
            }
        }
        return root;
    }

    static void put(ObjectNode node, String name, Object value) {
        if (value instanceof Boolean b) {
            node.put(name, b);
        } else if (value instanceof Integer i) {
            node.put(name, i);
        } else if (value instanceof BigDecimal d) {
            node.put(name, d);
        } else {
            node.put(name, value == null ? null : value.toString());
        }
    }

    private static Integer limitDays(Call call) {
        String v = call.header("limitDays");
        if (v == null) {
            v = call.query().get("limitDays");
        }
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            int days = Integer.parseInt(v.trim().toLowerCase(Locale.ROOT));
            if (days < 1 || days > 365) {
                throw new IllegalArgumentException("limitDays must be between 1 and 365");
            }
            return days;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limitDays must be an integer between 1 and 365");
        }
    }
}
