package dev.flinkspipeline.flinks.sandbox.connect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.SandboxState;
import dev.flinkspipeline.flinks.sandbox.api.FlinksCode;
import dev.flinkspipeline.flinks.sandbox.api.Reply;
import dev.flinkspipeline.flinks.sandbox.data.Account;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.LoginData;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.http.Call;
import dev.flinkspipeline.flinks.sandbox.http.FormData;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.flinks.sandbox.state.AuthorizeTokens;
import dev.flinkspipeline.flinks.sandbox.state.Login;
import dev.flinkspipeline.flinks.sandbox.state.ToolboxUsers;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Connect iframe: {@code GET /v2/?authorizeToken=…&redirectUrl=…&tag=…&demo=true}, then plain HTML
 * forms posted back to the server (works without JS and over plain HTTP): institution → credentials →
 * MFA (when the user has it) → account selection → redirect. Each page posts the Connect events to
 * {@code window.parent}. Element ids are stable; see the module README.
 */
public final class ConnectPages {

    private static final String INSTITUTION = LoginDataGenerator.INSTITUTION;
    private final SandboxState state;

    public ConnectPages(SandboxState state) {
        this.state = state;
    }

    public Reply handle(Call call) throws IOException {
        String step = call.segment(1);
        if (step == null) {
            return "GET".equals(call.method())
                    ? open(call)
                    : Reply.html(405, errorPage("METHOD_NOT_AVAILABLE", "Use GET"));
        }
        if (!"POST".equals(call.method())) {
            return Reply.html(405, errorPage("METHOD_NOT_AVAILABLE", "Use POST"));
        }
        Map<String, List<String>> form = call.formMulti();
        ConnectFlow flow = state.connectFlows().get(FormData.first(form, "flowId"));
        if (flow == null) {
            return Reply.html(
                    400,
                    errorPage(
                            FlinksCode.SESSION_NONEXISTENT.name(), "This Connect session does not exist or has ended"));
        }
        return switch (step) {
            case "institution" -> institution(flow, form);
            case "credentials" -> credentials(flow, form);
            case "mfa" -> mfa(flow, form);
            case "accounts" -> accounts(flow, form);
            default -> Reply.html(404, errorPage("NOT_FOUND", "No such page"));
        };
    }

    // ------------------------------------------------------------ pages

    private Reply open(Call call) {
        Map<String, String> q = call.query();
        long now = SandboxState.now();
        AuthorizeTokens.Token token = state.tokens().get(q.get("authorizeToken"));
        AuthorizeTokens.Status status = state.tokens().status(token, now);
        if (status != AuthorizeTokens.Status.VALID) {
            String why = switch (status) {
                case USED -> "The authorize token was already used";
                case EXPIRED -> "The authorize token has expired";
                default ->
                    q.get("authorizeToken") == null ? "authorizeToken is missing" : "The authorize token is unknown";
            };
            return Reply.html(401, errorPage("TOKEN_INVALID", why));
        }
        String redirectUrl = q.get("redirectUrl");
        if (redirectUrl != null && !(redirectUrl.startsWith("http://") || redirectUrl.startsWith("https://"))) {
            return Reply.html(400, errorPage("INVALID_REQUEST", "redirectUrl must be an absolute http(s) URL"));
        }
        ConnectFlow flow =
                state.connectFlows().open(redirectUrl, q.get("tag"), "true".equalsIgnoreCase(q.get("demo")), q, now);
        if (!state.tokens().consume(token, "connect:" + flow.id(), now)) {
            return Reply.html(401, errorPage("TOKEN_INVALID", "The authorize token was already used"));
        }
        ArrayNode events = events(
                event("APP_MOUNTED"),
                event("COMPONENT_LOAD_INSTITUTION_SELECTOR").put("cached", false));
        String content;
        if (flow.demo()) {
            content = "<form id=\"institution-form\" method=\"post\" action=\"/v2/institution\">" + hidden(flow)
                    + "<p>Choose your institution</p>"
                    + "<button id=\"institution-" + INSTITUTION + "\" type=\"submit\" name=\"institution\" value=\""
                    + INSTITUTION + "\">" + INSTITUTION + "</button></form>";
        } else {
            content = "<p id=\"no-institution\">No institution available. The test institution FlinksCapital "
                    + "appears with demo=true.</p>";
        }
        return Reply.html(
                200, Html.page("INSTITUTION_SELECTOR", "Select your institution", events, content, null, null));
    }

    private Reply institution(ConnectFlow flow, Map<String, List<String>> form) {
        if (!flow.demo() || !INSTITUTION.equalsIgnoreCase(FormData.first(form, "institution"))) {
            return Reply.html(400, errorPage("DISABLED_INSTITUTION", "Unknown institution"));
        }
        flow.step(ConnectFlow.Step.CREDENTIALS);
        ArrayNode events = events(
                event("INSTITUTION_SELECTED").put("institution", INSTITUTION),
                event("COMPONENT_LOAD_CREDENTIAL").put("institution", INSTITUTION));
        return Reply.html(200, credentialPage(flow, events, null, null));
    }

    private Reply credentials(ConnectFlow flow, Map<String, List<String>> form) {
        if (flow.step() != ConnectFlow.Step.CREDENTIALS) {
            return outOfStep(flow);
        }
        String username = trim(FormData.first(form, "username"));
        String password = FormData.first(form, "password");
        ArrayNode events = events(event("SUBMIT_CREDENTIAL").put("institution", INSTITUTION));
        if (username == null || username.isEmpty()) {
            return retryCredentials(flow, events, FlinksCode.INVALID_USERNAME, "Enter your username");
        }
        FlinksCode failure = ToolboxUsers.failure(username);
        if (failure == null && !ToolboxUsers.PASSWORD.equals(password)) {
            failure = FlinksCode.INVALID_PASSWORD;
        }
        if (failure != null) {
            return retryCredentials(flow, events, failure, failure.message());
        }
        flow.username(username);
        if ("on".equalsIgnoreCase(FormData.first(form, "newLogin"))
                || "true".equalsIgnoreCase(flow.param("newLogin"))) {
            flow.loginId(UUID.randomUUID().toString());
        } else {
            flow.loginId(LoginDataGenerator.loginIdForUsername(username));
        }
        if (ToolboxUsers.hasMfa(username)) {
            flow.step(ConnectFlow.Step.MFA);
            events.add(event("COMPONENT_LOAD_MFA").set("mfaTypes", Json.array().add("QuestionAndAnswer")));
            return Reply.html(200, mfaPage(flow, events, null));
        }
        return accountSelection(flow, events);
    }

    private Reply mfa(ConnectFlow flow, Map<String, List<String>> form) {
        if (flow.step() != ConnectFlow.Step.MFA) {
            return outOfStep(flow);
        }
        ArrayNode events =
                events(event("SUBMIT_MFA").set("mfaTypes", Json.array().add("QuestionAndAnswer")));
        int i = 0;
        for (String expected : ToolboxUsers.MFA_QUESTIONS.values()) {
            String given = trim(FormData.first(form, "answer" + i++));
            if (given == null || !expected.equalsIgnoreCase(given)) {
                events.add(event(FlinksCode.INVALID_SECURITY_RESPONSE.name()));
                events.add(event("COMPONENT_LOAD_MFA_RETRY")
                        .set("mfaTypes", Json.array().add("QuestionAndAnswer")));
                return Reply.html(200, mfaPage(flow, events, FlinksCode.INVALID_SECURITY_RESPONSE));
            }
        }
        return accountSelection(flow, events);
    }

    private Reply accountSelection(ConnectFlow flow, ArrayNode events) {
        flow.step(ConnectFlow.Step.ACCOUNTS);
        LoginData data = state.generator().generate(flow.loginId());
        events.add(event("COMPONENT_LOAD_ACCOUNT_SELECTION")
                .put("totalAccounts", data.accounts().size())
                .put("displayedAccounts", data.accounts().size()));
        StringBuilder b = new StringBuilder("<form id=\"account-form\" method=\"post\" action=\"/v2/accounts\">")
                .append(hidden(flow))
                .append("<p>Select the accounts to share (none selected = all)</p>");
        int i = 0;
        for (Account a : data.accounts()) {
            b.append("<label><input type=\"checkbox\" id=\"account-")
                    .append(i)
                    .append("\" name=\"accountId\" value=\"")
                    .append(Html.esc(a.id()))
                    .append("\" data-type=\"")
                    .append(Html.esc(a.type()))
                    .append("\"> ")
                    .append(Html.esc(a.title()))
                    .append(" ****")
                    .append(Html.esc(last4(a.accountNumber())))
                    .append("</label>");
            i++;
        }
        b.append("<button id=\"submit-accounts\" type=\"submit\">Continue</button></form>");
        return Reply.html(200, Html.page("ACCOUNT_SELECTION", "Select accounts", events, b.toString(), null, null));
    }

    private Reply accounts(ConnectFlow flow, Map<String, List<String>> form) {
        if (flow.step() != ConnectFlow.Step.ACCOUNTS) {
            return outOfStep(flow);
        }
        LoginData data = state.generator().generate(flow.loginId());
        List<String> selected = new ArrayList<>(form.getOrDefault("accountId", List.of()));
        for (String id : selected) {
            if (data.account(id).isEmpty()) {
                return Reply.html(400, errorPage(FlinksCode.INVALID_REQUEST.name(), "Unknown account"));
            }
        }
        if (selected.isEmpty()) {
            selected = data.accountIds();
        }
        flow.step(ConnectFlow.Step.DONE);
        long now = SandboxState.now();
        Login login = state.logins().getOrCreate(flow.loginId(), flow.username(), now);
        if (flow.tag() != null) {
            login.tag(flow.tag());
        }
        String days = flow.param("daysOfTransactions");
        if (days != null) {
            try {
                login.webhookDays(DaysOfTransactions.parse(days));
            } catch (IllegalArgumentException e) {
                // keep the default window for an unknown value
            }
        }
        state.startAggregation(login, true);
        String accountIds = String.join(",", selected);
        String url = redirectUrl(flow, accountIds);
        ArrayNode events = events(event("ACCOUNT_SELECTED").put("accountId", accountIds));
        ObjectNode redirect = event("REDIRECT")
                .put("loginId", flow.loginId())
                .put("institution", INSTITUTION)
                .put("accountId", accountIds);
        redirect.put("url", url);
        events.add(redirect);
        boolean jsRedirect = "true".equalsIgnoreCase(flow.param("jsRedirect"));
        boolean inner = "true".equalsIgnoreCase(flow.param("innerRedirect"));
        String content = "<p id=\"success\" data-login-id=\"" + Html.esc(flow.loginId()) + "\">Connected.</p>"
                + (url == null ? "" : "<a id=\"redirect-link\" href=\"" + Html.esc(url) + "\">Continue</a>");
        String head = null;
        String js = null;
        if (url != null && !jsRedirect) {
            head = "<noscript><meta http-equiv=\"refresh\" content=\"0;url=" + Html.esc(url) + "\"></noscript>";
            js = "var u=" + Json.string(Json.NODES.textNode(url)).replace("</", "<\\/") + ";"
                    + (inner ? "window.location.href=u;" : "(window.top||window).location.href=u;");
        }
        return Reply.html(200, Html.page("REDIRECT", "Connected", events, content, head, js));
    }

    // ------------------------------------------------------------ parts

    private String redirectUrl(ConnectFlow flow, String accountIds) {
        if (flow.redirectUrl() == null) {
            return null;
        }
        StringBuilder u = new StringBuilder(flow.redirectUrl());
        u.append(flow.redirectUrl().contains("?") ? '&' : '?');
        u.append("loginId=").append(enc(flow.loginId())).append("&institution=").append(INSTITUTION);
        if (flow.tag() != null) {
            u.append("&tag=").append(enc(flow.tag()));
        }
        u.append("&accountId=").append(accountIds); // ids are GUIDs; commas kept readable
        return u.toString();
    }

    private Reply retryCredentials(ConnectFlow flow, ArrayNode events, FlinksCode code, String message) {
        events.add(event(code.name()).put("institution", INSTITUTION));
        events.add(event("COMPONENT_LOAD_CREDENTIAL_RETRY").put("institution", INSTITUTION));
        return Reply.html(200, credentialPage(flow, events, code, message));
    }

    private Reply outOfStep(ConnectFlow flow) {
        return Reply.html(
                409,
                errorPage(
                        FlinksCode.INVALID_REQUEST.name(),
                        "This step is not expected now (current step: " + flow.step() + ")"));
    }

    private static String credentialPage(ConnectFlow flow, ArrayNode events, FlinksCode error, String message) {
        String content = errorDiv(error, message)
                + "<form id=\"credential-form\" method=\"post\" action=\"/v2/credentials\">" + hidden(flow)
                + "<label for=\"username\">Username</label><input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"off\">"
                + "<label for=\"password\">Password</label><input type=\"password\" id=\"password\" name=\"password\">"
                + "<label><input type=\"checkbox\" id=\"new-login\" name=\"newLogin\"> Connect as a new login</label>"
                + "<button id=\"submit-credential\" type=\"submit\">Connect</button></form>";
        return Html.page("CREDENTIAL", "Sign in to " + INSTITUTION, events, content, null, null);
    }

    private static String mfaPage(ConnectFlow flow, ArrayNode events, FlinksCode error) {
        StringBuilder b = new StringBuilder(errorDiv(error, error == null ? null : "Wrong answer, try again"))
                .append("<form id=\"mfa-form\" method=\"post\" action=\"/v2/mfa\">")
                .append(hidden(flow));
        int i = 0;
        for (String prompt : ToolboxUsers.MFA_QUESTIONS.keySet()) {
            b.append("<label for=\"mfa-answer-")
                    .append(i)
                    .append("\" class=\"mfa-prompt\">")
                    .append(Html.esc(prompt))
                    .append("</label><input type=\"text\" id=\"mfa-answer-")
                    .append(i)
                    .append("\" name=\"answer")
                    .append(i)
                    .append("\" autocomplete=\"off\">");
            i++;
        }
        b.append("<button id=\"submit-mfa\" type=\"submit\">Continue</button></form>");
        return Html.page("MFA", "Security questions", events, b.toString(), null, null);
    }

    private static String errorDiv(FlinksCode code, String message) {
        return code == null
                ? ""
                : "<div id=\"error\" data-flinks-code=\"" + code.name() + "\">" + Html.esc(message) + "</div>";
    }

    private static String errorPage(String code, String message) {
        ArrayNode events = events(event(code));
        return Html.page(
                "ERROR",
                "Flinks Connect",
                events,
                "<div id=\"error\" data-flinks-code=\"" + Html.esc(code) + "\">" + Html.esc(message) + "</div>",
                null,
                null);
    }

    private static String hidden(ConnectFlow flow) {
        return "<input type=\"hidden\" id=\"flow-id\" name=\"flowId\" value=\"" + Html.esc(flow.id()) + "\">";
    }

    private static ObjectNode event(String step) {
        ObjectNode e = Json.object();
        e.put("step", step);
        return e;
    }

    private static ArrayNode events(ObjectNode... events) {
        ArrayNode a = Json.array();
        for (ObjectNode e : events) {
            a.add(e);
        }
        return a;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String last4(String n) {
        return n.length() <= 4 ? n : n.substring(n.length() - 4);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
