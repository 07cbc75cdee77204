package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.guidelines.review.RegistryReview;

/** The public list as a PDF laid out like METI's list: no sign-in, the list's filters, public statuses only. */
@PlatformTest
class GuidelineListPdfTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    GuidelineFixtures fx;

    Accounts.Account association;
    Accounts.Account officer;
    String associationName;

    @BeforeEach
    void accounts() {
        associationName = GuidelineFixtures.unique("PDF協会");
        association = fx.association(associationName);
        officer = fx.officer();
    }

    @Test
    void thePdfDownloadsWithoutSignInAsAnA4LandscapeTableWithTheJapaneseFontEmbedded() throws Exception {
        var listed = fx.listed(association, officer, "PDF掲載のガイドライン");
        MockHttpServletResponse response = mvc.perform(get("/guidelines/export.pdf").param("association", associationName))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).isEqualTo("application/pdf");
        assertThat(response.getHeader("Content-Disposition")).startsWith("attachment").contains("guideline-list-").contains(".pdf");
        byte[] body = response.getContentAsByteArray();
        assertThat(new String(Arrays.copyOf(body, 5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument pdf = Loader.loadPDF(body)) {
            String text = normalized(new PDFTextStripper().getText(pdf));
            assertThat(text).contains("ヘルスケアサービスガイドライン等掲載リスト")
                    .containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日発行")
                    .contains("登録番号", "業界団体等名", "ガイドライン等の名称", "種別", "サービス分類", "版・策定/改訂日",
                            "宣言日", "ロゴマーク使用期限", "状態")
                    .contains(listed.registrationNo(), "PDF掲載のガイドライン", "掲載中")
                    .doesNotContain("認定").doesNotContain("認証").doesNotContain("承認");
            var box = pdf.getPage(0).getMediaBox();
            assertThat(box.getWidth()).isGreaterThan(box.getHeight());
            assertThat(Math.round(box.getWidth() / 72 * 25.4)).isEqualTo(297);
            List<String> embedded = new ArrayList<>();
            for (var page : pdf.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    if (font.isEmbedded()) {
                        embedded.add(font.getName());
                    }
                }
            }
            assertThat(embedded).anySatisfy(n -> assertThat(n).contains("IPAex"));
        }
    }

    @Test
    void thePdfHonoursTheListsFiltersLikeTheCsv() throws Exception {
        var wanted = fx.listed(association, officer, "絞り込み対象");
        var other = fx.listed(association, officer, "対象外の掲載");
        String otherAssociation = GuidelineFixtures.unique("別のPDF協会");
        var elsewhere = fx.listed(fx.association(otherAssociation), officer, "別団体の掲載");

        String text = pdfText(get("/guidelines/export.pdf").param("association", associationName).param("title", "絞り込み"));
        assertThat(text).contains(wanted.registrationNo(), "絞り込み対象")
                .doesNotContain(other.registrationNo()).doesNotContain("対象外の掲載")
                .doesNotContain(elsewhere.registrationNo()).doesNotContain("別団体の掲載");

        String csv = mvc.perform(get("/guidelines/export.csv").param("association", associationName).param("title", "絞り込み"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains(wanted.registrationNo()).doesNotContain(other.registrationNo());

        String byAssociation = pdfText(get("/guidelines/export.pdf").param("association", associationName));
        assertThat(byAssociation).contains(wanted.registrationNo(), other.registrationNo())
                .doesNotContain(elsewhere.registrationNo());
    }

    @Test
    void draftSubmittedAndNotAcceptedEntriesNeverAppearInThePdf() throws Exception {
        var listed = fx.listed(association, officer, "公開中の掲載");
        var draft = fx.draft(association, "非公開の下書き", LocalDate.now().minusMonths(1));
        var submitted = fx.draft(association, "提出中の宣言", LocalDate.now().minusMonths(1));
        fx.submit(association, submitted.declarationId());
        var refused = fx.draft(association, "対象外とした宣言", LocalDate.now().minusMonths(1));
        fx.submit(association, refused.declarationId());
        fx.decide(officer, refused.declarationId(), RegistryReview.RegistryAction.NOT_ACCEPT, "対象外のサービスです");

        for (String status : List.of("", "DRAFT", "SUBMITTED", "NOT_ACCEPTED")) {
            String text = pdfText(get("/guidelines/export.pdf").param("association", associationName).param("status", status));
            assertThat(text).contains(listed.registrationNo())
                    .doesNotContain(draft.registrationNo()).doesNotContain("非公開の下書き")
                    .doesNotContain(submitted.registrationNo()).doesNotContain("提出中の宣言")
                    .doesNotContain(refused.registrationNo()).doesNotContain("対象外とした宣言");
        }
    }

    @Test
    void inEnglishThePdfUsesTheEnglishLabelsAndDates() throws Exception {
        var listed = fx.listed(association, officer, "英語表示の掲載");
        String text = pdfText(get("/guidelines/export.pdf").param("association", associationName)
                .cookie(new jakarta.servlet.http.Cookie("HIP_LANG", "en")));
        assertThat(text).contains("Healthcareserviceguidelines", "Registrationno.", "Logovaliduntil", "Issued")
                .containsPattern("Issued\\d{1,2}[A-Z][a-z]+\\d{4}")
                .contains(listed.registrationNo(), "英語表示の掲載");
    }

    @Test
    void thePublicListLinksThePdfWithItsCurrentFilters() throws Exception {
        String page = mvc.perform(get("/guidelines").param("association", associationName).param("kind", "GUIDELINE"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"pdf-link\"").contains("/guidelines/export.pdf?").contains("kind=GUIDELINE")
                .contains("PDFダウンロード");
    }

    private String pdfText(MockHttpServletRequestBuilder request) throws Exception {
        byte[] body = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (PDDocument pdf = Loader.loadPDF(body)) {
            return normalized(new PDFTextStripper().getText(pdf));
        }
    }

    /**
     * The text as extracted, comparable with plain strings: IPAex Gothic maps some ideographs to their Kangxi radical
     * code points (月 as U+2F49), which NFKC folds back; table cells wrap lines, so whitespace is dropped.
     */
    private static String normalized(String extracted) {
        return Normalizer.normalize(extracted, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }
}
