package jp.hip.guidelines.declarations;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jp.hip.guidelines.GuidelineException;

/**
 * Everything wrong with a declaration form at once (issue 15: every error at once, beside its field): each problem
 * names the part of the form and, for a checklist answer, the item (its message names the item's code too). The
 * exception's own message key and arguments are the first problem's. Nothing was changed.
 */
public class DraftProblems extends GuidelineException {

    /** The part of the declaration form a problem is about. */
    public enum Part { FORM_TYPE, SIGNATORY_NAME, SIGNATORY_TITLE, PLEDGE, ANSWER, EVIDENCE_URL, EVIDENCE_FILE, REASON }

    /** One problem: the part, the checklist item (null for the form's own fields), the message key and its arguments. */
    public record Problem(Part part, UUID itemId, String messageKey, Object[] args) {

        public Problem {
            args = args == null ? new Object[0] : args.clone();
        }

        @Override
        public Object[] args() {
            return args.clone();
        }
    }

    private final List<Problem> problems;

    private DraftProblems(List<Problem> problems) {
        super(problems.get(0).messageKey(), problems.get(0).args());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Throws when there is any problem. */
    public static void throwIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw of(problems);
        }
    }

    /** The exception for one or more problems. */
    public static DraftProblems of(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problem");
        }
        return new DraftProblems(problems);
    }

    /** Problems of checklist answers by the item's code (the first argument), so the same input gives the same order. */
    public static final Comparator<Problem> BY_ITEM_CODE = Comparator.comparing(p -> p.args().length == 0 ? "" : String.valueOf(p.args()[0]));

    /** The part a checklist answer's rule is about, by its message key. */
    static Part partOf(String messageKey) {
        if (messageKey.contains("evidenceUrl")) {
            return Part.EVIDENCE_URL;
        }
        if (messageKey.contains("reason")) {
            return Part.REASON;
        }
        if (messageKey.startsWith("guidelines.evidence.")) {
            return Part.EVIDENCE_FILE;
        }
        return Part.ANSWER;
    }
}
