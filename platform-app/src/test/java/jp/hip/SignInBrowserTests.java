package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** A tenant administrator signs in, invites a colleague; the colleague sets a password and signs in. */
class SignInBrowserTests extends BrowserTests {

    @Autowired
    Accounts accounts;

    @Test
    void adminInvitesAColleagueWhoSetsAPasswordAndSignsIn() throws Exception {
        Accounts.Account admin = accounts.user(accounts.tenant(TenantKind.COMPANY), Role.HR_STAFF, Role.TENANT_ADMIN);

        open("/login");
        browser.findElement(By.id("email")).sendKeys(admin.email());
        browser.findElement(By.id("password")).sendKeys("wrong-password-123");
        find("main form button[type=submit]").click();
        assertThat(text("[role=alert]")).contains("メールアドレスまたはパスワードが正しくありません");

        signIn(admin.email(), Accounts.PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/company");
        assertThat(text("h1")).isEqualTo("健康経営ホーム");
        assertThat(text("header")).contains("テスト 利用者");

        open("/tenant/users/new");
        find("main button[type=submit]").click();
        assertThat(text("[role=alert]")).contains("入力内容を確認してください");
        String email = "colleague-" + java.util.UUID.randomUUID() + "@test.example";
        browser.findElement(By.id("displayName")).sendKeys("同僚 次郎");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.cssSelector("input[value=COMPANY_VIEWER]")).click();
        find("main button[type=submit]").click();
        String link = waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("code.secret"))).getText();
        assertThat(link).contains("/invitation/");
        assertThat(text("table.data")).contains(email).contains("招待中");
        screenshot("tenant-users");
        signOut();

        browser.get(link);
        browser.findElement(By.id("password")).sendKeys("a-long-new-password");
        browser.findElement(By.id("passwordConfirmation")).sendKeys("a-long-new-password");
        find("main button[type=submit]").click();
        waitFor(ExpectedConditions.urlContains("activated"));
        assertThat(text("[role=status]")).contains("パスワードを設定しました");

        signIn(email, "a-long-new-password");
        assertThat(text("h1")).isEqualTo("健康経営ホーム");
        assertThat(text("main")).contains("経営層(閲覧)");
    }

    @Test
    void englishSwitchKeepsWorkingAcrossPages() {
        open("/login?lang=en");
        assertThat(text("h1")).isEqualTo("Sign in");
        open("/");
        assertThat(text("h1")).isEqualTo("Health-investment platform");
        browser.findElement(By.linkText("日本語")).click();
        assertThat(text("h1")).isEqualTo("健康経営プラットフォーム");
    }
}
