package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.guideline.GuidelineDetail;
import jp.hip.guidelines.publicregister.PublicRegister;
import jp.hip.guidelines.review.RegistryReview;
import jp.hip.guidelines.seeding.GuidelineSeeding;

/** The registry's pages through the real security chain: who reaches what, by URL and by id. */
@PlatformTest
class GuidelinePagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    GuidelineFixtures fx;

    @Autowired
    AssociationDesk desk;

    @Autowired
    RegistryReview review;

    @Autowired
    PublicRegister register;

    @Autowired
    GuidelineSeeding seeding;

    Accounts.Account association;
    Accounts.Account officer;
    String associationName;

    @BeforeEach
    void accounts() {
        associationName = GuidelineFixtures.unique("ページ協会");
        association = fx.association(associationName);
        officer = fx.officer();
    }

    @Test
    void thePublicListPermalinkAndLogoNeedNoSignIn() throws Exception {
        var listed = fx.listed(association, officer, "公開ページのガイドライン");
        String list = mvc.perform(get("/guidelines").param("association", associationName))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("公開ページのガイドライン").contains("掲載中").doesNotContain("認定");
        String page = mvc.perform(get("/guidelines/{no}", listed.registrationNo()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("掲載中").contains("ロゴマーク使用期間内").contains("status-panel valid");
        String logo = mvc.perform(get("/guidelines/{no}/logo.svg", listed.registrationNo()))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("image/svg+xml")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(logo).contains("<svg").contains(listed.registrationNo()).contains("掲載中").contains("#0031D8");
    }

    @Test
    void theLogoOfAWithdrawnEntryIsGreyAndSaysSo() throws Exception {
        var listed = fx.listed(association, officer, "取下げロゴ");
        fx.as(association, () -> desk.withdraw(listed.declarationId(), fx.version(association, listed.declarationId()), null));
        String logo = mvc.perform(get("/guidelines/{no}/logo.svg", listed.registrationNo()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(logo).contains("取下げ").contains("#999999").doesNotContain("#0031D8");
    }

    @Test
    void aDraftHasNoPermalinkNoLogoAndNoCsvRow() throws Exception {
        var draft = fx.draft(association, "非公開の下書き", LocalDate.now().minusMonths(1));
        mvc.perform(get("/guidelines/{no}", draft.registrationNo())).andExpect(status().isNotFound());
        mvc.perform(get("/guidelines/{no}/logo.svg", draft.registrationNo())).andExpect(status().isNotFound());
        String list = mvc.perform(get("/guidelines").param("association", associationName).param("status", "DRAFT"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain("非公開の下書き");
        byte[] csv = mvc.perform(get("/guidelines/export.csv").param("association", associationName))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(csv, StandardCharsets.UTF_8)).doesNotContain("非公開の下書き");
    }

    @Test
    void theCsvIsUtf8WithBomAndHoldsExactlyTheFilteredRows() throws Exception {
        fx.listed(association, officer, "CSVのガイドライン, \"引用\"");
        var result = mvc.perform(get("/guidelines/export.csv").param("association", associationName))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")))
                .andReturn().getResponse();
        byte[] body = result.getContentAsByteArray();
        assertThat(body[0]).isEqualTo((byte) 0xEF);
        assertThat(body[1]).isEqualTo((byte) 0xBB);
        assertThat(body[2]).isEqualTo((byte) 0xBF);
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text.split("\r\n")).hasSize(2);
        assertThat(text).contains("登録番号").contains("\"CSVのガイドライン, \"\"引用\"\"\"").contains("掲載中");
    }

    @Test
    void theAboutPageExplainsTheLogoPeriodWithoutSignIn() throws Exception {
        String page = mvc.perform(get("/guidelines/about")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("最長2年以内").contains("自己宣言の登録");
    }

    @Test
    void aBadDateFilterIsExplainedAndIgnored() throws Exception {
        String page = mvc.perform(get("/guidelines").param("from", "2025-13-40"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("2025-04-01 または 2025/4/1");
    }

    @Test
    void anotherAssociationsGuidelineAndDeclarationAreNotFoundByUrl() throws Exception {
        var mine = fx.draft(association, "協会Aの宣言", LocalDate.now().minusMonths(1));
        Accounts.Account other = fx.association(GuidelineFixtures.unique("協会B"));
        Cookie session = Accounts.signIn(mvc, other.email());
        mvc.perform(get("/association/guidelines/declarations/{id}", mine.declarationId()).cookie(session)).andExpect(status().isNotFound());
        mvc.perform(get("/association/guidelines/{id}", mine.guidelineId()).cookie(session)).andExpect(status().isNotFound());
        mvc.perform(post("/association/guidelines/declarations/{id}/submit", mine.declarationId()).param("version", "0")
                .with(csrf()).cookie(session)).andExpect(status().isNotFound());
        mvc.perform(post("/association/guidelines/declarations/{id}/comments", mine.declarationId()).param("body", "横から")
                .with(csrf()).cookie(session)).andExpect(status().isNotFound());
        mvc.perform(get("/association/guidelines/declarations/{id}", "not-a-uuid").cookie(session)).andExpect(status().isNotFound());
        assertThat(fx.as(association, () -> desk.myDeclaration(mine.declarationId()).orElseThrow().comments())).isEmpty();
    }

    @Test
    void anAssociationCannotOpenOrUseTheRegistryPages() throws Exception {
        var mine = fx.draft(association, "自分の宣言", LocalDate.now().minusMonths(1));
        fx.submit(association, mine.declarationId());
        Cookie session = Accounts.signIn(mvc, association.email());
        mvc.perform(get("/registry/guidelines").cookie(session)).andExpect(status().isForbidden());
        mvc.perform(get("/registry/guidelines/declarations/{id}", mine.declarationId()).cookie(session)).andExpect(status().isForbidden());
        mvc.perform(post("/registry/guidelines/declarations/{id}/decide", mine.declarationId()).param("version", "1")
                .param("action", "LIST").with(csrf()).cookie(session)).andExpect(status().isForbidden());
        assertThat(register.publicEntry(mine.registrationNo())).isEmpty();
    }

    @Test
    void anOfficerCannotOpenTheAssociationPages() throws Exception {
        Cookie session = Accounts.signIn(mvc, officer.email());
        mvc.perform(get("/association/guidelines").cookie(session)).andExpect(status().isForbidden());
    }

    @Test
    void theWholeJourneyWorksThroughTheForms() throws Exception {
        Cookie assoc = Accounts.signIn(mvc, association.email());
        String location = mvc.perform(post("/association/guidelines").with(csrf()).cookie(assoc)
                        .param("kind", "GUIDELINE").param("serviceCategory", "RELAXATION").param("title", "フォームのガイドライン")
                        .param("versionLabel", "第1版").param("versionDatedOn", LocalDate.now().minusMonths(1).toString().replace('-', '/'))
                        .param("publicUrl", "https://assoc.example.org/g"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID guidelineId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        GuidelineDetail detail = fx.as(association, () -> desk.myGuideline(guidelineId).orElseThrow());
        String declarationUrl = mvc.perform(post("/association/guidelines/{id}/declarations", guidelineId).with(csrf()).cookie(assoc)
                        .param("versionId", detail.versions().get(0).id().toString()).param("formType", "FORM_1_ASSOCIATION").param("edition", "2025"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID declarationId = UUID.fromString(declarationUrl.substring(declarationUrl.lastIndexOf('/') + 1));
        String form = mvc.perform(get(declarationUrl).cookie(assoc)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("透明性").contains("ロゴマーク使用期間");

        // Missing pledge: the page says so, nothing is submitted.
        String refused = mvc.perform(filled(post(declarationUrl + "/submit").with(csrf()).cookie(assoc), declarationId, false))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("誓約にチェックしてください");
        mvc.perform(filled(post(declarationUrl + "/submit").with(csrf()).cookie(assoc), declarationId, true))
                .andExpect(redirectedUrl(declarationUrl));

        Cookie meti = Accounts.signIn(mvc, officer.email());
        String queue = mvc.perform(get("/registry/guidelines").cookie(meti)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(queue).contains("フォームのガイドライン");
        long version = fx.as(officer, () -> review.registryDeclaration(declarationId).orElseThrow().declaration().version());
        mvc.perform(post("/registry/guidelines/declarations/{id}/decide", declarationId).with(csrf()).cookie(meti)
                .param("version", String.valueOf(version)).param("action", "LIST")).andExpect(status().is3xxRedirection());
        String review = mvc.perform(get("/registry/guidelines/declarations/{id}", declarationId).cookie(meti))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(review).contains("掲載中").contains("監査証跡");
        String home = mvc.perform(get("/association/guidelines").cookie(assoc)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(home).contains("フォームのガイドライン").contains("掲載中");
        String listedPage = mvc.perform(get(declarationUrl).cookie(assoc)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(listedPage).contains("logo.svg").contains("掲載を取り下げる");
    }

    @Test
    void aPdfUploadIsStoredAndOnlyTheOwnAssociationAndMetiCanDownloadIt() throws Exception {
        var mine = fx.draft(association, "文書付きガイドライン", LocalDate.now().minusMonths(1));
        Cookie session = Accounts.signIn(mvc, association.email());
        byte[] pdf = "%PDF-1.7\n%テスト\n".getBytes(StandardCharsets.UTF_8);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/association/guidelines/{id}/versions", mine.guidelineId())
                        .file(new org.springframework.mock.web.MockMultipartFile("document", "第2版.pdf", "application/pdf", pdf))
                        .param("label", "第2版").param("datedOn", LocalDate.now().minusDays(1).toString()).with(csrf()).cookie(session))
                .andExpect(status().is3xxRedirection());
        GuidelineDetail detail = fx.as(association, () -> desk.myGuideline(mine.guidelineId()).orElseThrow());
        var version = detail.versions().stream().filter(v -> v.label().equals("第2版")).findFirst().orElseThrow();
        assertThat(version.hasDocument()).isTrue();
        byte[] downloaded = mvc.perform(get("/association/guidelines/{g}/versions/{v}/document", mine.guidelineId(), version.id()).cookie(session))
                .andExpect(status().isOk()).andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(downloaded).isEqualTo(pdf);
        Cookie other = Accounts.signIn(mvc, fx.association(GuidelineFixtures.unique("協会C")).email());
        mvc.perform(get("/association/guidelines/{g}/versions/{v}/document", mine.guidelineId(), version.id()).cookie(other))
                .andExpect(status().isNotFound());
    }

    @Test
    void aWrongTypeOrOversizedUploadIsExplainedAndWritesNothing() throws Exception {
        var mine = fx.draft(association, "アップロード失敗", LocalDate.now().minusMonths(1));
        Cookie session = Accounts.signIn(mvc, association.email());
        byte[] big = new byte[1024 * 1024 + 1];
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 5);
        String[][] cases = {{"exe.pdf", "MZ not a pdf", "PDFファイルを選んでください"}, {"big.pdf", null, "ファイルが大きすぎます"}};
        for (String[] c : cases) {
            byte[] content = c[1] == null ? big : c[1].getBytes(StandardCharsets.US_ASCII);
            // the form again, as typed, with the message beside the file field and in the summary (issue 15)
            String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/association/guidelines/{id}/versions", mine.guidelineId())
                            .file(new org.springframework.mock.web.MockMultipartFile("document", c[0], "application/pdf", content))
                            .param("label", "第2版").param("datedOn", LocalDate.now().minusDays(1).toString()).with(csrf()).cookie(session))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(page).contains(c[2]).contains("文書ファイル：").contains("value=\"第2版\"");
        }
        assertThat(fx.as(association, () -> desk.myGuideline(mine.guidelineId()).orElseThrow().versions())).hasSize(1);
    }

    private MockHttpServletRequestBuilder filled(MockHttpServletRequestBuilder request, UUID declarationId, boolean pledged) {
        long version = fx.version(association, declarationId);
        request.param("version", String.valueOf(version)).param("formType", "FORM_1_ASSOCIATION").param("edition", "2025")
                .param("signatoryName", "山田 一郎").param("signatoryTitle", "会長");
        if (pledged) {
            request.param("pledged", "true");
        }
        for (var item : desk.checklist("2025")) {
            request.param("answer[" + item.id() + "]", "YES").param("evidence[" + item.id() + "]", "https://assoc.example.org/e");
        }
        return request;
    }
}
