package jp.hip.web.guidelines;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jp.hip.guidelines.rules.ChecklistItemView;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DeclarationView;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.LogoValidity;
import jp.hip.guidelines.declarations.ReviewDetail;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.guidelines.rules.Viewpoint;

/** What the registry's facades answer, for the pages' slice tests: a declaration with a two-item checklist. */
final class GuidelineViews {

    private GuidelineViews() {}

    static List<ChecklistItemView> checklist(UUID t1, UUID t2) {
        return List.of(new ChecklistItemView(t1, "2025", Viewpoint.TRANSPARENCY, "T1", "透明性の項目", true, 0, 1),
                new ChecklistItemView(t2, "2025", Viewpoint.TRANSPARENCY, "T2", "もう一つの項目", false, 0, 1));
    }

    /** A declaration at version 3 in {@code status}, on a version dated a month ago. */
    static ReviewDetail detail(UUID id, DeclarationStatus status, List<ChecklistItemView> checklist) {
        LocalDate dated = LocalDate.now().minusMonths(1);
        DeclarationView d = new DeclarationView(id, UUID.randomUUID(), UUID.randomUUID(), "HG-0001", 1, "フォーム協会", "指針",
                GuidelineKind.GUIDELINE, ServiceCategory.FITNESS, "第1版", dated, "https://example.org", FormType.FORM_1_ASSOCIATION,
                "2025", null, null, false, status, status, null, null, null, null, null, null, null, false, 3, List.of());
        return new ReviewDetail(d, checklist, List.of(), List.of(), LogoValidity.of(LocalDate.now(), dated), false, List.of());
    }
}
