package jp.hip.collabo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.Accounts;
import jp.hip.BrowserTests;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.Yen;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;

/**
 * Chromium: the insurer builds and shares the employer report; the company's HR staff opens it, shares its
 * investment and sees it beside the outcome, comments and confirms; the insurer reads the comment and answers.
 */
class CollaboBrowserTests extends BrowserTests {

    @Autowired Accounts accounts;
    @Autowired CollaboFixture fixture;
    @Autowired HealthAccounting accounting;

    @Test
    void theInsurerSharesTheCompanyReviewsBesideItsInvestmentAndTheInsurerAnswers() throws Exception {
        CollaboFixture.Parties p = fixture.linked("K-1");
        fixture.population(p, "K-1", 60);
        Accounts.Account staff = accounts.user(p.insurer(), Role.INSURER_STAFF);
        Accounts.Account hr = accounts.user(p.company(), Role.HR_STAFF);
        CurrentTenant.runAs(p.company(), () -> {
            UUID measure = accounting.createMeasure(FiscalYear.of(2024), new HealthAccounting.MeasureCommand("特定保健指導の就業時間内実施",
                    "", PurposeCategory.HIGH_RISK, Set.of(2), Set.of(), 40));
            return accounting.addLine(measure, new HealthAccounting.LineCommand("保健師委託", ExpenseType.OUTSOURCING,
                    ResourceView.OUTSOURCED, Yen.of(1_200_000), "請求書"));
        });

        signIn(staff.email(), Accounts.PASSWORD);
        open("/insurer");
        browser.findElement(By.linkText("コラボヘルス")).click();
        new Select(find("#employerGroup")).selectByIndex(0);
        find("#year").clear();
        find("#year").sendKeys("2024");
        find("#build button[type=submit], form[action$='/insurer/collabo/reports'] button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "レポートを作成しました"));
        assertThat(text("#status")).isEqualTo("下書き");
        assertThat(text("#legend")).contains("×");
        find("#share").click();
        find("form[action$='/share'] button[type=submit]").click();
        browser.switchTo().alert().accept();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "共有しました"));
        assertThat(text("#status")).isEqualTo("共有済み");
        screenshot("collabo-insurer-report");
        signOut();

        signIn(hr.email(), Accounts.PASSWORD);
        open("/company/collabo");
        find("input[id^='invest-year-']").clear();
        find("input[id^='invest-year-']").sendKeys("2024");
        find("form[action$='/investment'] button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "共有しました"));
        find("#reports a").click();
        assertThat(text("#ratio-OBESITY")).contains("肥満");
        assertThat(text("#rates-table")).contains("特定健診 実施率", "100.0%");
        new Select(find("#section")).selectByValue("risks");
        find("#body").sendKeys("肥満の割合について、保健指導の進め方を相談させてください。");
        find("form[action$='/comments'] button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "コメントしました"));
        find("#acknowledge button").click();
        waitFor(ExpectedConditions.alertIsPresent()).accept(); // 確認済み cannot be taken back: the page asks first
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "確認済みにしました"));
        assertThat(text("#status")).isEqualTo("確認済み");
        browser.findElement(By.linkText("健康投資と成果を見る")).click();
        assertThat(text("#issue-2")).contains("1,200,000円", "肥満", "%");
        screenshot("collabo-investment");
        signOut();

        signIn(staff.email(), Accounts.PASSWORD);
        open("/insurer/collabo");
        find("#reports a").click();
        assertThat(text("ol.comments")).contains("保健指導の進め方を相談させてください");
        assertThat(text("#status")).isEqualTo("確認済み");
        find("#body").sendKeys("承知しました。来月の打合せでご提案します。");
        find("form[action$='/comments'] button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "コメントしました"));
        assertThat(text("ol.comments")).contains("会社", "保険者", "来月の打合せでご提案します");
    }
}
