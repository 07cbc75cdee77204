package jp.hip.web.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DraftProblems;
import jp.hip.web.FormPosts;
import jp.hip.web.WebSlice;

/**
 * The declaration form (様式) as a validated record: every error at once, beside its field or checklist item and in a
 * summary that names them, input kept, nothing saved; full-width evidence URLs folded; a success message.
 */
@WebSlice(AssociationDeclarationController.class)
@WithMockUser(roles = "ASSOCIATION_USER")
class DeclarationFormTests {

    static final UUID ID = UUID.randomUUID();
    static final UUID T1 = UUID.randomUUID();
    static final UUID T2 = UUID.randomUUID();
    static final String PATH = "/association/guidelines/declarations/" + ID;

    @Autowired MockMvcTester mvc;
    @Autowired FormPosts forms;
    @MockitoBean AssociationDesk desk;

    @BeforeEach
    void aDraft() {
        Mockito.when(desk.myDeclaration(ID)).thenReturn(Optional.of(GuidelineViews.detail(ID, DeclarationStatus.DRAFT,
                GuidelineViews.checklist(T1, T2))));
        Mockito.when(desk.ruleDocuments()).thenReturn(List.of());
    }

    private static String[] fields(String... overrides) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("version", "3");
        values.put("formType", "FORM_1_ASSOCIATION");
        values.put("edition", "2025");
        values.put("signatoryName", "山田 一郎");
        values.put("signatoryTitle", "会長");
        values.put("answer[" + T1 + "]", "YES");
        values.put("evidence[" + T1 + "]", "https://example.org/evidence");
        values.put("reason[" + T1 + "]", "");
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            values.put(overrides[i], overrides[i + 1]);
        }
        return values.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
    }

    private void nothingSaved() {
        verify(desk, never()).saveDraft(any(), anyLong(), any());
        verify(desk, never()).saveAndSubmit(any(), anyLong(), any());
    }

    @Test
    void anEmptyFormTypeIsNamedInTheSummary() {
        var result = forms.post(PATH, fields("formType", ""));
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("formType", "guidelines.declaration.formType.required"));
        assertThat(result).bodyText().contains("様式：様式を選んでください。");
        nothingSaved();
    }

    @Test
    void tooLongAndOutOfRangeInputIsAnsweredTogetherBesideEachFieldAndKept() {
        var result = forms.post(PATH, fields("signatoryName", "山".repeat(101), "signatoryTitle", "長".repeat(101),
                "answer[" + T2 + "]", "MAYBE", "version", "-1"));
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("signatoryName", "validation.tooLong",
                "signatoryTitle", "validation.tooLong", "answer[" + T2 + "]", "guidelines.declaration.answer.unknown",
                "version", "validation.outOfRange"));
        assertThat(result).bodyText().contains("署名者 氏名：長すぎます。", "署名者 役職：長すぎます。",
                "T2：回答は「該当(満たしている)」「満たしていない」「該当なし(対象外)」から選んでください。", "山".repeat(101),
                "https://example.org/evidence");
        assertThat(result).bodyText().contains("id=\"item-T2\"");
        nothingSaved();
    }

    @Test
    void aFormTypeThatIsNoneIsATypeErrorAndTheRestIsStillCheckedAndShownAsTyped() {
        var result = forms.post(PATH, fields("formType", "SPACESHIP", "signatoryName", "名".repeat(101)));
        assertThat(FormPosts.fieldErrors(result)).containsEntry("formType", "typeMismatch")
                .containsEntry("signatoryName", "validation.tooLong");
        assertThat(result).bodyText().contains("名".repeat(101), "https://example.org/evidence");
        nothingSaved();
    }

    @Test
    void theDeclarationsOwnRulesComeBackForEveryItemAtOnceNamingEachItem() {
        doThrow(DraftProblems.of(List.of(
                new DraftProblems.Problem(DraftProblems.Part.PLEDGE, null, "guidelines.declaration.pledge.required", null),
                new DraftProblems.Problem(DraftProblems.Part.EVIDENCE_URL, T1, "guidelines.declaration.checklist.evidenceMissing", new Object[] {"T1"}),
                new DraftProblems.Problem(DraftProblems.Part.ANSWER, T2, "guidelines.declaration.checklist.incomplete", new Object[] {"T2"}))))
                .when(desk).saveAndSubmit(eq(ID), eq(3L), any());
        var result = forms.post(PATH + "/submit", fields("evidence[" + T1 + "]", ""));
        assertThat(FormPosts.fieldErrors(result)).isEqualTo(Map.of("pledged", "guidelines.declaration.pledge.required",
                "evidence[" + T1 + "]", "guidelines.declaration.checklist.evidenceMissing",
                "answer[" + T2 + "]", "guidelines.declaration.checklist.incomplete"));
        assertThat(result).bodyText().contains("誓約：誓約にチェックしてください。",
                "項目 T1 は「該当」と回答しています。", "チェックリスト項目 T2 に回答してください。", "href=\"#item-T2\"", "山田 一郎");
    }

    @Test
    void aFullWidthEvidenceUrlIsFoldedAndASavedDraftSaysSo() {
        var result = forms.post(PATH, fields("evidence[" + T1 + "]", "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｏｒｇ／ｅ"));
        assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl(PATH).flash().containsEntry("done", "guidelines.declaration.saved");
        ArgumentCaptor<AssociationDesk.DraftInput> input = ArgumentCaptor.forClass(AssociationDesk.DraftInput.class);
        verify(desk).saveDraft(eq(ID), eq(3L), input.capture());
        assertThat(input.getValue().answers().get(T1).evidenceUrl()).isEqualTo("https://example.org/e");
        assertThat(input.getValue().signatoryName()).isEqualTo("山田 一郎");
    }

    @Test
    void anEmptyOrTooLongCommentIsAnsweredBesideItsFieldAndKept() {
        var empty = forms.post(PATH + "/comments", "body", "  ");
        assertThat(FormPosts.fieldErrors(empty, "comment")).isEqualTo(Map.of("body", "guidelines.comment.body.required"));
        assertThat(empty).bodyText().contains("コメント：コメントを入力してください");
        var tooLong = forms.post(PATH + "/comments", "body", "長".repeat(4001));
        assertThat(FormPosts.fieldErrors(tooLong, "comment")).isEqualTo(Map.of("body", "guidelines.comment.body.required"));
        assertThat(tooLong).bodyText().contains("長".repeat(4001));
        verify(desk, never()).commentAsAssociation(any(), any());

        var sent = forms.post(PATH + "/comments", "body", "全角　スペースも　そのまま");
        assertThat(sent).hasStatus3xxRedirection().flash().containsEntry("done", "guidelines.declaration.commented");
        verify(desk).commentAsAssociation(ID, "全角　スペースも　そのまま");
    }

    @Test
    void aTooLongWithdrawalReasonOrAVersionThatIsNoneIsAnsweredBesideItsField() {
        Mockito.when(desk.myDeclaration(ID)).thenReturn(Optional.of(GuidelineViews.detail(ID, DeclarationStatus.LISTED,
                GuidelineViews.checklist(T1, T2))));
        var tooLong = forms.post(PATH + "/withdraw", "version", "3", "reason", "理".repeat(1001));
        assertThat(FormPosts.fieldErrors(tooLong, "withdrawal")).isEqualTo(Map.of("reason", "guidelines.transition.reasonTooLong"));
        var wrong = forms.post(PATH + "/withdraw", "version", "三", "reason", "改訂のため");
        assertThat(FormPosts.fieldErrors(wrong, "withdrawal")).isEqualTo(Map.of("version", "typeMismatch"));
        assertThat(wrong).bodyText().contains("改訂のため");
        verify(desk, never()).withdraw(any(), anyLong(), any());
    }
}
