package dev.flinkspipeline.flinks.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.SandboxState;
import dev.flinkspipeline.flinks.sandbox.api.FlinksCode;
import dev.flinkspipeline.flinks.sandbox.api.Reply;
import dev.flinkspipeline.flinks.sandbox.data.Account;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.GadOptions;
import dev.flinkspipeline.flinks.sandbox.data.LoginData;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.http.Call;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.flinks.sandbox.state.Login;
import dev.flinkspipeline.flinks.sandbox.state.LoginBehaviour;
import java.io.IOException;
import java.util.UUID;

/**
 * Admin API under {@code /sandbox/admin} (JSON): script the sandbox without a browser. See the module README.
 */
public final class AdminApi {

    private final SandboxState state;

    public AdminApi(SandboxState state) {
        this.state = state;
    }

    public Reply handle(Call call) throws IOException {
        try {
            return route(call);
        } catch (IllegalArgumentException e) {
            return problem(400, e.getMessage());
        }
    }

    private Reply route(Call call) throws IOException {
        String m = call.method();
        String a = call.segment(2);
        int n = call.size();
        if ("logins".equals(a)) {
            if (n == 3 && "POST".equals(m)) return createLogin(Json.parse(call.body()));
            if (n == 4 && "GET".equals(m)) return loginInfo(call.segment(3));
            if (n == 5 && "behaviour".equals(call.segment(4)) && "PUT".equals(m)) {
                return behaviour(call.segment(3), Json.parse(call.body()));
            }
            if (n == 5 && "prepare".equals(call.segment(4)) && "POST".equals(m)) {
                return prepare(call.segment(3), call.body().length == 0 ? null : Json.parse(call.body()));
            }
        } else if ("faults".equals(a) && n == 3) {
            switch (m) {
                case "PUT", "POST" -> {
                    state.faults().add(Json.parse(call.body()));
                    return Reply.json(200, state.faults().toJson());
                }
                case "GET" -> {
                    return Reply.json(200, state.faults().toJson());
                }
                case "DELETE" -> {
                    state.faults().clear();
                    return Reply.json(200, state.faults().toJson());
                }
                default -> {}
            }
        } else if ("webhooks".equals(a)) {
            if (n == 3 && "PUT".equals(m))
                return Reply.json(
                        200, state.webhooks().update(Json.parse(call.body())).toJson());
            if (n == 3 && "GET".equals(m))
                return Reply.json(200, state.webhooks().settings().toJson());
            if (n == 4 && "deliveries".equals(call.segment(3)) && "GET".equals(m)) {
                return Reply.json(
                        200, state.webhooks().deliveriesJson(call.query().get("loginId")));
            }
        } else if ("credentials".equals(a) && n == 3) {
            switch (m) {
                case "PUT" -> {
                    return changeCredentials(Json.parse(call.body()));
                }
                case "GET" -> {
                    return Reply.json(200, credentials());
                }
                case "DELETE" -> {
                    state.credentials().restore();
                    return Reply.json(200, credentials());
                }
                default -> {}
            }
        } else if ("reset".equals(a) && n == 3 && "POST".equals(m)) {
            state.reset();
            ObjectNode ok = Json.object();
            ok.put("reset", true);
            return Reply.json(200, ok);
        } else if ("stats".equals(a) && "GET".equals(m)) {
            if (n == 3) return Reply.json(200, state.stats().toJson());
            // 200 with no calls for a login never seen: proving "no call" is what tests ask this for
            if (n == 5 && "logins".equals(call.segment(3)))
                return Reply.json(200, state.stats().loginJson(call.segment(4)));
        }
        return problem(404, "No such admin endpoint: " + m + " " + call.path());
    }

    private Reply createLogin(JsonNode body) {
        String username = Json.text(body, "username");
        boolean newLogin = Json.bool(body, "newLogin", false);
        String loginId;
        if (username == null || username.isBlank()) {
            loginId = UUID.randomUUID().toString();
            username = "sandbox-" + loginId.substring(0, 8);
        } else {
            loginId = newLogin ? UUID.randomUUID().toString() : LoginDataGenerator.loginIdForUsername(username);
        }
        DaysOfTransactions days = days(Json.field(body, "days"));
        String webhookUrl = Json.text(body, "webhookUrl");
        if (webhookUrl != null && !(webhookUrl.startsWith("http://") || webhookUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("webhookUrl must be an http(s) URL");
        }
        JsonNode behaviour = Json.field(body, "behaviour");
        long now = SandboxState.now();
        Login login = state.logins().getOrCreate(loginId, username, now);
        String tag = Json.text(body, "tag");
        if (tag != null) {
            login.tag(tag);
        }
        if (webhookUrl != null) {
            login.webhookUrl(webhookUrl);
        }
        login.webhookDays(days);
        state.startAggregation(login, false);
        if (behaviour != null && !behaviour.isNull()) {
            apply(login, behaviour);
        }
        boolean fire = Json.bool(body, "fireWebhooks", true);
        if (fire) {
            state.webhooks()
                    .loginCompleted(
                            login, UUID.randomUUID().toString(), state.config().pendingTime());
        }
        JsonNode prepare = Json.field(body, "prepare");
        Integer prepared = prepare == null || prepare.isNull() || (prepare.isBoolean() && !prepare.asBoolean())
                ? null
                : prepare(login, prepare, days);
        ObjectNode out = info(login);
        if (prepared != null) {
            out.put("preparedBytes", prepared);
        }
        out.put(
                "webhooks",
                fire
                        && (login.webhookUrl() != null
                                || state.webhooks().settings().url() != null));
        return Reply.json(201, out);
    }

    /** {@code {secretKey?, apiKey?}}: accepted from now on; a key left out stays as it is. */
    private Reply changeCredentials(JsonNode body) {
        String secretKey = key(body, "secretKey");
        String apiKey = key(body, "apiKey");
        if (secretKey == null && apiKey == null) {
            throw new IllegalArgumentException("secretKey or apiKey is required");
        }
        state.credentials().change(secretKey, apiKey);
        return Reply.json(200, credentials());
    }

    private static String key(JsonNode body, String name) {
        JsonNode v = Json.field(body, name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(name + " must be a non-blank string");
        }
        return v.asText();
    }

    /** Whether each key differs from the configured one; never the values. */
    private ObjectNode credentials() {
        ObjectNode out = Json.object();
        out.put("secretKeyChanged", state.credentials().secretKeyChanged());
        out.put("apiKeyChanged", state.credentials().apiKeyChanged());
        return out;
    }

    private Reply loginInfo(String loginId) {
        Login login = state.logins().get(loginId);
        return login == null ? problem(404, "Unknown loginId " + loginId) : Reply.json(200, info(login));
    }

    private Reply behaviour(String loginId, JsonNode body) {
        Login login = state.logins().get(loginId);
        if (login == null) {
            return problem(404, "Unknown loginId " + loginId);
        }
        apply(login, body);
        return Reply.json(200, info(login));
    }

    private Reply prepare(String loginId, JsonNode body) {
        Login login = state.logins().get(loginId);
        if (login == null) {
            return problem(404, "Unknown loginId " + loginId);
        }
        int bytes = prepare(login, body, login.webhookDays());
        ObjectNode out = info(login);
        out.put("preparedBytes", bytes);
        return Reply.json(200, out);
    }

    /**
     * Generates the login's GetAccountsDetail 200 body now (the cache serves it later), so a test switching
     * many logins to 200 at once measures its client, not the sandbox generating payloads. {@code true} or
     * an empty body = everything (identity, KYC, transactions, no statements) for {@code defaultDays}; an
     * object gives the request's options (missing ones: identity, KYC and transactions on).
     */
    private int prepare(Login login, JsonNode spec, DaysOfTransactions defaultDays) {
        GadOptions options;
        if (spec == null || spec.isNull() || (spec.isBoolean() && spec.asBoolean())) {
            options = GadOptions.full(defaultDays);
        } else if (spec.isObject()) {
            JsonNode days = Json.field(spec, "days");
            options = new GadOptions(
                    Json.bool(spec, "withAccountIdentity", true),
                    Json.bool(spec, "withKyc", true),
                    Json.bool(spec, "withTransactions", true),
                    days == null || days.isNull() ? defaultDays : days(days),
                    Json.strings(spec, "accountsFilter"),
                    Json.bool(spec, "withStatements", false));
        } else {
            throw new IllegalArgumentException("prepare must be true, false or an object of GetAccountsDetail options");
        }
        return state.accountsDetails().prepare(login.loginId(), login.username(), options);
    }

    private static void apply(Login login, JsonNode body) {
        if (!body.isObject()) {
            throw new IllegalArgumentException("behaviour must be a JSON object");
        }
        LoginBehaviour b = login.behaviour();
        FlinksCode authorize = Json.field(body, "authorizeFlinksCode") != null
                ? code(body, "authorizeFlinksCode")
                : b.authorizeFailure();
        FlinksCode gad = b.accountsDetailFailure();
        for (String name : new String[] {"accountsDetailFlinksCode", "gadFlinksCode"}) {
            if (Json.field(body, name) != null) {
                gad = code(body, name);
            }
        }
        boolean mfa = Json.bool(body, "mfaOnCachedAuthorize", b.mfaOnCachedAuthorize());
        login.behaviour(new LoginBehaviour(authorize, gad, mfa));
        if (Json.field(body, "pendingForever") != null) {
            login.pendingForever(Json.bool(body, "pendingForever", false));
        }
        JsonNode polls = Json.field(body, "pendingPolls");
        if (polls != null && !polls.isNull()) {
            if (!polls.canConvertToInt() || polls.asInt() < 0) {
                throw new IllegalArgumentException("pendingPolls must be a non-negative integer");
            }
            login.pendingPolls(polls.asInt());
        }
    }

    private static FlinksCode code(JsonNode body, String name) {
        String v = Json.text(body, name);
        return v == null || v.isBlank() ? null : FlinksCode.parse(v);
    }

    private static DaysOfTransactions days(JsonNode v) {
        if (v == null || v.isNull()) {
            return DaysOfTransactions.Days90;
        }
        if (v.canConvertToInt() && v.isNumber()) {
            return DaysOfTransactions.ofDays(v.asInt());
        }
        return DaysOfTransactions.parse(v.asText());
    }

    private ObjectNode info(Login login) {
        ObjectNode out = Json.object();
        out.put("loginId", login.loginId());
        out.put("username", login.username());
        out.put("tag", login.tag());
        out.put("webhookUrl", login.webhookUrl());
        out.put("days", login.webhookDays().name());
        LoginData data = state.generator().generate(login.loginId());
        ArrayNode ids = out.putArray("accountIds");
        ArrayNode accounts = out.putArray("accounts");
        for (Account acc : data.accounts()) {
            ids.add(acc.id());
            ObjectNode a = accounts.addObject();
            a.put("id", acc.id());
            a.put("type", acc.type());
            a.put("category", acc.category());
        }
        out.put("ready", login.isReady(SandboxState.now()));
        out.put("pendingPolls", login.pendingPolls());
        out.put("pendingForever", login.pendingForever());
        ObjectNode b = out.putObject("behaviour");
        LoginBehaviour lb = login.behaviour();
        b.put(
                "authorizeFlinksCode",
                lb.authorizeFailure() == null ? null : lb.authorizeFailure().name());
        b.put(
                "accountsDetailFlinksCode",
                lb.accountsDetailFailure() == null
                        ? null
                        : lb.accountsDetailFailure().name());
        b.put("mfaOnCachedAuthorize", lb.mfaOnCachedAuthorize());
        return out;
    }

    private static Reply problem(int status, String message) {
        ObjectNode body = Json.object();
        body.put("HttpStatusCode", status);
        body.put("Message", message);
        return Reply.json(status, body);
    }
}
