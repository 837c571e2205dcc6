package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A customer's browser: Debian's headless Chromium, driven through its chromedriver, completing the
 * sandbox's Connect page (FlinksCapital, Greatday with a fresh login, the MFA questions, the first account).
 */
final class ConnectBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String MISSING =
            "needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver"
                    + " (.ci/run does)";

    /** The toolbox MFA questions (Canada) and their answers. */
    private static final Map<String, String> MFA = Map.of(
            "What city were you born in?", "Montreal",
            "What is the best country on earth?", "Canada",
            "What shape do people like most?", "Triangle");

    private final WebDriver driver;

    private ConnectBrowser(WebDriver driver) {
        this.driver = driver;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static ConnectBrowser open(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Headless as root on a closed network: no sandbox, no GPU, no background calls to Google's hosts.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ConnectBrowser(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * Goes through Connect up to its last step and submits it, which sends the browser to the Connect
     * callback. Returns the selected account's id.
     */
    String connect(String connectUrl) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get(connectUrl);
        click(wait, "institution-FlinksCapital");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")))
                .sendKeys("Greatday");
        driver.findElement(By.id("password")).sendKeys("Everyday");
        WebElement newLogin = driver.findElement(By.id("new-login"));
        if (!newLogin.isSelected()) {
            newLogin.click(); // a fresh loginId, not Greatday's usual one
        }
        click(wait, "submit-credential");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mfa-form")));
        List<WebElement> prompts = driver.findElements(By.cssSelector("label.mfa-prompt"));
        assertThat(prompts).as("MFA questions for Greatday").isNotEmpty();
        for (int i = 0; i < prompts.size(); i++) {
            String prompt = prompts.get(i).getText().trim();
            assertThat(MFA).as("a known toolbox question").containsKey(prompt);
            driver.findElement(By.id("mfa-answer-" + i)).sendKeys(MFA.get(prompt));
        }
        click(wait, "submit-mfa");

        WebElement firstAccount = wait.until(ExpectedConditions.elementToBeClickable(By.id("account-0")));
        String selected = firstAccount.getAttribute("value");
        firstAccount.click();
        click(wait, "submit-accounts");
        return selected;
    }

    /** Waits until the browser is on a URL starting with {@code prefix}; returns that URL. */
    String awaitUrl(String prefix, Duration timeout) {
        new WebDriverWait(driver, timeout).until(d -> d.getCurrentUrl().startsWith(prefix));
        return driver.getCurrentUrl();
    }

    /** A query parameter of the page's URL. */
    String query(String name) {
        String raw = URI.create(driver.getCurrentUrl()).getRawQuery();
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

    private static void click(WebDriverWait wait, String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
