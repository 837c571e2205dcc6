package dev.flinkspipeline.ingest.connect;

import static dev.flinkspipeline.ingest.connect.ConnectLoginValidatorTest.ACC1;
import static dev.flinkspipeline.ingest.connect.ConnectLoginValidatorTest.ACC2;
import static dev.flinkspipeline.ingest.connect.ConnectLoginValidatorTest.LOGIN;
import static dev.flinkspipeline.ingest.connect.ConnectLoginValidatorTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectEventParserTest {

    private final ConnectEventParser parser = new ConnectEventParser();

    @Test
    void redirectTakesTheLoginFromTheUrl() {
        ConnectEvent e = parse("{\"step\":\"REDIRECT\",\"institution\":\"FlinksCapital\","
                + "\"url\":\"https://app.example/done?loginId=" + LOGIN + "&institution=FlinksCapital&tag=a%2Bb.c"
                + "&accountId=" + ACC1 + "," + ACC2 + "\"}");
        assertThat(e.isRedirect()).isTrue();
        assertThat(e.loginId()).isEqualTo(LOGIN);
        assertThat(e.institution()).isEqualTo("FlinksCapital");
        assertThat(e.tag()).isEqualTo("a+b.c");
        assertThat(e.accountIds()).containsExactly(ACC1 + "," + ACC2);
    }

    @Test
    void redirectFieldsWinOverTheUrlAndStringifiedEventsAreUnwrapped() {
        String inner = "{\"step\":\"redirect\",\"loginId\":\"" + LOGIN + "\",\"requestId\":\"r-1\","
                + "\"accountId\":[\"" + ACC1 + "\"],\"url\":\"https://app.example/done?loginId=x&institution=Bank\"}";
        ConnectEvent e = parse("\"" + inner.replace("\"", "\\\"") + "\"");
        assertThat(e.step()).isEqualTo("REDIRECT");
        assertThat(e.loginId()).isEqualTo(LOGIN);
        assertThat(e.institution()).isEqualTo("Bank");
        assertThat(e.requestId()).isEqualTo("r-1");
        assertThat(e.accountIds()).containsExactly(ACC1);
    }

    @Test
    void otherStepsKeepTheLoginIdTagAndFlinksCodeTheApplicationRelays() {
        ConnectEvent e = parse("{\"step\":\"abandoned\",\"loginId\":\"" + LOGIN + "\",\"tag\":\"v2.a.b.1.webhook.c\","
                + "\"flinksCode\":\"INVALID_PASSWORD\",\"requestId\":\"r-2\"}");
        assertThat(e.step()).isEqualTo(ConnectSteps.ABANDONED);
        assertThat(e.loginId()).isEqualTo(LOGIN);
        assertThat(e.tag()).isEqualTo("v2.a.b.1.webhook.c");
        assertThat(e.flinksCode()).isEqualTo("INVALID_PASSWORD");
        assertThat(e.requestId()).isEqualTo("r-2");
        assertThat(e.toString()).doesNotContain("v2.a.b");
        assertThat(ConnectSteps.label("ABANDONED")).isEqualTo(ConnectSteps.ABANDONED);
    }

    @Test
    void otherStepsAndTheErrorFormAreRecognised() {
        assertThat(parse("{\"step\":\"SUBMIT_MFA\",\"mfaTypes\":[\"QuestionAndAnswer\"]}")
                        .step())
                .isEqualTo("SUBMIT_MFA");
        assertThat(parse("{\"requestId\":\"r\",\"flinksCode\":\"INVALID_LOGIN\",\"institution\":\"X\"}")
                        .step())
                .isEqualTo(ConnectSteps.API_ERROR);
        assertThat(ConnectSteps.label("submit_mfa")).isEqualTo("SUBMIT_MFA");
        assertThat(ConnectSteps.label("EVIL_" + "X".repeat(20))).isEqualTo(ConnectSteps.OTHER);
    }

    @Test
    void refusesMalformedEvents() {
        assertCode(() -> parse("{\"step\":"), "malformed-json");
        assertCode(() -> parse("not json"), "malformed-json");
        assertCode(() -> parse(""), "malformed-json");
        assertCode(() -> parse("[1,2]"), "invalid-event");
        assertCode(() -> parse("{\"institution\":\"X\"}"), "invalid-event");
        assertCode(() -> parse("{\"step\":\"" + "A".repeat(65) + "\"}"), "invalid-event");
        assertCode(() -> parse("{\"step\":\"<script>\"}"), "invalid-event");
        assertCode(() -> parse("{\"step\":\"REDIRECT \"}"), "invalid-event");
        assertCode(() -> parse("{\"step\":\"1STEP\"}"), "invalid-event");
        assertCode(() -> parse("{\"step\":\"REDIRECT\",\"url\":\"http://a b/?x\"}"), "invalid-event");
    }

    private ConnectEvent parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
