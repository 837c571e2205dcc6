package dev.flinkspipeline.flinks.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.SandboxState;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.GadOptions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.http.Call;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.flinks.sandbox.state.AuthorizeTokens;
import dev.flinkspipeline.flinks.sandbox.state.Login;
import dev.flinkspipeline.flinks.sandbox.state.Session;
import dev.flinkspipeline.flinks.sandbox.state.Sessions;
import dev.flinkspipeline.flinks.sandbox.state.ToolboxUsers;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** GenerateAuthorizeToken, Authorize, GetAccountsDetail and GetAccountsDetailAsync. */
public final class BankingApi {

    private static final String INVALID_TOKEN = "You must provide a valid authorize token";

    private final SandboxState state;
    private final AccountsDetailCache answers;

    public BankingApi(SandboxState state) {
        this.state = state;
        this.answers = state.accountsDetails();
    }

    // ------------------------------------------------------------ GenerateAuthorizeToken

    public Reply generateAuthorizeToken(Call call) {
        if (!"POST".equals(call.method())) {
            return Envelopes.error(FlinksCode.METHOD_NOT_AVAILABLE, "Use POST");
        }
        if (!state.credentials().secretKeyMatches(call.header("flinks-auth-key"))) {
            return Envelopes.error(FlinksCode.UNAUTHORIZED, "You must provide a valid auth key");
        }
        ObjectNode body = Json.object();
        body.put("HttpStatusCode", 200);
        body.put("Token", state.tokens().issue(SandboxState.now()));
        return Reply.json(200, body);
    }

    // ------------------------------------------------------------ Authorize

    public Reply authorize(Call call) throws IOException {
        if (!"POST".equals(call.method())) {
            return Envelopes.error(FlinksCode.METHOD_NOT_AVAILABLE, "Use POST");
        }
        long now = SandboxState.now();
        AuthorizeTokens.Token token = state.tokens().get(call.header("flinks-auth-key"));
        AuthorizeTokens.Status tokenStatus = state.tokens().status(token, now);
        JsonNode body;
        try {
            body = Json.parse(call.body());
        } catch (IllegalArgumentException e) {
            return tokenStatus == AuthorizeTokens.Status.VALID
                    ? Envelopes.error(FlinksCode.INVALID_REQUEST, 400, e.getMessage(), null)
                    : Envelopes.error(FlinksCode.UNAUTHORIZED, INVALID_TOKEN);
        }
        try {
            String requestId = Json.text(body, "RequestId");
            JsonNode responses = Json.field(body, "SecurityResponses");
            if (requestId != null && responses != null && !responses.isNull()) {
                return answerMfa(token, tokenStatus, requestId, responses, now);
            }
            if (tokenStatus != AuthorizeTokens.Status.VALID) {
                return Envelopes.error(FlinksCode.UNAUTHORIZED, INVALID_TOKEN);
            }
            return openSession(token, body, now);
        } catch (IllegalArgumentException e) {
            return Envelopes.error(FlinksCode.INVALID_REQUEST, 400, e.getMessage(), null);
        }
    }

    private Reply openSession(AuthorizeTokens.Token token, JsonNode body, long now) {
        String loginId = Json.text(body, "LoginId");
        String username = Json.text(body, "Username");
        boolean cached = Json.bool(body, "MostRecentCached", false);
        Login login;
        boolean live;
        if (loginId != null) {
            login = state.logins().get(loginId);
            if (login == null) {
                state.tokens().consume(token, "invalid-login", now);
                state.stats().authorize(loginId.toLowerCase(Locale.ROOT));
                return Envelopes.error(FlinksCode.INVALID_LOGIN, "The LoginId " + loginId + " is invalid");
            }
            live = !cached;
        } else if (username != null) {
            String institution = Json.text(body, "Institution");
            if (institution != null && !LoginDataGenerator.INSTITUTION.equalsIgnoreCase(institution)) {
                return Envelopes.error(FlinksCode.INVALID_REQUEST, 400, "Unknown institution " + institution, null);
            }
            String id = LoginDataGenerator.loginIdForUsername(username);
            login = state.logins().get(id);
            if (login == null) {
                login = new Login(id, username, now); // registered once the connection succeeds
            }
            if (!ToolboxUsers.PASSWORD.equals(Json.text(body, "Password"))) {
                state.tokens().consume(token, "invalid-password", now);
                state.stats().authorize(id);
                return Envelopes.error(FlinksCode.INVALID_PASSWORD);
            }
            live = true;
        } else {
            return Envelopes.error(
                    FlinksCode.INVALID_REQUEST, 400, "LoginId, or Username and Password, is required", null);
        }
        state.stats().authorize(login.loginId());
        FlinksCode failure = login.behaviour().authorizeFailure() != null
                ? login.behaviour().authorizeFailure()
                : ToolboxUsers.failure(login.username());
        if (failure != null) {
            state.tokens().consume(token, "failed:" + failure, now);
            return Envelopes.error(failure);
        }
        boolean mfa =
                live ? ToolboxUsers.hasMfa(login.username()) : login.behaviour().mfaOnCachedAuthorize();
        Session session = state.sessions()
                .open(login, token.value(), mfa ? Session.State.MFA_PENDING : Session.State.AUTHORIZED, live, now);
        if (!state.tokens().consume(token, session.requestId(), now)) {
            return Envelopes.error(FlinksCode.UNAUTHORIZED, INVALID_TOKEN);
        }
        String tag = Json.text(body, "Tag");
        if (tag != null) {
            login.tag(tag);
        }
        if (mfa) {
            return mfaChallenge(session);
        }
        if (live) {
            state.logins().replace(login);
            state.startAggregation(login, true);
        }
        return authorized(session);
    }

    private Reply answerMfa(
            AuthorizeTokens.Token token,
            AuthorizeTokens.Status tokenStatus,
            String requestId,
            JsonNode responses,
            long now) {
        if (token == null
                || tokenStatus == AuthorizeTokens.Status.UNKNOWN
                || tokenStatus == AuthorizeTokens.Status.EXPIRED) {
            return Envelopes.error(FlinksCode.UNAUTHORIZED, INVALID_TOKEN);
        }
        Sessions.Lookup lookup = state.sessions().use(requestId, now);
        if (lookup.status() == Sessions.Status.NONEXISTENT) {
            return Envelopes.session(FlinksCode.SESSION_NONEXISTENT, requestId);
        }
        if (lookup.status() == Sessions.Status.EXPIRED) {
            return Envelopes.session(FlinksCode.SESSION_EXPIRED, requestId);
        }
        Session session = lookup.session();
        // the token may be presented again only for the MFA round of the session it opened
        if (!Objects.equals(token.usedBy(), session.requestId()) || session.state() != Session.State.MFA_PENDING) {
            return Envelopes.error(FlinksCode.UNAUTHORIZED, INVALID_TOKEN);
        }
        state.stats().authorize(session.login().loginId());
        if (!responses.isObject()) {
            return Envelopes.error(FlinksCode.INVALID_REQUEST, 400, "SecurityResponses must be an object", null);
        }
        int answered = 0;
        Iterator<Map.Entry<String, JsonNode>> it = responses.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String expected = expectedAnswer(e.getKey());
            if (expected == null) {
                return Envelopes.error(
                        FlinksCode.UNKNOWN_CHALLENGE_KEY,
                        401,
                        "No security challenge matches the response key",
                        session.requestId());
            }
            JsonNode v = e.getValue();
            String given = v.isArray() && v.size() > 0 ? v.get(0).asText() : v.isTextual() ? v.asText() : null;
            if (given == null || !expected.equalsIgnoreCase(given.trim())) {
                return Envelopes.error(
                        FlinksCode.INVALID_SECURITY_RESPONSE,
                        401,
                        FlinksCode.INVALID_SECURITY_RESPONSE.message(),
                        session.requestId());
            }
            answered++;
        }
        if (answered < ToolboxUsers.MFA_QUESTIONS.size()) {
            return Envelopes.error(
                    FlinksCode.SECURITYRESPONSES_INCOMPLETE,
                    401,
                    FlinksCode.SECURITYRESPONSES_INCOMPLETE.message(),
                    session.requestId());
        }
        session.state(Session.State.AUTHORIZED);
        if (session.newConnectionOnSuccess()) {
            state.logins().replace(session.login());
            state.startAggregation(session.login(), true);
        }
        return authorized(session);
    }

    private static String expectedAnswer(String prompt) {
        for (Map.Entry<String, String> q : ToolboxUsers.MFA_QUESTIONS.entrySet()) {
            if (q.getKey().equalsIgnoreCase(prompt.trim())) {
                return q.getValue();
            }
        }
        return null;
    }

    private Reply authorized(Session session) {
        ObjectNode body = Json.object();
        body.put("HttpStatusCode", 200);
        ArrayNode links = body.putArray("Links");
        link(links, "AccountsDetail", "/GetAccountsDetail");
        link(links, "AccountsSummary", "/GetAccountsSummary");
        link(links, "Statements", "/GetStatements");
        body.put("InstitutionName", LoginDataGenerator.INSTITUTION);
        body.set(
                "Login",
                state.generator()
                        .login(session.login().loginId(), session.login().username()));
        body.put("InstitutionId", LoginDataGenerator.INSTITUTION_ID);
        body.put("Institution", LoginDataGenerator.INSTITUTION);
        body.put("RequestId", session.requestId());
        return Reply.json(200, body);
    }

    private Reply mfaChallenge(Session session) {
        ObjectNode body = Json.object();
        body.put("HttpStatusCode", 203);
        link(body.putArray("Links"), "Authorization", "/Authorize");
        ArrayNode challenges = body.putArray("SecurityChallenges");
        for (String prompt : ToolboxUsers.MFA_QUESTIONS.keySet()) {
            ObjectNode c = challenges.addObject();
            c.put("Type", "QuestionAndAnswer");
            c.put("Prompt", prompt);
        }
        body.put("Institution", LoginDataGenerator.INSTITUTION);
        body.put("RequestId", session.requestId());
        return Reply.json(203, body);
    }

    private static void link(ArrayNode links, String rel, String href) {
        ObjectNode l = links.addObject();
        l.put("rel", rel);
        l.put("href", href);
        l.putNull("example");
    }

    // ------------------------------------------------------------ GetAccountsDetail (+Async)

    /** Null when the x-api-key is fine (or not enforced), else the 401. */
    public Reply checkApiKey(Call call) {
        if (state.config().enforceApiKey() && !state.credentials().apiKeyMatches(call.header("x-api-key"))) {
            return Envelopes.error(FlinksCode.UNAUTHORIZED, "You must provide a valid x-api-key");
        }
        return null;
    }

    public Reply accountsDetail(Call call) throws IOException {
        if (!"POST".equals(call.method())) {
            return Envelopes.error(FlinksCode.METHOD_NOT_AVAILABLE, "Use POST");
        }
        Reply denied = checkApiKey(call);
        if (denied != null) {
            return denied;
        }
        GadOptions options;
        String requestId;
        try {
            JsonNode body = Json.parse(call.body());
            requestId = Json.text(body, "RequestId");
            options = new GadOptions(
                    Json.bool(body, "WithAccountIdentity", false),
                    Json.bool(body, "WithKYC", false),
                    Json.bool(body, "WithTransactions", true),
                    DaysOfTransactions.parse(Json.text(body, "DaysOfTransactions")),
                    Json.strings(body, "AccountsFilter"),
                    Json.bool(body, "WithDetailsAndBankingStatements", false));
        } catch (IllegalArgumentException e) {
            return Envelopes.error(FlinksCode.INVALID_REQUEST, 400, e.getMessage(), null);
        }
        if (requestId == null || requestId.isBlank()) {
            return Envelopes.error(FlinksCode.INVALID_REQUEST, 400, "RequestId is required", null);
        }
        return answer(requestId, options, false);
    }

    public Reply accountsDetailAsync(Call call, String requestId) {
        if (!"GET".equals(call.method())) {
            return Envelopes.error(FlinksCode.METHOD_NOT_AVAILABLE, "Use GET");
        }
        Reply denied = checkApiKey(call);
        if (denied != null) {
            return denied;
        }
        if (requestId == null || requestId.isBlank()) {
            return Envelopes.error(FlinksCode.INVALID_REQUEST, 400, "RequestId is required in the path", null);
        }
        return answer(requestId, null, true);
    }

    private Reply answer(String requestId, GadOptions options, boolean async) {
        long now = SandboxState.now();
        Sessions.Lookup lookup = state.sessions().use(requestId, now);
        if (lookup.status() != Sessions.Status.ACTIVE) {
            // GAD documents SESSION_NONEXISTENT for unknown and expired RequestIds alike
            return Envelopes.session(FlinksCode.SESSION_NONEXISTENT, requestId);
        }
        Session session = lookup.session();
        if (session.state() != Session.State.AUTHORIZED) {
            return Envelopes.error(
                    FlinksCode.UNAUTHORIZED,
                    401,
                    "The session is not authorized yet (answer the MFA first)",
                    requestId);
        }
        Login login = session.login();
        FlinksCode failure = login.behaviour().accountsDetailFailure();
        if (failure != null) {
            return Envelopes.error(
                    failure, failure.httpStatus(), String.format(failure.message(), requestId), requestId);
        }
        if (options == null) {
            options = session.lastOptions();
        } else {
            session.lastOptions(options);
        }
        if (!login.poll(now)) {
            return Reply.json(202, async ? session.pendingAsyncBody() : session.pendingGadBody());
        }
        return Reply.json(200, answers.body(login.loginId(), login.username(), options, session.requestId()));
    }
}
