package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.Accounts;
import jp.hip.BrowserTests;

/**
 * In Chromium: an association drafts and submits a declaration; a METI officer returns it with a comment; the
 * association resubmits; the officer lists it; the public permalink and the logo show it valid.
 */
class GuidelineJourneyBrowserTests extends BrowserTests {

    @Autowired
    GuidelineFixtures fx;

    @Test
    void associationSubmitsMetiReturnsAssociationResubmitsMetiListsAndThePublicSeesItValid() throws Exception {
        Accounts.Account association = fx.association(GuidelineFixtures.unique("一般社団法人 ブラウザ協会"));
        Accounts.Account officer = fx.officer();

        // The association registers its guideline and drafts a declaration.
        signIn(association.email(), Accounts.PASSWORD);
        open("/association/guidelines");
        browser.findElement(By.linkText("ガイドライン等を登録")).click();
        browser.findElement(By.id("title")).sendKeys("ブラウザで作るリラクゼーション指針");
        new org.openqa.selenium.support.ui.Select(find("#kind")).selectByValue("GUIDELINE");
        new org.openqa.selenium.support.ui.Select(find("#serviceCategory")).selectByValue("RELAXATION");
        browser.findElement(By.id("publicUrl")).sendKeys("https://browser-assoc.example.org/guideline");
        browser.findElement(By.id("versionDatedOn")).sendKeys(LocalDate.now().minusMonths(1).toString().replace('-', '/'));
        find("main form button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "登録番号は版を改訂しても変わりません"));
        String registrationNo = text("h1").split(" ")[0];
        assertThat(registrationNo).matches("HG-\\d{4,}");
        find("main table.data form button[type=submit]").click();
        waitFor(ExpectedConditions.urlContains("/association/guidelines/declarations/"));
        String declarationUrl = browser.getCurrentUrl();
        String declarationId = declarationUrl.substring(declarationUrl.lastIndexOf('/') + 1);
        assertThat(text("#window")).contains("ロゴマーク使用期間");

        for (WebElement yes : browser.findElements(By.cssSelector("#declaration-form input[type=radio][value=YES]"))) {
            yes.click();
        }
        for (WebElement evidence : browser.findElements(By.cssSelector("#declaration-form input[type=url]"))) {
            evidence.sendKeys("https://browser-assoc.example.org/evidence");
        }
        browser.findElement(By.id("signatoryName")).sendKeys("鈴木 花子");
        browser.findElement(By.id("signatoryTitle")).sendKeys("代表理事");
        find("#submit-declaration").click();
        confirm();
        assertThat(text("[role=alert]")).contains("誓約にチェックしてください");
        browser.findElement(By.id("pledged")).click();
        find("#submit-declaration").click();
        confirm();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("declaration-status"), "提出済み"));
        screenshot("guideline-submitted");
        signOut();

        // METI returns it with a comment.
        signIn(officer.email(), Accounts.PASSWORD);
        open("/registry/guidelines");
        assertThat(text("#queue")).contains("ブラウザで作るリラクゼーション指針");
        browser.findElement(By.partialLinkText(registrationNo)).click();
        browser.findElement(By.id("reason")).sendKeys("C3 の根拠URLを契約前説明のページにしてください");
        find("#action-return").click();
        confirm();
        // A returned declaration is the association's draft again: METI is back on its queue, without it.
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice.success")));
        assertThat(browser.getCurrentUrl()).endsWith("/registry/guidelines");
        assertThat(browser.getPageSource()).doesNotContain("ブラウザで作るリラクゼーション指針");
        signOut();

        // The association sees the comment, fixes the evidence and resubmits.
        signIn(association.email(), Accounts.PASSWORD);
        open("/association/guidelines/declarations/" + declarationId);
        assertThat(text("#comments")).contains("C3 の根拠URLを契約前説明のページにしてください");
        WebElement c3 = find("#declaration-form input[data-evidence=C3]");
        c3.clear();
        c3.sendKeys("https://browser-assoc.example.org/contract#before");
        find("#submit-declaration").click();
        confirm();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("declaration-status"), "提出済み"));
        signOut();

        // METI lists it.
        signIn(officer.email(), Accounts.PASSWORD);
        open("/registry/guidelines/declarations/" + declarationId);
        find("#action-list").click();
        confirm();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("declaration-status"), "掲載中"));
        // The audit trail is a table of labels: who, field, before, after, why; never raw codes or JSON.
        assertThat(text("#trail")).contains("C3 の根拠URL").contains("提出済み").contains("掲載中")
                .contains("署名者 氏名").contains("鈴木 花子").doesNotContain("GL_STATUS").doesNotContain("{\"");
        signOut();

        // Anyone: the permalink says 掲載中 and the logo is the valid (coloured) variant.
        open("/guidelines?association=" + java.net.URLEncoder.encode("ブラウザ協会", java.nio.charset.StandardCharsets.UTF_8));
        browser.findElement(By.linkText(registrationNo)).click();
        assertThat(text("#status-word")).isEqualTo("掲載中");
        assertThat(text("#logo-validity")).contains("有効");
        assertThat(find(".status-panel").getAttribute("class")).contains("valid");
        Number logoWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.getElementById('logo').naturalWidth;");
        assertThat(logoWidth.intValue()).isEqualTo(240);
        String qr = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("qr-image"))).getAttribute("src");
        assertThat(qr).startsWith("data:image/svg+xml;base64,"); // drawn on the server (ADR 0098)
        screenshot("guideline-public-entry");
        open("/guidelines/" + registrationNo + "/logo.svg");
        assertThat(browser.getPageSource()).contains("掲載中").contains("#0031D8");

        // What a QR code opens works on a phone: nothing wider than 390 px.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            open("/guidelines/" + registrationNo);
            Number width = (Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth;");
            Number viewport = (Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return window.innerWidth;");
            assertThat(width.intValue()).isLessThanOrEqualTo(viewport.intValue());
            assertThat(text("#status-word")).isEqualTo("掲載中");
            screenshot("guideline-public-entry-390");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    /** Accepts the confirmation an irreversible step asks for. */
    private void confirm() {
        waitFor(ExpectedConditions.alertIsPresent()).accept();
    }

    @Test
    void aSecondDeclarationOnARevisedVersionStartsPreFilledFromTheFirst() throws Exception {
        Accounts.Account association = fx.association(GuidelineFixtures.unique("一般社団法人 改訂協会"));
        Accounts.Account officer = fx.officer();
        var first = fx.listed(association, officer, "ブラウザで改訂する指針");

        signIn(association.email(), Accounts.PASSWORD);
        open("/association/guidelines/" + first.guidelineId());
        // The listed version cannot be declared again: a revision comes first.
        find("main table.data form button[type=submit]").click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(text("[role=alert]")).contains("掲載済み").contains("後の日付で改訂した版");
        browser.findElement(By.id("label")).sendKeys("第2版");
        browser.findElement(By.id("datedOn")).sendKeys(LocalDate.now().minusDays(1).toString());
        find("form[enctype] button[type=submit]").click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));
        java.util.List<WebElement> starts = browser.findElements(By.cssSelector("main table.data form button[type=submit]"));
        starts.get(0).click(); // the newest version first
        waitFor(ExpectedConditions.urlContains("/association/guidelines/declarations/"));

        // Pre-filled from the first declaration: signatory, answers and evidence; the pledge is given again.
        assertThat(find("#signatoryName").getAttribute("value")).isEqualTo("山田 一郎");
        assertThat(find("#pledged").isSelected()).isFalse();
        assertThat(find("#declaration-form input[data-evidence=T1]").getAttribute("value")).isEqualTo("https://assoc.example.org/e/T1");
        assertThat(browser.findElements(By.cssSelector("#declaration-form input[type=radio][value=YES]:checked"))).hasSize(10);
        assertThat(text("dl.facts")).doesNotContain("null").contains("2025年版");
        browser.findElement(By.id("pledged")).click();
        find("#submit-declaration").click();
        confirm();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("declaration-status"), "提出済み"));
        assertThat(text("h1")).contains(first.registrationNo()).contains("2");
        screenshot("guideline-second-declaration");
    }
}
