package jp.hip.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.test.context.ActiveProfiles;

import jp.hip.Accounts;
import jp.hip.BrowserTests;
import jp.hip.demo.DemoData;

/**
 * Issue 15, item 7: axe-core checks every role's main pages, and the public ones, in Chromium at desktop width
 * (1280 px) and on a 390 × 844 phone: no violation of impact serious or critical (missing labels and names,
 * contrast, landmarks, the page's language). The pages are those {@link PhoneBrowserTests} walks. Explicit waits only.
 */
@ActiveProfiles("demo")
class AccessibilityBrowserTests extends BrowserTests {

    @BeforeEach
    void explicitWaitsOnly() {
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        DemoData.TOTP_SECRETS.forEach(Accounts::rememberSecret);
    }

    @Test
    void thePublicPagesHaveNoSeriousViolations() {
        open("/guidelines?association=" + URLEncoder.encode("一般社団法人", StandardCharsets.UTF_8));
        WebElement first = waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main a[href^='/guidelines/HG-']")));
        String permalink = first.getAttribute("href").substring(url("").length());
        List<String> pages = List.of("/", "/guidelines", permalink, permalink + "?lang=en", "/guidelines/about", "/login",
                "/join", "/guidelines?lang=ja");
        assertThat(check(pages)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("jp.hip.pages.PhoneBrowserTests#roles")
    void eachRolesMainPagesHaveNoSeriousViolations(String email, List<String> pages) {
        signIn(email, DemoData.PASSWORD);
        assertThat(check(pages)).isEmpty();
    }

    /** Each page at desktop width, then each on the phone; the violations found, prefixed with page and width. */
    private List<String> check(List<String> pages) {
        List<String> found = new ArrayList<>();
        for (int width : new int[] {0, PhoneBrowserTests.WIDTH}) {
            if (width > 0) {
                ((HasCdp) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", 844, "deviceScaleFactor", 2, "mobile", true));
            }
            for (String page : pages) {
                open(page);
                waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
                if (width > 0) {
                    Number viewport = (Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth;");
                    assertThat(viewport.intValue()).as("the phone's viewport").isEqualTo(width);
                }
                Axe.seriousViolations(browser).forEach(v -> found.add(page + " @" + (width == 0 ? "desktop" : width + "px") + ": " + v));
            }
        }
        return found;
    }
}
