package jp.hip.guidelines;

import java.util.List;

/** A declaration with its checklist, comment thread and status history: what each side may see of it. */
public record ReviewDetail(DeclarationView declaration, List<ChecklistItemView> checklist, List<CommentView> comments,
        List<TransitionView> transitions, LogoValidity windowIfSubmittedToday, boolean suspensionEnabled) {}
