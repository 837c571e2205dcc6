package dev.flinkspipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.ingest.connect.ConnectLogin;
import dev.flinkspipeline.ingest.connect.ConnectSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RetryPageTest {

    private static final String LOGIN = "8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60";
    private static final String ACC1 = "27a9ffa0-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String ACC2 = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f";

    @Test
    void theCallbackQueryIsRebuiltFromTheValidatedLogin() {
        ConnectLogin login = new ConnectLogin(
                LOGIN,
                "National Bank",
                List.of(ACC1, ACC2),
                new ConnectSession(
                        "v2.dXNlcg.bm9uY2U.1.standard.mac", "user", FlinksFlow.STANDARD, "bm9uY2U", Instant.EPOCH));
        assertThat(CallbackQuery.of(login))
                .isEqualTo("loginId=" + LOGIN + "&institution=National+Bank"
                        + "&tag=v2.dXNlcg.bm9uY2U.1.standard.mac&accountId=" + ACC1 + "%2C" + ACC2);
        ConnectLogin unsigned = new ConnectLogin(
                LOGIN, "RBC", List.of(), new ConnectSession(null, null, FlinksFlow.STANDARD, null, null));
        assertThat(CallbackQuery.of(unsigned)).isEqualTo("loginId=" + LOGIN + "&institution=RBC");
    }

    @Test
    void thePageCarriesItsScheduleAndEscapesEverythingItEmbeds() throws Exception {
        RetryPage page = new RetryPage(
                "callback/store?loginId=x&tag=a</script><b>",
                "https://app.example/ok?a=1&b=2",
                null,
                List.of(Duration.ofMillis(750), Duration.ofSeconds(2)),
                "callback?loginId=x&attempt=1\"><x",
                Duration.ofSeconds(15),
                "n0nce");
        String html = new String(page.html(), StandardCharsets.UTF_8);

        assertThat(html).doesNotContain("</script><b>").doesNotContain("\"><x");
        assertThat(html)
                .contains(
                        "<noscript><meta http-equiv=\"refresh\" content=\"15;url=callback?loginId=x&amp;attempt=1&quot;&gt;&lt;x\"></noscript>");
        assertThat(html).contains("<script nonce=\"n0nce\">");
        assertThat(page.contentSecurityPolicy())
                .contains("script-src 'nonce-n0nce'")
                .contains("connect-src 'self'")
                .contains("default-src 'none'");

        Matcher block = Pattern.compile("<script type=\"application/json\" id=\"connect-retry\">(.*?)</script>")
                .matcher(html);
        assertThat(block.find()).isTrue();
        JsonNode settings = new ObjectMapper().readTree(block.group(1));
        assertThat(settings.get("storeUrl").asText()).isEqualTo("callback/store?loginId=x&tag=a</script><b>");
        assertThat(settings.get("successUrl").asText()).isEqualTo("https://app.example/ok?a=1&b=2");
        assertThat(settings.get("failureUrl").isNull()).isTrue();
        assertThat(settings.get("delaysMs").toString()).isEqualTo("[750,2000]");
    }

    @Test
    void theLastPageHasNoReload() {
        RetryPage page =
                new RetryPage("callback/store?loginId=x", null, null, List.of(), null, Duration.ofSeconds(15), "n");
        assertThat(new String(page.html(), StandardCharsets.UTF_8)).doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void aNoscriptReloadNumberIsASmallNumberOrZero() {
        assertThat(RetryPages.attempt(null)).isZero();
        assertThat(RetryPages.attempt("3")).isEqualTo(3);
        assertThat(RetryPages.attempt("-1")).isZero();
        assertThat(RetryPages.attempt("99999")).isZero();
        assertThat(RetryPages.attempt("1e3")).isZero();
    }
}
