package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives the Connect page over plain HTTP form posts, as a browser without JS would. */
class ConnectPageTest {

    static final String REDIRECT = "https://app.example.test/flinks/done";
    static FlinksSandbox sandbox;
    static Http http;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.defaults());
        http = new Http(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    Http.Answer open(String token) {
        return http.get(sandbox.connectUrl() + "?authorizeToken=" + token + "&redirectUrl=" + enc(REDIRECT) + "&tag="
                + enc("user=7&x") + "&demo=true");
    }

    static String flowId(String html) {
        Matcher m = Pattern.compile("name=\"flowId\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("flowId in page").isTrue();
        return m.group(1);
    }

    static List<String> steps(String html) {
        Matcher m = Pattern.compile(
                        "<script id=\"flinks-events\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        List<String> steps = new ArrayList<>();
        for (JsonNode e : Json.parse(m.group(1).replace("<\\/", "</").getBytes(StandardCharsets.UTF_8))) {
            steps.add(e.get("step").asText());
        }
        return steps;
    }

    static JsonNode event(String html, String step) {
        Matcher m = Pattern.compile(
                        "<script id=\"flinks-events\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).isTrue();
        for (JsonNode e : Json.parse(m.group(1).replace("<\\/", "</").getBytes(StandardCharsets.UTF_8))) {
            if (step.equals(e.get("step").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + step + " event");
    }

    static List<String> accountIds(String html) {
        Matcher m = Pattern.compile("name=\"accountId\" value=\"([^\"]+)\"").matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    String v2(String page) {
        return sandbox.baseUrl() + "/v2/" + page;
    }

    @Test
    void greatdayGoesThroughMfaAndIsRedirectedWithLoginIdTagAndAccounts() {
        Http.Answer start = open(http.token());
        assertThat(start.status()).isEqualTo(200);
        assertThat(steps(start.text())).containsExactly("APP_MOUNTED", "COMPONENT_LOAD_INSTITUTION_SELECTOR");
        String flow = flowId(start.text());
        assertThat(start.text()).contains("id=\"institution-FlinksCapital\"");

        Http.Answer creds = http.form(v2("institution"), "flowId=" + flow + "&institution=FlinksCapital");
        assertThat(steps(creds.text())).containsExactly("INSTITUTION_SELECTED", "COMPONENT_LOAD_CREDENTIAL");
        assertThat(creds.text())
                .contains("id=\"credential-form\"", "id=\"username\"", "id=\"password\"", "id=\"submit-credential\"");

        Http.Answer mfa = http.form(v2("credentials"), "flowId=" + flow + "&username=Greatday&password=Everyday");
        assertThat(steps(mfa.text())).containsExactly("SUBMIT_CREDENTIAL", "COMPONENT_LOAD_MFA");
        assertThat(mfa.text()).contains("What city were you born in?", "id=\"mfa-answer-2\"");

        Http.Answer retry = http.form(v2("mfa"), "flowId=" + flow + "&answer0=Toronto&answer1=Canada&answer2=Triangle");
        assertThat(steps(retry.text()))
                .containsExactly("SUBMIT_MFA", "INVALID_SECURITY_RESPONSE", "COMPONENT_LOAD_MFA_RETRY");

        Http.Answer select =
                http.form(v2("mfa"), "flowId=" + flow + "&answer0=Montreal&answer1=canada&answer2=Triangle");
        assertThat(steps(select.text())).containsExactly("SUBMIT_MFA", "COMPONENT_LOAD_ACCOUNT_SELECTION");
        List<String> ids = accountIds(select.text());
        assertThat(ids).hasSizeBetween(2, 4);

        Http.Answer done =
                http.form(v2("accounts"), "flowId=" + flow + "&accountId=" + ids.get(0) + "&accountId=" + ids.get(1));
        assertThat(done.status()).isEqualTo(200);
        assertThat(steps(done.text())).containsExactly("ACCOUNT_SELECTED", "REDIRECT");
        String loginId = LoginDataGenerator.loginIdForUsername("Greatday");
        String expectedUrl = REDIRECT + "?loginId=" + loginId + "&institution=FlinksCapital&tag=" + enc("user=7&x")
                + "&accountId=" + ids.get(0) + "," + ids.get(1);
        JsonNode redirect = event(done.text(), "REDIRECT");
        assertThat(redirect.get("loginId").asText()).isEqualTo(loginId);
        assertThat(redirect.get("institution").asText()).isEqualTo("FlinksCapital");
        assertThat(redirect.get("url").asText()).isEqualTo(expectedUrl);
        assertThat(done.text()).contains("id=\"redirect-link\" href=\"" + expectedUrl.replace("&", "&amp;") + "\"");

        // the connection is new: the first GAD is pending
        String rid = http.requestId(loginId);
        assertThat(http.gad("{\"RequestId\":\"" + rid + "\"}").status()).isEqualTo(202);
    }

    @Test
    void greatdayNoMfaSkipsTheQuestionsAndAnEmptySelectionMeansAllAccounts() {
        String flow = flowId(open(http.token()).text());
        http.form(v2("institution"), "flowId=" + flow + "&institution=FlinksCapital");
        Http.Answer select =
                http.form(v2("credentials"), "flowId=" + flow + "&username=greatday_nomfa&password=Everyday");
        assertThat(steps(select.text())).containsExactly("SUBMIT_CREDENTIAL", "COMPONENT_LOAD_ACCOUNT_SELECTION");
        List<String> ids = accountIds(select.text());
        Http.Answer done = http.form(v2("accounts"), "flowId=" + flow);
        assertThat(event(done.text(), "REDIRECT").get("accountId").asText()).isEqualTo(String.join(",", ids));
        assertThat(event(done.text(), "REDIRECT").get("loginId").asText())
                .isEqualTo(LoginDataGenerator.loginIdForUsername("greatday_nomfa"));
        // the flow is over
        assertThat(http.form(v2("accounts"), "flowId=" + flow).status()).isEqualTo(409);
    }

    @Test
    void newLoginCheckboxGivesAFreshLoginId() {
        String flow = flowId(open(http.token()).text());
        http.form(v2("institution"), "flowId=" + flow + "&institution=FlinksCapital");
        http.form(v2("credentials"), "flowId=" + flow + "&username=greatday_nomfa&password=Everyday&newLogin=on");
        String loginId = event(http.form(v2("accounts"), "flowId=" + flow).text(), "REDIRECT")
                .get("loginId")
                .asText();
        assertThat(loginId).isNotEqualTo(LoginDataGenerator.loginIdForUsername("greatday_nomfa"));
        assertThat(http.authorizeCached(loginId).status()).isEqualTo(200);
    }

    @Test
    void badCredentialsAreShownAndCanBeRetried() {
        String flow = flowId(open(http.token()).text());
        http.form(v2("institution"), "flowId=" + flow + "&institution=FlinksCapital");
        Http.Answer disabled =
                http.form(v2("credentials"), "flowId=" + flow + "&username=test_disabled_account&password=Everyday");
        assertThat(steps(disabled.text()))
                .containsExactly("SUBMIT_CREDENTIAL", "DISABLED_LOGIN", "COMPONENT_LOAD_CREDENTIAL_RETRY");
        assertThat(disabled.text()).contains("data-flinks-code=\"DISABLED_LOGIN\"");
        Http.Answer wrong = http.form(v2("credentials"), "flowId=" + flow + "&username=greatday_nomfa&password=nope");
        assertThat(wrong.text()).contains("data-flinks-code=\"INVALID_PASSWORD\"");
        Http.Answer ok = http.form(v2("credentials"), "flowId=" + flow + "&username=greatday_nomfa&password=Everyday");
        assertThat(steps(ok.text())).contains("COMPONENT_LOAD_ACCOUNT_SELECTION");
    }

    @Test
    void rejectsMissingUnknownAndUsedTokens() {
        String token = http.token();
        assertThat(open(token).status()).isEqualTo(200);
        Http.Answer used = open(token);
        assertThat(used.status()).isEqualTo(401);
        assertThat(steps(used.text())).containsExactly("TOKEN_INVALID");
        assertThat(used.text()).contains("id=\"error\"");
        assertThat(open("not-a-token").status()).isEqualTo(401);
        assertThat(http.get(sandbox.connectUrl() + "?demo=true").status()).isEqualTo(401);
        // a token used by Connect cannot open an API session either
        String token2 = http.token();
        open(token2);
        assertThat(http.authorize(
                                token2,
                                "{\"LoginId\":\"" + LoginDataGenerator.loginIdForUsername("Greatday")
                                        + "\",\"MostRecentCached\":true}")
                        .status())
                .isEqualTo(401);
        assertThat(http.form(v2("credentials"), "flowId=unknown&username=a&password=b")
                        .status())
                .isEqualTo(400);
    }
}
