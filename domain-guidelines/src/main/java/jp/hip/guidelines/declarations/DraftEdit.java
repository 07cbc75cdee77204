package jp.hip.guidelines.declarations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.Texts;

/**
 * The association's edit of a draft 宣言書 once checked: form type and edition present, each answer valid for
 * its checklist item, the signatory's name and title at most 100 characters. All problems are refused at once,
 * by field and item ({@link DraftProblems}, ADR 0018); answers of items not in the edition, and empty ones, are
 * dropped. {@link Declaration#edit} applies it.
 */
record DraftEdit(FormType formType, String edition, String signatoryName, String signatoryTitle, boolean pledged,
        List<ChecklistAnswer> answers) {

    /** A declaration always names its form type and 本指針 edition, from the first draft on. */
    static void requireFormAndEdition(FormType formType, String edition) {
        if (formType == null) {
            throw new GuidelineException("guidelines.declaration.formType.required");
        }
        if (edition == null || edition.isBlank()) {
            throw new GuidelineException("guidelines.declaration.edition.required");
        }
    }

    static DraftEdit of(Declaration.DraftContent content, Map<UUID, String> itemsOfEdition) {
        requireFormAndEdition(content.formType(), content.edition());
        List<ChecklistAnswer> answers = new ArrayList<>();
        List<DraftProblems.Problem> problems = new ArrayList<>();
        content.answers().forEach((itemId, input) -> {
            if (itemsOfEdition.containsKey(itemId) && input != null && (input.answer() != null
                    || Texts.blankToNull(input.evidenceUrl()) != null || Texts.blankToNull(input.reason()) != null)) {
                try {
                    answers.add(new ChecklistAnswer(itemId, input.answer(), input.evidenceUrl(), input.reason(),
                            itemsOfEdition.get(itemId)));
                } catch (GuidelineException e) {
                    problems.add(new DraftProblems.Problem(DraftProblems.partOf(e.messageKey()), itemId, e.messageKey(), e.args()));
                }
            }
        });
        problems.sort(DraftProblems.BY_ITEM_CODE);
        String name = Texts.blankToNull(content.signatoryName());
        String title = Texts.blankToNull(content.signatoryTitle());
        if (name != null && name.length() > 100) {
            problems.add(new DraftProblems.Problem(DraftProblems.Part.SIGNATORY_NAME, null, "guidelines.declaration.signatory.tooLong", null));
        }
        if (title != null && title.length() > 100) {
            problems.add(new DraftProblems.Problem(DraftProblems.Part.SIGNATORY_TITLE, null, "guidelines.declaration.signatory.tooLong", null));
        }
        DraftProblems.throwIfAny(problems);
        return new DraftEdit(content.formType(), content.edition(), name, title, content.pledged(), answers);
    }
}
