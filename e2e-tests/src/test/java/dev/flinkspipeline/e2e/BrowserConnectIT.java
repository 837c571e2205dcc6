package dev.flinkspipeline.e2e;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.tools.demo.CustomerTrace;
import dev.flinkspipeline.tools.demo.IngestClient;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalSecrets;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The app side in a real browser: the app's back end asks ingest for a Connect session, headless Chromium
 * opens the Connect URL, the customer picks FlinksCapital, signs in as Greatday, answers the MFA questions,
 * selects an account, and Connect sends the browser to ingest's callback; then the pipeline takes the login
 * to AttributesReady.
 */
@Order(5)
@ExtendWith(E2eStack.class)
@RequiresParts({Component.INGEST, Component.POLLER, Component.ATTRIBUTES})
class BrowserConnectIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** The toolbox MFA questions (Canada) and their answers. */
    private static final Map<String, String> MFA = Map.of(
            "What city were you born in?", "Montreal",
            "What is the best country on earth?", "Canada",
            "What shape do people like most?", "Triangle");

    @Test
    void aCustomerCompletesConnectInChromiumAndReachesAttributesReady(@TempDir Path profile) {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver (.ci/run does)");
        String userReference = "browser-" + UUID.randomUUID();
        IngestClient ingest = new IngestClient(E2eStack.stack().ingestUrl(), LocalSecrets.APP_API_KEY);
        IngestClient.ConnectSession session = ingest.createSession(userReference);
        String callback = E2eStack.stack().ingestUrl() + "/connect/callback";

        WebDriver browser = chromium(profile);
        String selectedAccount;
        String landedOn;
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(session.connectUrl());
            click(wait, "institution-FlinksCapital");

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("Greatday");
            browser.findElement(By.id("password")).sendKeys("Everyday");
            WebElement newLogin = browser.findElement(By.id("new-login"));
            if (!newLogin.isSelected()) {
                newLogin.click(); // a fresh loginId, not Greatday's usual one
            }
            click(wait, "submit-credential");

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mfa-form")));
            List<WebElement> prompts = browser.findElements(By.cssSelector("label.mfa-prompt"));
            assertThat(prompts).as("MFA questions for Greatday").isNotEmpty();
            for (int i = 0; i < prompts.size(); i++) {
                String prompt = prompts.get(i).getText().trim();
                assertThat(MFA).as("a known toolbox question").containsKey(prompt);
                browser.findElement(By.id("mfa-answer-" + i)).sendKeys(MFA.get(prompt));
            }
            click(wait, "submit-mfa");

            WebElement firstAccount = wait.until(ExpectedConditions.elementToBeClickable(By.id("account-0")));
            selectedAccount = firstAccount.getAttribute("value");
            firstAccount.click();
            click(wait, "submit-accounts");

            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(callback));
            landedOn = browser.getCurrentUrl();
        } finally {
            browser.quit();
        }

        String loginId = query(landedOn, "loginId");
        assertThat(loginId).as("loginId in " + landedOn).isNotBlank();
        CustomerTrace trace = E2eStack.watcher().await(loginId,
                t -> t.has(AttributesReady.class) || t.has(PipelineFailed.class), Duration.ofSeconds(120));
        String who = loginId + ", saw " + trace.events().stream().map(s -> s.event().getClass().getSimpleName()).toList();
        assertThat(trace.has(PipelineFailed.class)).as(who).isFalse();
        LoginReceived login = trace.first(LoginReceived.class).orElseThrow(() -> new AssertionError("no LoginReceived: " + who));
        assertThat(login.getVia()).isEqualTo(LoginSource.REDIRECT_URL);
        assertThat(login.getUserReference()).isEqualTo(userReference);
        assertThat(login.getAccountIds()).containsExactly(selectedAccount);
        assertThat(trace.has(AccountsReady.class)).as(who).isTrue();
        assertThat(trace.has(AttributesReady.class)).as(who).isTrue();
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Headless as root on a closed network: no sandbox, no GPU, no background calls to Google's hosts.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static void click(WebDriverWait wait, String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private static String query(String url, String name) {
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }
}
