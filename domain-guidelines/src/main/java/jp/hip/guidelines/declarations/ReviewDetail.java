package jp.hip.guidelines.declarations;

import java.util.List;

import jp.hip.guidelines.LogoValidity;
import jp.hip.guidelines.comments.CommentView;
import jp.hip.guidelines.rules.ChecklistItemView;

/** A declaration with its checklist, comment thread and status history: what each side may see of it. */
public record ReviewDetail(DeclarationView declaration, List<ChecklistItemView> checklist, List<CommentView> comments,
        List<TransitionView> transitions, LogoValidity windowIfSubmittedToday, boolean suspensionEnabled,
        List<EvidenceView> evidence) {

    /** The uploaded evidence of one item, or null. */
    public EvidenceView evidenceFor(java.util.UUID itemId) {
        return evidence.stream().filter(e -> e.itemId().equals(itemId)).findFirst().orElse(null);
    }
}
