package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** The measures list's CSV: exactly the rows of the page's 年度, UTF-8 with BOM, formula cells neutralised. */
@PlatformTest
class MeasuresCsvTests {

    static final FiscalYear FY = FiscalYear.of(2024);

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    HealthAccounting accounting;

    Accounts.Account viewer;
    Accounts.Account otherViewer;

    @BeforeEach
    void company() {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        viewer = accounts.user(company, Role.COMPANY_VIEWER);
        otherViewer = accounts.user(accounts.tenant(TenantKind.COMPANY), Role.COMPANY_VIEWER);
        CurrentTenant.runAs(company, () -> {
            UUID walk = measure(FY, "ウォーキング", 120);
            accounting.addLine(walk, new HealthAccounting.LineCommand("歩数計", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED,
                    Yen.of(1_234_567), null));
            accounting.addLine(walk, new HealthAccounting.LineCommand("景品", ExpenseType.OTHER, ResourceView.OTHER, Yen.of(1_000), null));
            measure(FY, "=HYPERLINK(\"http://evil.example\",\"x\")", 0);
            measure(FY, "-5kg チャレンジ", 30);
            measure(FY, "@SUM(A1)", 0);
            measure(FY.previous(), "前年度の施策", 10);
            measure(FY.next(), "翌年度の施策", 10);
            return null;
        });
    }

    UUID measure(FiscalYear year, String name, int participants) {
        return accounting.createMeasure(year, new HealthAccounting.MeasureCommand(name, null, PurposeCategory.POPULATION,
                Set.of(1), Set.of(), participants));
    }

    byte[] download(Cookie session, String path) throws Exception {
        return mvc.perform(get(path).cookie(session)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
    }

    static List<String> lines(byte[] csv) {
        return Arrays.asList(new String(csv, StandardCharsets.UTF_8).substring(1).split("\r\n"));
    }

    @Test
    void theCsvStartsWithTheBomAndHoldsExactlyTheRowsOfThePagesYear() throws Exception {
        Cookie session = Accounts.signIn(mvc, viewer.email());
        byte[] csv = download(session, "/company/measures.csv?year=" + FY.startYear());
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<String> lines = lines(csv);
        assertThat(lines.get(0)).isEqualTo("\"施策名\",\"目的\",\"外注費\",\"減価償却費\",\"人件費\",\"その他経費\",\"合計\",\"参加者数\"");
        assertThat(lines).hasSize(5)
                .contains("\"ウォーキング\",\"心身の健康（ポピュレーション）\",\"1234567\",\"0\",\"0\",\"1000\",\"1235567\",\"120\"")
                .noneMatch(l -> l.contains("前年度の施策") || l.contains("翌年度の施策"));

        String page = mvc.perform(get("/company/measures?year=" + FY.startYear()).cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("全4件", "href=\"/company/measures.csv?year=" + FY.startYear() + "&amp;sort=name&amp;dir=asc\"");

        assertThat(lines(download(session, "/company/measures.csv?year=" + FY.previous().startYear()))).hasSize(2)
                .anyMatch(l -> l.startsWith("\"前年度の施策\""));
    }

    @Test
    void cellsThatExcelWouldRunAsFormulasAreNeutralised() throws Exception {
        Cookie session = Accounts.signIn(mvc, viewer.email());
        List<String> lines = lines(download(session, "/company/measures.csv?year=" + FY.startYear()));
        assertThat(lines).anyMatch(l -> l.startsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","))
                .anyMatch(l -> l.startsWith("\"'-5kg チャレンジ\","))
                .anyMatch(l -> l.startsWith("\"'@SUM(A1)\","))
                .noneMatch(l -> l.startsWith("\"=") || l.startsWith("\"-") || l.startsWith("\"@"));
    }

    @Test
    void theCsvFollowsTheSortOfThePage() throws Exception {
        Cookie session = Accounts.signIn(mvc, viewer.email());
        String page = mvc.perform(get("/company/measures?year=" + FY.startYear() + "&sort=participants&dir=desc").cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"/company/measures.csv?year=" + FY.startYear() + "&amp;sort=participants&amp;dir=desc\"",
                "aria-sort=\"descending\"");
        assertThat(page.indexOf("ウォーキング")).isLessThan(page.indexOf("-5kg チャレンジ"));
        assertThat(page.indexOf("-5kg チャレンジ")).isLessThan(page.indexOf("@SUM(A1)"));
        List<String> lines = lines(download(session, "/company/measures.csv?year=" + FY.startYear() + "&sort=participants&dir=desc"));
        assertThat(lines.get(1)).startsWith("\"ウォーキング\"");
        assertThat(lines.get(2)).startsWith("\"'-5kg チャレンジ\"");
    }

    @Test
    void anotherCompanysCsvHasOnlyTheHeader() throws Exception {
        Cookie session = Accounts.signIn(mvc, otherViewer.email());
        assertThat(lines(download(session, "/company/measures.csv?year=" + FY.startYear()))).hasSize(1);
    }

    @Test
    void aLongListIsPagedKeepingYearAndSortWhileTheCsvHoldsEveryRow() throws Exception {
        FiscalYear busy = FiscalYear.of(2031);
        CurrentTenant.runAs(viewer.tenantId(), () -> {
            for (int i = 1; i <= 55; i++) {
                measure(busy, "施策%02d".formatted(i), i);
            }
            return null;
        });
        Cookie session = Accounts.signIn(mvc, viewer.email());
        String first = mvc.perform(get("/company/measures?year=2031&sort=participants&dir=desc").cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(first).contains("全55件", "ページ 1 / 2", "施策55", "施策06")
                .doesNotContain("施策05<")
                .contains("href=\"/company/measures?year=2031&amp;sort=participants&amp;dir=desc&amp;page=2\"");
        String second = mvc.perform(get("/company/measures?year=2031&sort=participants&dir=desc&page=2").cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(second).contains("ページ 2 / 2", "施策05", "施策01").doesNotContain("施策06<");
        // beyond the end: redirected to the last page with the same filters (issue 15), never 「ページ 9 / 2」
        mvc.perform(get("/company/measures?year=2031&sort=participants&dir=desc&page=9").cookie(session))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/company/measures?year=2031&sort=participants&dir=desc&page=2"));
        assertThat(lines(download(session, "/company/measures.csv?year=2031&sort=participants&dir=desc"))).hasSize(56);
    }
}
