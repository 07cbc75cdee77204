package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.Accounts;
import jp.hip.BrowserTests;
import jp.hip.identity.Role;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;
import jp.hip.phr.rights.PhrRights;

/** Chromium: an insurer uploads a ZIP of checkup XML; the individual sees the values, withdraws consent, exports and deletes. */
class PhrBrowserTests extends BrowserTests {

    @Autowired Accounts accounts;
    @Autowired PhrObservations observations;
    @Autowired PhrPersons persons;
    @Autowired PhrRights rights;
    @Autowired JdbcClient jdbc;
    @Autowired jp.hip.phr.checkup.CheckupRecords checkups;

    @Test
    void insurerUploadsAndTheIndividualControlsTheirData() throws Exception {
        Accounts.Account staff = accounts.withRole(Role.INSURER_STAFF);
        checkups.registerInsurerNumber(Accessor.tenant(staff.tenantId(), "setup", "setup", Accessor.Channel.PAGE), "06130012");
        Path zip = Files.createTempFile("checkups", ".zip");
        Files.write(zip, CheckupImportTests.zip(new java.util.LinkedHashMap<>(Map.of(
                "checkup-yamada.xml", CheckupImportTests.sample("checkup-yamada-20250610.xml"),
                "checkup-bad.xml", CheckupImportTests.sample("checkup-bad-values.xml")))));

        signIn(staff.email(), Accounts.PASSWORD);
        open("/insurer");
        browser.findElement(By.linkText("健診データの取込")).click();
        browser.findElement(By.id("file")).sendKeys(zip.toAbsolutePath().toString());
        assertThat(find("form[data-progress]").getAttribute("data-progress-ready"))
                .as("the upload goes through the progress script").isEqualTo("true");
        find("#upload").click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("summary")));
        assertThat(text("#summary")).contains("取込 2件", "取り込まず 0件");
        assertThat(text("#results")).contains("checkup-bad.xml", "取込済", "体重: 単位「mg/dl」", "HDLコレステロール: 値「四十八」", "要確認");
        screenshot("phr-import-result");
        // The members overview counts the insurer's own checkups by law (法令), without consent: one member examined,
        // a cell under 10 persons, so shown as ×.
        browser.findElement(By.linkText("加入者の健診結果(集計)")).click();
        assertThat(text("#counts")).contains("加入者", "2人", "×");
        assertThat(text("#items")).contains("BMI");
        signOut();

        UUID person = jdbc.sql("select person_id from phr_membership where tenant_id = ? and insured_number = '1234567'")
                .param(staff.tenantId()).query(UUID.class).single();
        Accounts.Account individual = accounts.withRole(Role.INDIVIDUAL);
        persons.linkIndividual(person, individual.tenantId());
        UUID employer = accounts.tenant(jp.hip.identity.TenantKind.COMPANY);
        persons.registerEmployee(employer, person);
        String employerName = jdbc.sql("select name from plat_tenant where id = ?").param(employer).query(String.class).single();

        signIn(individual.email(), Accounts.PASSWORD);
        open("/me");
        browser.findElement(By.linkText("健診結果とライフログ")).click();
        assertThat(text("#latest")).contains("体重", "74.8", "LDLコレステロール", "141", "基準外");
        assertThat(browser.findElements(By.cssSelector("svg polyline"))).hasSize(1);
        screenshot("phr-records");

        open("/me/consents");
        // Each holder with its basis: the insurer by law (高確法), the employer by law for its own 定期健診 only.
        assertThat(text("#holders")).contains("法令（高齢者医療確保法", "法令（労働安全衛生法");
        new org.openqa.selenium.support.ui.Select(find("#recipient")).selectByVisibleText(employerName);
        find("main form.stacked button[type=submit]").click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "同意を記録しました")); // the next page, not this one
        Accessor insurer = Accessor.tenant(staff.tenantId(), "staff", "担当", Accessor.Channel.API);
        Accessor company = Accessor.tenant(employer, "hr", "人事", Accessor.Channel.API);
        ObservationQuery all = new ObservationQuery(java.util.Optional.of(person), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), true,
                java.util.Optional.empty(), false, 100, 0);
        int stored = (int) (long) jdbc.sql("select count(*) from phr_observation where person_id = ?").param(person).query(Long.class).single();
        assertThat(observations.searchObservations(company, all)).hasSize(stored).hasSizeGreaterThan(13);
        find("#consents button").click();
        waitFor(ExpectedConditions.alertIsPresent()).accept(); // the confirmation before an irreversible step
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "同意を撤回しました")); // the next page, not this one
        assertThat(text("#consents")).contains("撤回済");
        assertThat(observations.searchObservations(company, all)).isEmpty();
        // The insurer keeps reading its own 特定健診 records by law.
        assertThat(observations.searchObservations(insurer, all)).hasSize(stored);

        open("/me/access-log");
        // one entry per request, in words: who, what (item names and dates) and why (ADR 0042); no ids
        assertThat(text("#access-log")).contains(employerName, "検査値などの検索", "（17件）", "2025年6月10日の記録", "あなたの同意：健診結果",
                "法令（高齢者医療確保法").doesNotContain("Observation/", "Consent/", person.toString());
        // a phone (390 px): the entries and filters fit without sideways scrolling
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            open("/me/access-log");
            Number scrollWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth;");
            int innerWidth = ((Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.innerWidth;")).intValue();
            assertThat(scrollWidth.intValue()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(innerWidth);
            screenshot("phr-access-log-390");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }

        open("/me/data");
        String href = find("#export").getAttribute("href");
        String cookie = browser.manage().getCookieNamed("SESSION").getValue();
        HttpResponse<byte[]> export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "SESSION=" + cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(new String(export.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("Observation.ndjson", "original/");

        // before: what stays with whom, under which law and until when
        assertThat(text("#retained")).contains("特定健診の結果", "2025年度", "高齢者の医療の確保に関する法律 第22条", "年3月31日");
        find("#confirm").click();
        find("#delete").click();
        waitFor(ExpectedConditions.alertIsPresent()).accept(); // the confirmation before an irreversible step
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "記録を削除しました")); // the next page, not this one
        // what the insurer keeps by law, with whom and until when (ADR 0041)
        assertThat(text("main")).contains("法令により残っている記録", "高齢者の医療の確保に関する法律 第22条", "年3月31日");
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ?").param(person).query(Long.class).single())
                .as("the insurer's 特定健診 stays with it").isEqualTo(stored);
        assertThat(jdbc.sql("select count(*) from phr_consent where person_id = ?").param(person).query(Long.class).single()).isZero();
        assertThat(observations.searchObservations(insurer, all)).hasSize(stored);
        assertThat(rights.tombstoneOf(person)).isPresent();
        screenshot("phr-deleted");
    }
}
