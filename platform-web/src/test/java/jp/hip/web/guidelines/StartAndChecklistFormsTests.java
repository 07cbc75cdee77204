package jp.hip.web.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.security.test.context.support.WithMockUser;

import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.guideline.GuidelineDetail;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.GuidelineVersionView;
import jp.hip.guidelines.review.RegistryReview;
import jp.hip.guidelines.rules.RuleDocumentView;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.web.FormPosts;
import jp.hip.web.WebSlice;

/**
 * Starting a declaration (a row of the versions table) and METI's rewording of a checklist item, as validated records
 * (ADR 0018 left them plain parameters): empty, too long, wrong format, full width and out of range are answered by
 * field on the page itself, all at once, with nothing started or changed.
 */
@WebSlice({AssociationGuidelinesController.class, RegistryGuidelinesController.class})
@WithMockUser(roles = {"ASSOCIATION_USER", "REGISTRY_OFFICER"})
class StartAndChecklistFormsTests {

    static final UUID GUIDELINE = UUID.randomUUID();
    static final UUID VERSION = UUID.randomUUID();
    static final UUID T1 = UUID.randomUUID();
    static final String START = "/association/guidelines/" + GUIDELINE + "/declarations";
    static final String REWORD = "/registry/guidelines/checklist/" + T1;

    @Autowired FormPosts forms;
    @MockitoBean AssociationDesk desk;
    @MockitoBean RegistryReview review;

    @BeforeEach
    void aGuidelineWithOneVersionAndAChecklist() {
        when(desk.myGuideline(GUIDELINE)).thenReturn(Optional.of(new GuidelineDetail(GUIDELINE, "HG-0001", "指針",
                GuidelineKind.values()[0], ServiceCategory.values()[0], "", "", List.of(new GuidelineVersionView(VERSION,
                        "第1版", LocalDate.now().minusMonths(1), "", false)), List.of())));
        RuleDocumentView inForce = new RuleDocumentView("2025", "2025年版", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 4, 1));
        when(desk.editionInForce()).thenReturn(inForce);
        when(review.ruleDocuments()).thenReturn(List.of(inForce));
        when(review.checklist("2025")).thenReturn(GuidelineViews.checklist(T1, UUID.randomUUID()));
    }

    @Test
    void anEmptyStartNamesTheVersionTheFormTypeAndTheEditionTogether() {
        var result = forms.post(START, "versionId", "", "formType", "", "edition", "");
        assertThat(FormPosts.fieldErrors(result, "start")).isEqualTo(Map.of("versionId", "guidelines.declaration.version.required",
                "formType", "guidelines.declaration.formType.required", "edition", "guidelines.declaration.edition.required"));
        assertThat(result).bodyText().contains("様式：様式を選んでください。", "版：宣言書を作る版を選んでください。");
        verify(desk, never()).startDeclaration(any(), any(), any(), anyString());
    }

    @Test
    void aVersionThatIsNoIdAFormTypeThatIsNoneAndATooLongEditionAreAnsweredByField() {
        var result = forms.post(START, "versionId", "v-1", "formType", "FORM_9", "edition", "２０２５２０２５２");
        assertThat(FormPosts.fieldErrors(result, "start")).isEqualTo(Map.of("versionId", "typeMismatch",
                "formType", "typeMismatch", "edition", "validation.tooLong"));
        verify(desk, never()).startDeclaration(any(), any(), any(), anyString());
    }

    @Test
    void theDesksRulesComeBackOnTheGuidelinePageNotAfterARedirect() {
        when(desk.startDeclaration(GUIDELINE, VERSION, FormType.values()[0], "2024"))
                .thenThrow(new GuidelineException("guidelines.declaration.edition.notInForce", "2024", "2025"));
        var result = forms.post(START, "versionId", VERSION.toString(), "formType", FormType.values()[0].name(), "edition", "2024");
        assertThat(FormPosts.fieldErrors(result, "start")).isEqualTo(Map.of("edition", "guidelines.declaration.edition.notInForce"));
        assertThat(result).bodyText().contains("2024年版は現在施行中の版ではありません");
    }

    @Test
    void aValidStartOpensTheNewDeclaration() {
        UUID declaration = UUID.randomUUID();
        when(desk.startDeclaration(GUIDELINE, VERSION, FormType.values()[0], "2025")).thenReturn(declaration);
        var result = forms.post(START, "versionId", VERSION.toString(), "formType", FormType.values()[0].name(), "edition", "2025");
        assertThat(result).hasRedirectedUrl("/association/guidelines/declarations/" + declaration);
    }

    @Test
    void anEmptyOrTooLongWordingIsAnsweredInTheItemsRowWithTheTextKept() {
        var empty = forms.post(REWORD, "version", "0", "text", "  ", "edition", "2025", "requiresEvidence", "true");
        assertThat(FormPosts.fieldErrors(empty, "reword")).isEqualTo(Map.of("text", "guidelines.checklist.text.required"));
        var tooLong = forms.post(REWORD, "version", "0", "text", "文".repeat(501), "edition", "2025", "requiresEvidence", "true");
        assertThat(FormPosts.fieldErrors(tooLong, "reword")).isEqualTo(Map.of("text", "validation.tooLong"));
        assertThat(tooLong).bodyText().contains("文言：長すぎます。", "文".repeat(501));
        verify(review, never()).rewordChecklistItem(any(), anyLong(), any(), anyBoolean());
    }

    @Test
    void aVersionThatIsNoNumberOrNegativeIsAnsweredWithTheWordingsProblem() {
        var wrong = forms.post(REWORD, "version", "ｘ", "text", "", "edition", "2025");
        assertThat(FormPosts.fieldErrors(wrong, "reword")).isEqualTo(Map.of("version", "typeMismatch",
                "text", "guidelines.checklist.text.required"));
        var negative = forms.post(REWORD, "version", "-1", "text", "新しい文言", "edition", "2025");
        assertThat(FormPosts.fieldErrors(negative, "reword")).isEqualTo(Map.of("version", "validation.outOfRange"));
        verify(review, never()).rewordChecklistItem(any(), anyLong(), any(), anyBoolean());
    }

    @Test
    void aFullWidthVersionIsReadAndTheRewordingSaysSo() {
        var result = forms.post(REWORD, "version", "０", "text", "新しい文言", "edition", "2025", "requiresEvidence", "true");
        assertThat(result).hasStatus3xxRedirection().flash().containsEntry("done", "guidelines.reg.checklist.saved");
        verify(review).rewordChecklistItem(T1, 0, "新しい文言", true);
    }

    @Test
    void aStaleVersionIsAnsweredOnThePage() {
        when(review.rewordChecklistItem(T1, 0, "新しい文言", true)).thenThrow(new GuidelineException("guidelines.declaration.stale"));
        var result = forms.post(REWORD, "version", "0", "text", "新しい文言", "edition", "2025", "requiresEvidence", "true");
        assertThat(result).hasStatusOk();
        assertThat(result).bodyText().contains("新しい文言");
        assertThat(result.getMvcResult().getModelAndView().getModel()).containsEntry("rewordItem", T1);
    }
}
