package jp.hip.guidelines;

import java.util.List;

/** A declaration with its checklist, comment thread and status history: what each side may see of it. */
public record ReviewDetail(DeclarationView declaration, List<ChecklistItemView> checklist, List<CommentView> comments,
        List<TransitionView> transitions, LogoValidity windowIfSubmittedToday, boolean suspensionEnabled,
        List<EvidenceView> evidence) {

    /** The uploaded evidence of one item, or null. */
    public EvidenceView evidenceFor(java.util.UUID itemId) {
        return evidence.stream().filter(e -> e.itemId().equals(itemId)).findFirst().orElse(null);
    }
}
