package jp.hip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the browser tests: the whole platform on a random port, driven by Debian's headless Chromium
 * ({@code /usr/bin/chromium} with {@code /usr/bin/chromedriver}; bin/test installs them). Never a browser that a
 * test tool downloads. A missing browser fails the test, it does not skip it.
 *
 * <p>Plain http on localhost, so the session cookie may not be Secure here (WebSecurityTests checks the flag).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.servlet.session.cookie.secure=false")
@ContextConfiguration(initializers = TestDatabase.class)
public abstract class BrowserTests {

    static final String CHROMIUM = System.getenv().getOrDefault("HIP_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("HIP_CHROMEDRIVER", "/usr/bin/chromedriver");

    @LocalServerPort
    protected int port;

    protected WebDriver browser;

    @BeforeEach
    void startBrowser() {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("Chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run the tests with bin/test, which installs Debian's chromium and chromium-driver.");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000", "--lang=ja");
        configure(options);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    /** Lets a test class change the browser's options (a phone's screen, for instance) before it starts. */
    protected void configure(ChromeOptions options) {
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected void open(String path) {
        browser.get(url(path));
    }

    /** Signs in through the real login page, and the second factor's page where the role requires a code. */
    protected void signIn(String email, String password) {
        open("/login");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(ExpectedConditions.not(ExpectedConditions.urlMatches(".*/login(\\?.*)?$")));
        if (browser.getCurrentUrl().contains("/login/second-factor") && Accounts.secretOf(email) != null) {
            WebElement code = browser.findElement(By.id("code"));
            org.assertj.core.api.Assertions.assertThat(code.getAttribute("autocomplete")).isEqualTo("one-time-code");
            code.sendKeys(Accounts.code(Accounts.secretOf(email)));
            browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        }
        waitFor(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    protected void signOut() {
        browser.findElement(By.cssSelector("header form button[type=submit]")).click();
        waitFor(ExpectedConditions.urlContains("/login"));
    }

    protected <T> T waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(condition);
    }

    protected WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    protected String text(String css) {
        return find(css).getText();
    }

    /** Saves a screenshot under target/screenshots, to look at when a test fails or a page changes. */
    protected Path screenshot(String name) throws java.io.IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        return file;
    }
}
