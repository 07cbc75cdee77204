package jp.hip.web.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.web.FormPosts;
import jp.hip.web.WebSlice;

/** The association's profile and new-guideline forms (様式): every error at once, by field, nothing saved. */
@WebSlice(AssociationGuidelinesController.class)
@WithMockUser(roles = "ASSOCIATION_USER")
class AssociationFormsTests {

    @Autowired MockMvcTester mvc;
    @Autowired FormPosts forms;
    @MockitoBean AssociationDesk desk;

    @BeforeEach
    void noGuideline() {
        Mockito.when(desk.myGuideline(Mockito.any())).thenReturn(Optional.empty());
    }

    @Test
    void emptyProfileNamesEveryRequiredField() {
        var result = forms.post("/association/guidelines/profile", "corporateNumber", "", "name", "", "kind", "",
                "representativeName", "", "websiteUrl", "", "contactEmail", "");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("corporateNumber", "validation.required",
                "name", "guidelines.association.name.required", "kind", "guidelines.association.kind.required"));
        assertThat(result).bodyText().contains("法人番号：入力してください。");
        verifyNoInteractions(desk);
    }

    @Test
    void wrongFormatsAndTooLongAreAnsweredTogetherAndKept() {
        var result = forms.post("/association/guidelines/profile", "corporateNumber", "12345", "name", "協".repeat(201),
                "kind", "INDUSTRY_ASSOCIATION", "representativeName", "", "websiteUrl", "ftp://files.example",
                "contactEmail", "no-at-sign");
        assertThat(FormPosts.fieldErrors(result)).containsEntry("corporateNumber", "guidelines.association.corporateNumber.invalid")
                .containsEntry("name", "validation.tooLong").containsEntry("websiteUrl", "guidelines.association.websiteUrl.invalid")
                .containsEntry("contactEmail", "identity.user.email.invalid");
        assertThat(result).bodyText().contains("ftp://files.example", "no-at-sign");
        verifyNoInteractions(desk);
    }

    @Test
    void fullWidthCorporateNumberIsAccepted() {
        var result = forms.post("/association/guidelines/profile", "corporateNumber", "８００００１２０１００３８", "name", "",
                "kind", "", "representativeName", "", "websiteUrl", "", "contactEmail", "");
        assertThat(FormPosts.fieldErrors(result)).doesNotContainKey("corporateNumber");
        assertThat(FormPosts.shownValues(result, "corporateNumber")).containsEntry("corporateNumber", "8000012010038");
        verifyNoInteractions(desk);
    }

    @Test
    void newGuidelineReadsFullWidthAndSlashedDatesAndRefusesTheFuture() {
        var slashed = forms.post("/association/guidelines", "title", "", "versionLabel", "第1版", "versionDatedOn", "２０２５／４／１");
        assertThat(FormPosts.fieldErrors(slashed)).doesNotContainKey("versionDatedOn");
        assertThat(FormPosts.shownValues(slashed, "versionDatedOn")).containsEntry("versionDatedOn", "2025-04-01");

        var future = forms.post("/association/guidelines", "title", "指針", "versionLabel", "第1版",
                "versionDatedOn", LocalDate.now().plusYears(1).toString(), "kind", "GUIDELINE", "serviceCategory", "");
        assertThat(FormPosts.fieldErrors(future)).containsEntry("versionDatedOn", "guidelines.version.datedOn.future");
        verifyNoInteractions(desk);
    }

    @Test
    void newGuidelineReportsEveryErrorAtOnce() {
        var result = forms.post("/association/guidelines", "kind", "", "serviceCategory", "", "title", "",
                "targetBusinesses", "x".repeat(501), "publicUrl", "not a url", "versionLabel", "", "versionDatedOn", "2025-13-40",
                "documentUrl", "");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("kind", "guidelines.guideline.kind.required",
                "serviceCategory", "guidelines.guideline.serviceCategory.required", "title", "guidelines.guideline.title.required",
                "targetBusinesses", "validation.tooLong", "publicUrl", "guidelines.guideline.publicUrl.invalid",
                "versionLabel", "guidelines.version.label.required", "versionDatedOn", "typeMismatch"));
        assertThat(result).bodyText().contains("2025-13-40");
        verifyNoInteractions(desk);
    }

    private java.util.UUID aGuideline() {
        java.util.UUID id = java.util.UUID.randomUUID();
        Mockito.when(desk.myGuideline(id)).thenReturn(Optional.of(new jp.hip.guidelines.guideline.GuidelineDetail(id, "HG-0001", "指針",
                jp.hip.guidelines.guideline.GuidelineKind.GUIDELINE, jp.hip.guidelines.guideline.ServiceCategory.FITNESS, "会員", "https://example.org",
                java.util.List.of(), java.util.List.of())));
        Mockito.when(desk.editionInForce()).thenReturn(new jp.hip.guidelines.rules.RuleDocumentView("2025", "本指針 2025年版",
                LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 1)));
        return id;
    }

    private void noVersionAdded() {
        Mockito.verify(desk, Mockito.never()).addVersion(Mockito.any(), Mockito.any());
    }

    @Test
    void anEmptyVersionNamesItsFieldsInTheSummary() {
        java.util.UUID id = aGuideline();
        var result = forms.post("/association/guidelines/" + id + "/versions", "label", "", "datedOn", "", "documentUrl", "");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("label", "guidelines.version.label.required",
                "datedOn", "guidelines.version.datedOn.required"));
        assertThat(result).bodyText().contains("版の名称：版の名称を入力してください", "策定日・改訂日：策定日・改訂日を入力してください。");
        noVersionAdded();
    }

    @Test
    void aTooLongNameAWrongDateAndAWrongUrlAreAnsweredTogetherAndKept() {
        java.util.UUID id = aGuideline();
        var result = forms.post("/association/guidelines/" + id + "/versions", "label", "版".repeat(51), "datedOn", "2025-13-40",
                "documentUrl", "ftp://files.example/v2.pdf");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("label", "validation.tooLong", "datedOn", "typeMismatch",
                "documentUrl", "guidelines.version.documentUrl.invalid"));
        assertThat(result).bodyText().contains("版".repeat(51), "2025-13-40", "ftp://files.example/v2.pdf");
        noVersionAdded();
    }

    @Test
    void aFullWidthDateIsReadAndAFutureDateIsOutOfRange() {
        java.util.UUID id = aGuideline();
        var future = forms.post("/association/guidelines/" + id + "/versions", "label", "第2版",
                "datedOn", LocalDate.now().plusDays(30).toString(), "documentUrl", "");
        assertThat(FormPosts.fieldErrors(future)).isEqualTo(Map.of("datedOn", "guidelines.version.datedOn.future"));
        noVersionAdded();

        var fullWidth = forms.post("/association/guidelines/" + id + "/versions", "label", "第2版", "datedOn", "２０２５／４／１",
                "documentUrl", "");
        assertThat(fullWidth).hasStatus3xxRedirection().hasRedirectedUrl("/association/guidelines/" + id)
                .flash().containsEntry("done", "guidelines.version.added");
        Mockito.verify(desk).addVersion(Mockito.eq(id), Mockito.argThat(v -> v.label().equals("第2版")
                && v.datedOn().equals(LocalDate.of(2025, 4, 1)) && v.document() == null));
    }

    @Test
    void aRuleOfTheVersionComesBackBesideItsField() {
        java.util.UUID id = aGuideline();
        Mockito.when(desk.addVersion(Mockito.eq(id), Mockito.any()))
                .thenThrow(new jp.hip.guidelines.GuidelineException("guidelines.version.label.taken"));
        var result = forms.post("/association/guidelines/" + id + "/versions", "label", "第1版", "datedOn", "2025-04-01", "documentUrl", "");
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("label", "guidelines.version.label.taken"));
        assertThat(result).bodyText().contains("版の名称：同じ名称の版がすでにあります。", "第1版");
    }

    @Test
    void aGuidelineIdThatIsNotAUuidIsNotFound() {
        assertThat(mvc.get().uri("/association/guidelines/12345")).hasStatus(404);
        assertThat(mvc.get().uri("/association/guidelines/{id}", java.util.UUID.randomUUID())).hasStatus(404);
    }
}
