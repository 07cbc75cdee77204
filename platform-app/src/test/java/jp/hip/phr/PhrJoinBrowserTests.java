package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.Accounts;
import jp.hip.BrowserTests;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;
import jp.hip.phr.checkup.CheckupRecords;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;

/**
 * Chromium (issue 17, Quality): an insurer invites a member and prints the 結果通知 with the code; the person signs
 * up with it on a phone-sized window (390 px, full-width digits), reaches /me, sees which holder holds what and
 * why, records and revokes a consent; the insurer still reads its statutory record.
 */
class PhrJoinBrowserTests extends BrowserTests {

    @Autowired Accounts accounts;
    @Autowired CheckupRecords checkups;
    @Autowired PhrPersons persons;
    @Autowired PhrObservations observations;
    @Autowired JdbcClient jdbc;

    @Test
    void anInsurerInvitesAMemberWhoSignsUpLinksTheirRecordsAndControlsAConsent() throws Exception {
        Accounts.Account staff = accounts.withRole(Role.INSURER_STAFF);
        Accessor insurer = Accessor.tenant(staff.tenantId(), "setup", "setup", Accessor.Channel.API);
        checkups.registerInsurerNumber(insurer, "06130012");
        assertThat(checkups.importUpload(insurer, "a.xml", CheckupImportTests.sample("checkup-yamada-20250610.xml")).imported()).isEqualTo(1);
        UUID person = jdbc.sql("select person_id from phr_membership where tenant_id = ? and insured_number = '1234567'")
                .param(staff.tenantId()).query(UUID.class).single();
        UUID employer = accounts.tenant(TenantKind.COMPANY);
        persons.registerEmployee(employer, person);
        String employerName = jdbc.sql("select name from plat_tenant where id = ?").param(employer).query(String.class).single();
        String insurerName = jdbc.sql("select name from plat_tenant where id = ?").param(staff.tenantId()).query(String.class).single();

        // the insurer invites the member from its members pages and prints the notice
        signIn(staff.email(), Accounts.PASSWORD);
        open("/insurer/members");
        browser.findElement(By.id("invitations-link")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("invite")));
        find("#symbol").sendKeys("健001");
        find("#number").sendKeys("1234567");
        find("#delivery-print").click();
        find("#invite-submit").click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        String code = text("#join-code");
        assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(text("#notice")).contains(insurerName, "ヤマダ タロウ 様", "06130012", "健001 1234567", "/join");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("qr-image"))); // the sign-up page's QR code, for a phone
        screenshot("phr-join-notice");
        open("/insurer/members/invitations");
        assertThat(text("#invitations")).contains("ヤマダ タロウ", "未使用").doesNotContain(code);
        signOut();

        // the person signs up on a phone
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            open("/login");
            find("#join-link").click();
            waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("join")));
            assertNoWiderThanTheWindow();
            String email = "yamada-" + UUID.randomUUID() + "@example.jp";
            find("[id='card.insurerNumber']").sendKeys("０６１３００１２");
            find("[id='card.symbol']").sendKeys("健001");
            find("[id='card.number']").sendKeys("１２３４５６７");
            find("[id='card.birthDate']").sendKeys("1975/4/1");
            find("[id='card.code']").sendKeys("1234-5678-9ABC"); // first a mistyped code (0 and 1 are not in codes): named, nothing written
            find("#email").sendKeys(email);
            find("#password").sendKeys(Accounts.PASSWORD);
            find("#passwordConfirmation").sendKeys(Accounts.PASSWORD);
            find("#join button[type=submit]").click();
            waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#join [role=alert]")));
            assertThat(text("#join [role=alert]")).contains("招待コードは英数字12文字で入力してください");
            find("[id='card.code']").clear();
            find("[id='card.code']").sendKeys(code.toLowerCase());
            find("#password").clear();
            find("#password").sendKeys(Accounts.PASSWORD);
            find("#passwordConfirmation").clear();
            find("#passwordConfirmation").sendKeys(Accounts.PASSWORD);
            screenshot("phr-join-form-390");
            find("#join button[type=submit]").click();
            waitFor(ExpectedConditions.urlContains("/login?joined"));
            assertThat(text("[role=status]")).contains("登録しました");

            signIn(email, Accounts.PASSWORD);
            open("/me/consents");
            waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("holders")));
            assertNoWiderThanTheWindow();
            // which holder holds what and why: the insurer by 高確法, the employer by 安衛法 for its own 定期健診
            assertThat(text("#holders")).contains(insurerName, "法令（高齢者医療確保法", employerName, "法令（労働安全衛生法");
            screenshot("phr-join-holders-390");
            new Select(find("#recipient")).selectByVisibleText(employerName);
            find("main form.stacked button[type=submit]").click();
            waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "同意を記録しました"));
            Accessor company = Accessor.tenant(employer, "hr", "人事", Accessor.Channel.API);
            ObservationQuery all = new ObservationQuery(Optional.of(person), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), true, Optional.empty(), false, 100, 0);
            long stored = jdbc.sql("select count(*) from phr_observation where person_id = ?").param(person).query(Long.class).single();
            assertThat(observations.searchObservations(company, all)).hasSize((int) stored);
            find("#consents button").click();
            waitFor(ExpectedConditions.alertIsPresent()).accept(); // the confirmation before an irreversible step
            waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "同意を撤回しました"));
            assertThat(text("#consents")).contains("撤回済");
            assertThat(observations.searchObservations(company, all)).isEmpty();
            // the insurer still reads its statutory record (法令)
            assertThat(observations.searchObservations(insurer, all)).hasSize((int) stored);

            // the person deletes their data: the page says before and after what stays, with whom, under which law
            open("/me/data");
            waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("retained")));
            assertNoWiderThanTheWindow();
            assertThat(text("#retained")).contains(insurerName, "高齢者の医療の確保に関する法律", "年3月31日");
            find("#confirm").click();
            find("#delete").click();
            waitFor(ExpectedConditions.alertIsPresent()).accept(); // the confirmation before an irreversible step
            waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("deleted")));
            assertNoWiderThanTheWindow();
            assertThat(text("main")).contains("法令により残っている記録", insurerName, "年3月31日");
            screenshot("phr-join-deleted-390");
            assertThat(jdbc.sql("select count(*) from plat_user where email = ?").param(email).query(Long.class).single())
                    .as("the account is closed").isZero();
            assertThat(jdbc.sql("select count(*) from phr_consent where person_id = ?").param(person).query(Long.class).single())
                    .as("the person's consents are gone").isZero();
            // the insurer still reads its statutory record after the deletion
            assertThat(observations.searchObservations(insurer, all)).hasSize((int) stored);
            assertThat(observations.searchObservations(company, all)).isEmpty();
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
        signIn(staff.email(), Accounts.PASSWORD);
        open("/insurer/members/invitations");
        assertThat(text("#invitations")).contains("登録済み");
    }

    private void assertNoWiderThanTheWindow() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Number width = (Number) js.executeScript("return document.documentElement.scrollWidth;");
        Number viewport = (Number) js.executeScript("return window.innerWidth;");
        assertThat(width.intValue()).as(browser.getCurrentUrl()).isLessThanOrEqualTo(viewport.intValue());
    }
}
