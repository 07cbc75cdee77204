package jp.hip.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.test.context.ActiveProfiles;

import jp.hip.Accounts;
import jp.hip.BrowserTests;
import jp.hip.demo.DemoData;

/**
 * Issue 15, phone-ready: Chromium emulating a 390 × 844 phone signs in as each README demo user and opens that
 * role's main pages; none may scroll sideways (the document is never wider than the screen), the menu folds behind
 * a button, and error pages keep the signed-in layout. The public permalink (what a QR code opens) comes first.
 * Explicit waits only: the base class's implicit wait is switched off here.
 */
@ActiveProfiles("demo")
class PhoneBrowserTests extends BrowserTests {

    static final int WIDTH = 390;

    @Override
    protected void configure(ChromeOptions options) {
        options.setExperimentalOption("mobileEmulation",
                Map.of("deviceMetrics", Map.of("width", WIDTH, "height", 844, "pixelRatio", 2)));
    }

    @BeforeEach
    void explicitWaitsOnly() {
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        DemoData.TOTP_SECRETS.forEach(Accounts::rememberSecret);
    }

    @Test
    void thePermalinkAQrCodeOpensFitsAPhoneAndTheListAnswersALongSearchItself() throws Exception {
        open("/guidelines");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main a[href^='/guidelines/HG-']")));
        assertFits("/guidelines");
        // a demo association's entry (other tests may have listed entries of their own associations first)
        open("/guidelines?association=" + java.net.URLEncoder.encode("一般社団法人", java.nio.charset.StandardCharsets.UTF_8));
        WebElement first = waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main a[href^='/guidelines/HG-']")));
        String permalink = first.getAttribute("href");
        browser.get(permalink);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("status-word")));
        assertFits(permalink);
        assertThat(text("main")).contains("一般社団法人");
        screenshot("phone-permalink");
        // English: no raw {0} placeholders (the logo hint holds an apostrophe before its placeholder)
        browser.get(permalink + "?lang=en");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("status-word")));
        assertThat(text("body")).doesNotContain("{0}", "{1}").contains("/logo.svg");
        assertFits(permalink + "?lang=en");
        browser.get(url("/guidelines?lang=ja"));
        // 1,000 characters (9 KB percent-encoded): the page's own message, not the container's bare 400 page
        browser.get(url("/guidelines?title=" + java.net.URLEncoder.encode("あ".repeat(1000), java.nio.charset.StandardCharsets.UTF_8)));
        WebElement message = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("filter-errors")));
        assertThat(message.getText()).contains("100文字以内");
        assertThat(browser.getTitle()).contains("掲載リスト");
        assertFits("/guidelines?title=…");
    }

    static List<Arguments> roles() {
        return List.of(
                Arguments.of("hr@sakura-seiki.example", List.of("/company", "/company/measures", "/company/analyses", "/company/collabo",
                        "/company/strategy-map", "/company/facilities", "/company/indicators", "/company/resources", "/company/outputs",
                        "/company/import", "/company/disclosure", "/company/measures/new", "/tenant/users", "/tenant/audit",
                        "/company/analyses/efficiency", "/company/analyses/effects")),
                Arguments.of("exec@sakura-seiki.example", List.of("/company", "/company/measures", "/company/analyses",
                        "/company/disclosure", "/company/collabo", "/company/analyses/efficiency")),
                Arguments.of("kenpo@sakura-kenpo.example", List.of("/insurer", "/insurer/checkups", "/insurer/members",
                        "/insurer/collabo", "/insurer/checkups/review", "/tenant/users", "/tenant/api-clients")),
                Arguments.of("officer@meti.example", List.of("/registry", "/registry/guidelines", "/registry/guidelines/checklist",
                        "/tenant/audit")),
                Arguments.of("staff@jhsa.example", List.of("/association", "/association/guidelines", "/association/guidelines/new")),
                Arguments.of("taro@example.jp", List.of("/me", "/me/records", "/me/consents", "/me/access-log", "/me/data", "/me/apps", "/me/link")),
                Arguments.of("admin@hip.example", List.of("/admin/tenants", "/admin/api-clients", "/admin/mail", "/admin/smart-apps")));
    }

    @ParameterizedTest
    @MethodSource("roles")
    void eachRolesMainPagesFitAPhone(String email, List<String> pages) throws Exception {
        signIn(email, DemoData.PASSWORD);
        for (String page : pages) {
            open(page);
            waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
            assertThat(browser.getTitle()).as(page).doesNotContain("エラー", "見つかりません", "権限がありません");
            assertFits(page);
        }
        // a detail page too: the first link of the role's list that leads to one (a measure's lines, a declaration)
        String list = email.startsWith("hr@") || email.startsWith("exec@") ? "/company/measures"
                : email.startsWith("officer@") ? "/registry/guidelines"
                : email.startsWith("staff@") ? "/association/guidelines" : null;
        if (list != null) {
            open(list);
            waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
            String href = browser.findElements(By.cssSelector("main a")).stream().map(a -> a.getAttribute("href"))
                    .filter(h -> h != null && h.matches(".*/(measures|declarations|guidelines)/[0-9a-f-]{36}$"))
                    // a declaration's page where the list shows one, else the guideline's (other tests' jobs may expire demo entries)
                    .sorted(java.util.Comparator.comparing((String h) -> !h.contains("/declarations/"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no detail link on " + list));
            browser.get(href);
            waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
            assertFits(href);
            if (href.contains("/measures/")) {
                // the measure's lines read as one block per line, never one character per line
                WebElement lines = find("#lines tbody tr td");
                assertThat(lines.getSize().getWidth()).as("a line's cell is as wide as the screen allows").isGreaterThan(WIDTH / 2);
                screenshot("phone-measure-lines");
            }
        }
        // the menu folds behind an accessible button and opens with it
        WebElement button = find("nav.main-nav .menu-toggle");
        assertThat(button.isDisplayed()).isTrue();
        assertThat(button.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(find("#main-nav-list").isDisplayed()).isFalse();
        button.click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("main-nav-list")));
        assertThat(button.getAttribute("aria-expanded")).isEqualTo("true");
        screenshot("phone-menu-" + email.substring(0, email.indexOf('@')));
    }

    @Test
    void theIndividualSeesUnitsForPeopleAndTheirNameOnce() throws Exception {
        signIn("taro@example.jp", DemoData.PASSWORD);
        open("/me/records");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("latest")));
        assertFits("/me/records");
        String latest = text("#latest");
        assertThat(latest).contains("mmHg", "歩/日").doesNotContain("mm[Hg]", "/d\n");
        // the judgement of every latest value is on screen, not cut off beside a wide table
        for (WebElement badge : browser.findElements(By.cssSelector("#latest .badge"))) {
            assertThat(badge.getRect().getX() + badge.getRect().getWidth()).isLessThanOrEqualTo(WIDTH);
        }
        assertThat(text("header .who")).isEqualTo("山田 太郎");
        screenshot("phone-records");
        open("/me/records?code=41950-7&lang=en");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("latest")));
        assertThat(text("#latest")).contains("steps/day", "Body weight");
        assertThat(text("figure figcaption")).isEqualTo("Steps (steps/day).").doesNotContain("dashed");
        assertThat(text("body")).doesNotContain("{0}");
        // the checkups in English: item names and coded answers translated, units for people
        String checkup = text("#checkup-0");
        assertThat(checkup).contains("Body weight", "Systolic blood pressure (1st)", "mmHg", "Smoking", "Health guidance level")
                .doesNotContain("体重", "喫煙", "保健指導レベル", "はい", "いいえ", "mm[Hg]");
        open("/me/records?lang=ja");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("checkup-0")));
        assertThat(text("#checkup-0")).contains("体重", "喫煙", "保健指導レベル");
    }

    @Test
    void aViewerSeesNoWriteFormsAndErrorPagesKeepTheSignedInLayout() throws Exception {
        signIn("exec@sakura-seiki.example", DemoData.PASSWORD);
        open("/company/measures");
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".acc-subnav")));
        assertThat(browser.findElements(By.cssSelector("a[href='/company/import']"))).as("no 取込 in the viewer's menu").isEmpty();
        assertThat(browser.findElements(By.cssSelector("a[href^='/company/measures/new']"))).as("no new-measure link").isEmpty();
        for (String forbidden : List.of("/company/measures/new", "/company/import", "/insurer", "/company/measures/"
                + java.util.UUID.randomUUID(), "/company/no-such-page")) {
            open(forbidden);
            waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.site-footer")));
            assertThat(text("main h1")).as(forbidden).isIn("このページを表示する権限がありません", "ページが見つかりません");
            assertThat(browser.findElements(By.cssSelector("header a[href='/login']"))).as("no sign-in button when signed in").isEmpty();
            assertThat(browser.findElements(By.cssSelector("header form[action='/logout'] button"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("nav.main-nav a[href='/company']"))).hasSize(1);
            assertThat(browser.findElements(By.cssSelector("main form"))).as("no write form on " + forbidden).isEmpty();
            assertFits(forbidden);
        }
        screenshot("phone-403-signed-in");
    }

    private void assertFits(String page) {
        List<?> widths = (List<?>) ((JavascriptExecutor) browser).executeScript(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];");
        long scrollWidth = ((Number) widths.get(0)).longValue();
        long viewport = ((Number) widths.get(1)).longValue();
        assertThat(viewport).as("the phone's viewport").isEqualTo(WIDTH);
        assertThat(scrollWidth).as("%s scrolls sideways at %d px", page, WIDTH).isLessThanOrEqualTo(viewport);
    }
}
