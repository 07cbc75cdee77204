package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
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

/** The disclosure report as a page and as a PDF with an embedded Japanese font, with the company's own figures. */
@PlatformTest
class DisclosureTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    HealthAccounting accounting;

    @Autowired
    jp.hip.accounting.indicators.HealthIndicators healthIndicators;

    @Autowired
    jp.hip.accounting.analysis.EfficiencyAnalyses efficiency;

    @Autowired
    jp.hip.accounting.years.AccountingYears years;

    static String pdfText(MockMvc mvc, String path, Cookie session) throws Exception {
        var response = mvc.perform(get(path).cookie(session)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).isEqualTo("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    @Test
    void pageAndPdfShowTheCompanysFiguresInJapanese() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account viewer = accounts.user(company, Role.COMPANY_VIEWER);
        Accounts.Account other = accounts.user(accounts.tenant(TenantKind.COMPANY), Role.HR_STAFF);
        FiscalYear year = FiscalYear.current();
        CurrentTenant.runAs(company, () -> {
            UUID m = accounting.createMeasure(year, new HealthAccounting.MeasureCommand("メンタルヘルス研修", null,
                    PurposeCategory.LITERACY, Set.of(3), Set.of(), 120));
            return accounting.addLine(m, new HealthAccounting.LineCommand("講師料", ExpenseType.OUTSOURCING,
                    ResourceView.OUTSOURCED, Yen.of(1_234_567), null));
        });
        Cookie session = Accounts.signIn(mvc, viewer.email());
        String page = mvc.perform(get("/company/disclosure").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("健康投資レポート", "メンタルヘルス研修", "1,234,567円");

        var response = mvc.perform(get("/company/disclosure.pdf").cookie(session)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).isEqualTo("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("今年度の健康投資は 1,234,567円", "メンタルヘルス研修", "外注費 データなし 1,234,567円", "前年度 データなし");
            List<String> embedded = new ArrayList<>();
            for (var p : pdf.getPages()) {
                for (COSName name : p.getResources().getFontNames()) {
                    PDFont font = p.getResources().getFont(name);
                    if (font.isEmbedded()) {
                        embedded.add(font.getName());
                    }
                }
            }
            assertThat(embedded).anySatisfy(n -> assertThat(n).contains("IPAex"));
            // the text layer equals the rendered text: 人 (U+4EBA), never the Kangxi radical ⼈ (U+2F08) that shares its glyph
            assertThat(text).contains("人", "参加従業員", "従業員数");
            assertThat(text.codePoints().filter(c -> c >= 0x2E80 && c <= 0x2FDF).toArray()).isEmpty();
            // and it states the policy it used and that the year is not closed
            assertThat(text).contains("この報告で使った会計方針", "未確定");
        }

        Cookie otherSession = Accounts.signIn(mvc, other.email());
        var otherPdf = mvc.perform(get("/company/disclosure.pdf").cookie(otherSession)).andExpect(status().isOk()).andReturn().getResponse();
        try (PDDocument pdf = Loader.loadPDF(otherPdf.getContentAsByteArray())) {
            assertThat(new PDFTextStripper().getText(pdf)).doesNotContain("メンタルヘルス研修").doesNotContain("1,234,567円");
        }
    }

    @Test
    void pageAndPdfCarryTheFiveYearTrendWithItsNumbersAndRepeatTableHeadersOnEveryPage() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account viewer = accounts.user(company, Role.COMPANY_VIEWER);
        FiscalYear year = FiscalYear.current();
        CurrentTenant.runAs(company, () -> {
            // three years back: 300,000円; two years back: nothing at all (データなし); last year: a measure without lines (0円)
            UUID old = accounting.createMeasure(year.previous().previous().previous(), new HealthAccounting.MeasureCommand("禁煙外来補助",
                    null, PurposeCategory.LITERACY, Set.of(1), Set.of(), 10));
            accounting.addLine(old, new HealthAccounting.LineCommand("補助金", ExpenseType.OTHER, ResourceView.OTHER, Yen.of(300_000), null));
            accounting.createMeasure(year.previous(), new HealthAccounting.MeasureCommand("ウォーキング", null, PurposeCategory.LITERACY,
                    Set.of(1), Set.of(), 0));
            // this year: enough measures for the measures table to run over a page
            for (int i = 1; i <= 70; i++) {
                UUID m = accounting.createMeasure(year, new HealthAccounting.MeasureCommand("施策%02d".formatted(i), null,
                        PurposeCategory.LITERACY, Set.of(2), Set.of(), i));
                accounting.addLine(m, new HealthAccounting.LineCommand("費用", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED,
                        Yen.of(10_000), null));
            }
            return null;
        });
        String thisYear = year.startYear() + "年度";
        Cookie session = Accounts.signIn(mvc, viewer.email());
        String page = mvc.perform(get("/company/disclosure").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"disclosure-trend\"", "5年度の推移", "700,000円", "300,000円", "データなし");

        var response = mvc.perform(get("/company/disclosure.pdf").cookie(session)).andExpect(status().isOk()).andReturn().getResponse();
        try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            String text = new PDFTextStripper().getText(pdf);
            // the chart's rows read as the numbers they draw: every year, the one without data said so, never 0円
            assertThat(text).contains("5年度の推移（投資額の合計）", "年度 グラフ 合計",
                    (year.startYear() - 4) + "年度 データなし", (year.startYear() - 3) + "年度 300,000円",
                    (year.startYear() - 2) + "年度 データなし", (year.startYear() - 1) + "年度 0円", thisYear + " 700,000円");
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            // the measures table runs over a page and its header is repeated on the next
            int withHeader = 0;
            for (int p = 1; p <= pdf.getNumberOfPages(); p++) {
                PDFTextStripper one = new PDFTextStripper();
                one.setStartPage(p);
                one.setEndPage(p);
                String pageText = one.getText(pdf);
                if (pageText.contains("施策名 参加者数 金額")) {
                    withHeader++;
                }
            }
            assertThat(withHeader).as("pages that show the measures table's header").isGreaterThanOrEqualTo(2);
            assertThat(text.codePoints().filter(c -> c >= 0x2E80 && c <= 0x2FDF).toArray()).isEmpty();
        }
    }

    /**
     * 投資最小化分析 and 投資効用分析 in the page and the PDF (ADR 0113): the rows with their inputs, the margin used,
     * yen as 「1,234,567円」, 「データなし」 where there is nothing; the closed version once the year is closed.
     */
    @Test
    void pageAndPdfCarryBothEfficiencyAnalysesWithTheMarginAndTheClosedVersion() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account viewer = accounts.user(company, Role.COMPANY_VIEWER);
        FiscalYear year = FiscalYear.of(2025);
        CurrentTenant.runAs(company, () -> {
            EfficiencyFixture.create(accounting, healthIndicators, efficiency, year);
            return null;
        });
        Cookie session = Accounts.signIn(mvc, viewer.email());
        String page = mvc.perform(get("/company/disclosure").param("year", "2025").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("① 投資最小化分析", "③ 投資効用分析", "id=\"disclosure-margin\"", "4,500,000円", "28,571円");

        String text = pdfText(mvc, "/company/disclosure.pdf?year=2025", session);
        assertThat(text).contains("① 投資最小化分析", "同等とみなす幅：10%（初期値。この年度は設定されていません）",
                "アブセンティーイズム（日） 最も大きい効果：0.4（日）",
                "健康メニュー 1,800,000円 3 2.6 0.4 600 4,500,000円 最小費用",
                "予防接種 1,820,000円 3.1 2.72 0.38 520 4,789,474円",
                "フィットネス 300,000円 データなし データなし データなし データなし -",
                "③ 投資効用分析", "女性セミナー 健康関連QOL（EQ-5D-", "0.05 140 1 7 200,000円 28,571円", "未確定");
        assertThat(text).doesNotContain("フィットネス 300,000円 0");

        // closed: the effects and the margin can no longer change, and the report says which closed version it shows
        CurrentTenant.runAs(company, () -> years.close(year));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CurrentTenant.runAs(company, () -> {
            efficiency.setMargin(year, new BigDecimal("3"));
            return null;
        })).hasMessage("accounting.year.closed");
        // nor the utility marking the closed 投資効用分析 rests on
        UUID qol = CurrentTenant.runAs(company, () -> efficiency.utilityScales().get(0).indicatorId());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CurrentTenant.runAs(company, () -> {
            efficiency.unmarkUtility(qol);
            return null;
        })).hasMessage("accounting.utility.closedYear");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CurrentTenant.runAs(company, () -> {
            efficiency.markUtility(qol, "SF-6D");
            return null;
        })).hasMessage("accounting.utility.closedYear");
        String closed = pdfText(mvc, "/company/disclosure.pdf?year=2025", session);
        assertThat(closed).contains("確定版 第1版", "同等とみなす幅：10%（初期値。この年度は設定されていません）",
                "健康メニュー 1,800,000円 3 2.6 0.4 600 4,500,000円 最小費用", "28,571円");
    }

    @Test
    void withoutEffectsOrUtilityIndicatorsBothAnalysesSayNoDataInJapaneseAndEnglish() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account viewer = accounts.user(company, Role.COMPANY_VIEWER);
        CurrentTenant.runAs(company, () -> {
            efficiency.setMargin(FiscalYear.of(2025), new BigDecimal("5"));
            return null;
        });
        Cookie session = Accounts.signIn(mvc, viewer.email());
        String ja = pdfText(mvc, "/company/disclosure.pdf?year=2025", session);
        assertThat(ja).contains("同等とみなす幅：5%（この年度の設定）",
                "データなし（最終目標の指標に按分した施策も、効果を記録した施策もありません）", "データなし（効用値の指標がありません）");
        assertThat(ja).doesNotContain("効果1単位あたりの費用", "獲得した質調整人年 費用");

        Cookie english = Accounts.signIn(mvc, viewer.email());
        String en = pdfText(mvc, "/company/disclosure.pdf?year=2025&lang=en", english);
        assertThat(en).contains("① Cost-minimisation analysis", "Equivalence margin: 5% (set for this fiscal year)",
                "No data (no measure is allocated to a final-goal indicator or has a recorded effect)", "③ Cost-utility analysis",
                "No data (no indicator is a utility value)");
        assertThat(en).doesNotContain("データなし");
    }

    @Test
    void theEnglishPdfNamesTheRowsAndTheDefaultMargin() throws Exception {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account viewer = accounts.user(company, Role.COMPANY_VIEWER);
        CurrentTenant.runAs(company, () -> {
            EfficiencyFixture.create(accounting, healthIndicators, efficiency, FiscalYear.of(2025));
            return null;
        });
        Cookie session = Accounts.signIn(mvc, viewer.email());
        String en = pdfText(mvc, "/company/disclosure.pdf?year=2025&lang=en", session);
        assertThat(en).contains("Equivalence margin: 10% (default; not set for this fiscal year)",
                "1,800,000円 3 2.6 0.4 600 4,500,000円 Least cost", "Equivalent effect", "300,000円 No data No data No data No data -",
                "200,000円 28,571円");
    }
}
