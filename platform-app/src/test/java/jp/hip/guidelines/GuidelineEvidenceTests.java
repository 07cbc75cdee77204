package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.declarations.ReviewDetail;
import jp.hip.guidelines.review.RegistryReview;
import jp.hip.guidelines.review.RegistryReview.RegistryAction;
import jp.hip.guidelines.rules.ChecklistItemView;

/**
 * Evidence per answer (ADR 0015): 該当 needs a URL or an uploaded document (PDF, PNG or JPEG up to 1 MB), 該当なし
 * needs a reason; METI sees both; a second declaration starts from the first.
 */
@PlatformTest
class GuidelineEvidenceTests {

    static final byte[] PDF = "%PDF-1.7\n根拠資料\n".getBytes(StandardCharsets.UTF_8);

    @Autowired
    MockMvc mvc;

    @Autowired
    AssociationDesk desk;

    @Autowired
    RegistryReview review;

    @Autowired
    GuidelineFixtures fx;

    Accounts.Account association;
    Accounts.Account officer;

    @BeforeEach
    void accounts() {
        association = fx.association(GuidelineFixtures.unique("一般社団法人 根拠協会"));
        officer = fx.officer();
    }

    /** Every item 該当 with a URL, except: T3 with a file instead (or nothing), O2 該当なし with {@code reason}. */
    private MockMultipartHttpServletRequestBuilder form(String url, UUID declarationId, MockMultipartFile t3File, String o2Reason,
            Cookie session) throws java.io.IOException {
        List<ChecklistItemView> items = fx.as(association, () -> desk.myDeclaration(declarationId).orElseThrow().checklist());
        MockMultipartHttpServletRequestBuilder request = multipart(url);
        request.param("version", String.valueOf(fx.version(association, declarationId)))
                .param("formType", "FORM_1_ASSOCIATION").param("edition", "2025")
                .param("signatoryName", "根拠 太郎").param("signatoryTitle", "会長").param("pledged", "true");
        for (ChecklistItemView item : items) {
            String key = item.id().toString();
            switch (item.code()) {
                case "T3" -> {
                    request.param("answer[" + key + "]", "YES");
                    if (t3File != null) {
                        request.file(new MockMultipartFile("evidenceFile[" + key + "]", t3File.getOriginalFilename(),
                                t3File.getContentType(), t3File.getBytes()));
                    }
                }
                case "O2" -> request.param("answer[" + key + "]", "NA").param("reason[" + key + "]", o2Reason);
                default -> request.param("answer[" + key + "]", "YES").param("evidence[" + key + "]", "https://konkyo.example.org/" + item.code());
            }
        }
        request.with(csrf()).cookie(session);
        return request;
    }

    private String declarationPage(GuidelineFixtures.Drafted drafted) {
        return "/association/guidelines/declarations/" + drafted.declarationId();
    }

    @Test
    void applicableWithoutEvidenceOrNotApplicableWithoutAReasonIsRefusedNamingTheItemAndWritesNothing() throws Exception {
        var drafted = fx.draft(association, "根拠なし", LocalDate.now().minusMonths(1));
        Cookie session = Accounts.signIn(mvc, association.email());
        long before = fx.version(association, drafted.declarationId());

        String noEvidence = mvc.perform(form(declarationPage(drafted) + "/submit", drafted.declarationId(), null, "用語の定義は不要", session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(noEvidence).contains("項目 T3 は「該当」と回答しています").contains("id=\"item-T3\"").contains("has-error");
        String noReason = mvc.perform(form(declarationPage(drafted) + "/submit", drafted.declarationId(),
                        new MockMultipartFile("f", "coi.pdf", "application/pdf", PDF), " ", session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(noReason).contains("項目 O2 は「該当なし」と回答しています");

        var after = fx.as(association, () -> desk.myDeclaration(drafted.declarationId()).orElseThrow());
        assertThat(after.declaration().status()).isEqualTo(DeclarationStatus.DRAFT);
        assertThat(after.declaration().version()).isEqualTo(before);
        assertThat(after.evidence()).isEmpty();
    }

    @Test
    void aWrongTypeOrOversizedEvidenceDocumentIsRefusedNamingTheItem() throws Exception {
        var drafted = fx.draft(association, "根拠資料の形式", LocalDate.now().minusMonths(1));
        Cookie session = Accounts.signIn(mvc, association.email());
        byte[] big = new byte[1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, 5);
        String exe = mvc.perform(form(declarationPage(drafted), drafted.declarationId(),
                        new MockMultipartFile("f", "coi.pdf", "application/pdf", "MZ\u0090 not a pdf".getBytes(StandardCharsets.ISO_8859_1)), "不要", session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(exe).contains("項目 T3 の根拠資料は PDF・PNG・JPEG のいずれかにしてください");
        String large = mvc.perform(form(declarationPage(drafted), drafted.declarationId(),
                        new MockMultipartFile("f", "big.pdf", "application/pdf", big), "不要", session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(large).contains("項目 T3 の根拠資料は1MBまでです");
        assertThat(fx.as(association, () -> desk.myDeclaration(drafted.declarationId()).orElseThrow().evidence())).isEmpty();
    }

    @Test
    void anUploadedDocumentIsEvidenceAndMetiSeesItAndTheReason() throws Exception {
        var drafted = fx.draft(association, "根拠資料つき", LocalDate.now().minusMonths(1));
        Cookie session = Accounts.signIn(mvc, association.email());
        mvc.perform(form(declarationPage(drafted) + "/submit", drafted.declarationId(),
                        new MockMultipartFile("f", "倫理規程.pdf", "application/pdf", PDF), "用語を新たに定める必要のない指針のため", session))
                .andExpect(status().is3xxRedirection());
        assertThat(fx.as(association, () -> desk.myDeclaration(drafted.declarationId()).orElseThrow().declaration().status()))
                .isEqualTo(DeclarationStatus.SUBMITTED);

        Cookie meti = Accounts.signIn(mvc, officer.email());
        String page = mvc.perform(get("/registry/guidelines/declarations/{id}", drafted.declarationId()).cookie(meti))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("用語を新たに定める必要のない指針のため").contains("添付済み: 倫理規程.pdf")
                .contains("https://konkyo.example.org/T1");
        UUID t3 = fx.as(officer, () -> review.registryDeclaration(drafted.declarationId()).orElseThrow().checklist()).stream()
                .filter(i -> i.code().equals("T3")).findFirst().orElseThrow().id();
        byte[] downloaded = mvc.perform(get("/registry/guidelines/declarations/{id}/evidence/{item}", drafted.declarationId(), t3).cookie(meti))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(downloaded).isEqualTo(PDF);
        Cookie other = Accounts.signIn(mvc, fx.association(GuidelineFixtures.unique("協会D")).email());
        mvc.perform(get("/association/guidelines/declarations/{id}/evidence/{item}", drafted.declarationId(), t3).cookie(other))
                .andExpect(status().isNotFound());
    }

    @Test
    void aSecondDeclarationOnARevisedVersionStartsFromTheFirstButNotItsPledge() throws Exception {
        var drafted = fx.draft(association, "引き継ぐ宣言", LocalDate.now().minusMonths(2));
        Cookie session = Accounts.signIn(mvc, association.email());
        mvc.perform(form(declarationPage(drafted) + "/submit", drafted.declarationId(),
                        new MockMultipartFile("f", "倫理規程.pdf", "application/pdf", PDF), "対象外の理由", session))
                .andExpect(status().is3xxRedirection());
        fx.decide(officer, drafted.declarationId(), RegistryAction.LIST, null);
        UUID revised = fx.as(association, () -> desk.addVersion(drafted.guidelineId(),
                new AssociationDesk.NewVersion("第2版", LocalDate.now().minusDays(1), null)));
        UUID second = fx.as(association, () -> desk.startDeclaration(drafted.guidelineId(), revised, FormType.FORM_1_ASSOCIATION, "2025"));

        ReviewDetail draft = fx.as(association, () -> desk.myDeclaration(second).orElseThrow());
        assertThat(draft.declaration().signatoryName()).isEqualTo("根拠 太郎");
        assertThat(draft.declaration().pledged()).isFalse();
        assertThat(draft.declaration().answers()).hasSameSizeAs(draft.checklist());
        ChecklistItemView o2 = draft.checklist().stream().filter(i -> i.code().equals("O2")).findFirst().orElseThrow();
        ChecklistItemView t3 = draft.checklist().stream().filter(i -> i.code().equals("T3")).findFirst().orElseThrow();
        assertThat(draft.declaration().answerFor(o2.id()).reason()).isEqualTo("対象外の理由");
        assertThat(draft.evidenceFor(t3.id()).fileName()).isEqualTo("倫理規程.pdf");
        String page = mvc.perform(get("/association/guidelines/declarations/{id}", second).cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("根拠 太郎").contains("https://konkyo.example.org/T1").contains("対象外の理由")
                .doesNotContain("null");
    }
}
