package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.Accounts;
import jp.hip.BrowserTests;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** HR staff enter an indicator, a measure with investments and an allocation in Chromium, and see totals and chart. */
class AccountingBrowserTests extends BrowserTests {

    @Autowired
    Accounts accounts;

    @Test
    void hrEntersAMeasureWithInvestmentsAndAnAllocationAndSeesTotalsAndChart() throws Exception {
        Accounts.Account hr = accounts.user(accounts.tenant(TenantKind.COMPANY), Role.HR_STAFF);
        signIn(hr.email(), Accounts.PASSWORD);

        open("/company/indicators");
        find("#name").sendKeys("運動習慣者比率");
        new Select(find("#tier")).selectByValue("BEHAVIOUR");
        find("#unit").sendKeys("%");
        new Select(find("#direction")).selectByValue("HIGHER_IS_BETTER");
        find("main form.stacked button[type=submit]").click();
        waitFor(ExpectedConditions.urlMatches(".*/company/indicators/[0-9a-f-]{36}$"));

        open("/company/measures/new");
        find("main form button[type=submit]").click();
        assertThat(text("[role=alert]")).contains("入力内容を確認してください");
        find("#name").sendKeys("ウォーキングキャンペーン");
        new Select(find("#purpose")).selectByValue("POPULATION");
        find("input[name=issues][value='1']").click();
        find("#participants").clear();
        find("#participants").sendKeys("250");
        find("main form button[type=submit]").click();
        waitFor(ExpectedConditions.urlMatches(".*/company/measures/[0-9a-f-]{36}$"));
        assertThat(text("h1")).isEqualTo("ウォーキングキャンペーン");

        find("#description").sendKeys("歩数計アプリ利用料");
        new Select(find("#expenseType")).selectByValue("OUTSOURCING");
        new Select(find("#resourceView")).selectByValue("OUTSOURCED");
        find("#amount").sendKeys("1,200,000");
        find("form[action$='/lines'] button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "明細を追加しました"));

        find("#lines details summary").click();
        find("#lines details form button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "按分を保存しました"));
        assertThat(text("#lines")).contains("運動習慣者比率", "100.00%", "1,200,000円");
        assertThat(text("#measure-totals")).contains("外注費", "1,200,000円");
        assertThat(browser.findElements(By.cssSelector("svg.acc-chart rect.bar"))).hasSize(4);

        open("/company");
        assertThat(text("#home-totals")).contains("1,200,000円");
        assertThat(find("svg.acc-chart").isDisplayed()).isTrue();
        screenshot("accounting-home");
    }
}
