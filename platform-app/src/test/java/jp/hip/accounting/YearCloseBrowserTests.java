package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.Accounts;
import jp.hip.BrowserTests;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** HR edits a measure, closes the year (after confirming), and the disclosure names the closed version (ADR 0028). */
class YearCloseBrowserTests extends BrowserTests {

    @Autowired
    Accounts accounts;

    @Autowired
    HealthAccounting accounting;

    @Test
    void hrEditsAMeasureClosesTheYearAndSeesTheClosedDisclosure() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account hr = accounts.user(company, Role.HR_STAFF);
        UUID measure = CurrentTenant.runAs(company, () -> accounting.createMeasure(FiscalYear.of(2025),
                new HealthAccounting.MeasureCommand("ウォーキング", null, PurposeCategory.POPULATION, Set.of(1), Set.of(), 100)));
        signIn(hr.email(), Accounts.PASSWORD);

        open("/company/measures/" + measure + "/edit");
        find("#name").clear();
        find("#name").sendKeys("全社ウォーキング");
        find("main form button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "施策を変更しました"));
        assertThat(text("h1")).isEqualTo("全社ウォーキング");

        open("/company/accounting-policy?year=2025");
        find("form[action$='/years/close'] button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"), "確認のチェック"));
        find("input[name=confirmed]").click();
        find("form[action$='/years/close'] button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "年度を確定しました"));
        assertThat(text("#year-state")).contains("2025年度は確定済みです", "第1版");

        open("/company/disclosure?year=2025");
        assertThat(text("#disclosure-version")).contains("確定版 第1版");
        assertThat(text("#disclosure-policy")).contains("この報告で使った会計方針（2025年度）");
        screenshot("accounting-closed-disclosure");

        // a closed year refuses the edit with its message
        open("/company/measures/" + measure + "/edit");
        find("main form button[type=submit]").click();
        assertThat(text("[role=alert]")).contains("確定済み");
    }
}
