package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
}
