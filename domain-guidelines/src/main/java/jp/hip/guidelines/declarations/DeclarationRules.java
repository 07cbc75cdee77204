package jp.hip.guidelines.declarations;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jp.hip.guidelines.Actor;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.Party;
import jp.hip.guidelines.Texts;
import jp.hip.guidelines.guideline.GuidelineVersion;
import jp.hip.guidelines.rules.ChecklistItem;

/**
 * What a declaration must be tied to (ADR 0013): the edition of 本指針 in force, and a version of the guideline newer
 * than the one its last listed declaration declared. Pure rules; the services load what they need.
 */
public final class DeclarationRules {

    private DeclarationRules() {}

    /** New declarations are made against the edition in force only; older editions stay as history. */
    public static void requireEditionInForce(String edition, String inForce) {
        if (edition == null || edition.isBlank()) {
            throw new GuidelineException("guidelines.declaration.edition.required");
        }
        if (!edition.equals(inForce)) {
            throw new GuidelineException("guidelines.declaration.edition.notInForce", edition, inForce);
        }
    }

    /**
     * Once a guideline has been listed (whatever became of that listing since), a new declaration needs a version
     * whose 策定/改訂日 is later than the listed one's: re-declaring the same text would only restart what was
     * already declared (ref-guidelines.md §1.4: the logo runs from the version's date; renewal means revising the
     * guideline and declaring again). Declarations that were never listed (returned, 不受理) do not count.
     */
    public static void requireNewerVersion(GuidelineVersion chosen, Collection<Declaration> earlier) {
        earlier.stream()
                .filter(d -> d.status().isPublic())
                .max(Comparator.comparing(Declaration::versionDatedOn).thenComparing(Declaration::generation))
                .ifPresent(last -> {
                    if (chosen.id().equals(last.guidelineVersionId()) || !chosen.datedOn().isAfter(last.versionDatedOn())) {
                        throw new GuidelineException("guidelines.declaration.newVersionRequired",
                                last.versionLabel(), last.versionDatedOn());
                    }
                });
    }

    /**
     * Every current item answered 該当 (with a URL or an uploaded document as evidence) or 該当なし (with the reason);
     * each item that is not is named, in the checklist's order (all at once, issue 15).
     */
    static List<DraftProblems.Problem> checklistProblems(List<ChecklistAnswer> answers, Collection<ChecklistItem> items,
            java.util.Set<java.util.UUID> documented) {
        List<DraftProblems.Problem> problems = new java.util.ArrayList<>();
        for (ChecklistItem item : items) {
            ChecklistAnswer answer = answers.stream().filter(a -> a.itemId().equals(item.id())).findFirst().orElse(null);
            String key = null;
            if (answer == null || answer.answer() == null) {
                key = "guidelines.declaration.checklist.incomplete";
            } else if (answer.answer() == Answer.NO) {
                key = "guidelines.declaration.checklist.no";
            } else if (answer.answer() == Answer.YES && answer.evidenceUrl() == null && !documented.contains(item.id())) {
                key = "guidelines.declaration.checklist.evidenceMissing";
            } else if (answer.answer() == Answer.NA && answer.reason() == null) {
                key = "guidelines.declaration.checklist.reasonMissing";
            }
            if (key != null) {
                DraftProblems.Part part = key.endsWith("evidenceMissing") ? DraftProblems.Part.EVIDENCE_URL
                        : key.endsWith("reasonMissing") ? DraftProblems.Part.REASON : DraftProblems.Part.ANSWER;
                problems.add(new DraftProblems.Problem(part, item.id(), key, new Object[] {item.code()}));
            }
        }
        return problems;
    }

    /** The answers as one comparable text, for the audit log's before and after. */
    static String answerSummary(List<ChecklistAnswer> list) {
        return list.stream().map(a -> a.answer() + (a.evidenceUrl() == null ? "" : " " + a.evidenceUrl())
                + (a.reason() == null ? "" : " " + a.reason())).sorted().reduce((x, y) -> x + "; " + y).orElse("");
    }

    /** Notes a changed field's before and after. */
    static void change(Map<String, List<Object>> changes, String field, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            changes.put(field, java.util.Arrays.asList(before, after));
        }
    }

    /** Each transition belongs to one party (association, METI or the system). */
    static void requireParty(Actor actor, Party party) {
        if (actor == null || actor.party() != party) {
            throw new GuidelineException("guidelines.transition.wrongParty");
        }
    }

    static void requireSuspension(boolean enabled) {
        if (!enabled) {
            throw new GuidelineException("guidelines.transition.suspensionDisabled");
        }
    }

    static String reasonRequired(String reason) {
        String text = Texts.blankToNull(reason);
        if (text == null) {
            throw new GuidelineException("guidelines.transition.reasonRequired");
        }
        if (text.length() > 1000) {
            throw new GuidelineException("guidelines.transition.reasonTooLong");
        }
        return text;
    }
}
