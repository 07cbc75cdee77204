package jp.hip.web.guidelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.review.RegistryReview;
import jp.hip.guidelines.comments.Visibility;
import jp.hip.web.FormPosts;
import jp.hip.web.WebSlice;

/** METI's decision and comment forms as validated records: errors beside the field and named, input kept, nothing decided. */
@WebSlice(RegistryGuidelinesController.class)
@WithMockUser(roles = "REGISTRY_OFFICER")
class RegistryFormsTests {

    static final UUID ID = UUID.randomUUID();
    static final String PATH = "/registry/guidelines/declarations/" + ID;

    @Autowired FormPosts forms;
    @MockitoBean RegistryReview review;

    @BeforeEach
    void aSubmittedDeclaration() {
        Mockito.when(review.registryDeclaration(ID)).thenReturn(Optional.of(GuidelineViews.detail(ID, DeclarationStatus.SUBMITTED,
                GuidelineViews.checklist(UUID.randomUUID(), UUID.randomUUID()))));
    }

    @Test
    void aDecisionWithoutAnActionOrWithATooLongReasonIsAnsweredTogether() {
        var result = forms.post(PATH + "/decide", "version", "3", "reason", "理".repeat(1001));
        assertThat(FormPosts.fieldErrors(result, "decision")).isEqualTo(Map.of("action", "guidelines.reg.action.required",
                "reason", "guidelines.transition.reasonTooLong"));
        assertThat(result).bodyText().contains("操作：", "理由・コメント：理由・コメントは1000文字以内で入力してください。", "理".repeat(1001));
        verify(review, never()).decide(any(), anyLong(), any(), any());
    }

    @Test
    void anActionThatIsNoneOrANegativeVersionIsOutOfRange() {
        var result = forms.post(PATH + "/decide", "version", "-1", "action", "APPROVE", "reason", "");
        assertThat(FormPosts.fieldErrors(result, "decision")).containsEntry("action", "typeMismatch");
        var negative = forms.post(PATH + "/decide", "version", "-1", "action", "LIST", "reason", "");
        assertThat(FormPosts.fieldErrors(negative, "decision")).isEqualTo(Map.of("version", "validation.outOfRange"));
        verify(review, never()).decide(any(), anyLong(), any(), any());
    }

    @Test
    void theDeclarationsRuleOnTheReasonComesBackBesideTheReason() {
        Mockito.doThrow(new GuidelineException("guidelines.transition.reasonRequired"))
                .when(review).decide(ID, 3, RegistryReview.RegistryAction.NOT_ACCEPT, "");
        var result = forms.post(PATH + "/decide", "version", "3", "action", "NOT_ACCEPT", "reason", "");
        assertThat(FormPosts.fieldErrors(result, "decision")).isEqualTo(Map.of("reason", "guidelines.transition.reasonRequired"));
        assertThat(result).bodyText().contains("理由・コメント：理由・コメントを入力してください。");
    }

    @Test
    void aListingSaysSo() {
        var result = forms.post(PATH + "/decide", "version", "３", "action", "LIST", "reason", "");
        assertThat(result).hasStatus3xxRedirection().flash().containsEntry("done", "guidelines.reg.done.LIST");
        verify(review).decide(ID, 3, RegistryReview.RegistryAction.LIST, "");
    }

    @Test
    void anEmptyCommentOrAnUnknownVisibilityIsAnsweredBesideItsField() {
        var result = forms.post(PATH + "/comments", "body", "", "visibility", "EVERYONE");
        assertThat(FormPosts.fieldErrors(result, "comment")).isEqualTo(Map.of("body", "guidelines.comment.body.required",
                "visibility", "typeMismatch"));
        verify(review, never()).commentAsRegistry(any(), any(), any());
        var sent = forms.post(PATH + "/comments", "body", "添付資料をご確認ください。", "visibility", "TO_APPLICANT");
        assertThat(sent).hasStatus3xxRedirection().flash().containsEntry("done", "guidelines.declaration.commented");
        verify(review).commentAsRegistry(ID, "添付資料をご確認ください。", Visibility.TO_APPLICANT);
    }
}
