package jp.hip.phr.checkup;

import java.util.List;

import jp.hip.phr.PhrException.Problem;

/**
 * One line of an import report: one file of the upload (or one CSV row) and what happened to it. Messages
 * name the item in Japanese, the file and the problem (message keys with arguments).
 */
public record ImportLine(String file, Outcome outcome, String person, String checkupDate, int observations, int review,
        List<Problem> messages) {

    public enum Outcome {
        /** A new checkup stored. */
        IMPORTED,
        /** 訂正: replaced the earlier result for the same person, 健診実施日 and 健診実施機関 (kept as history). */
        CORRECTED,
        /** 報告区分 19: the earlier result removed (kept as history). */
        DELETED,
        /** The same bytes were imported before: nothing stored twice. */
        ALREADY,
        /** Recognised and not needed for results (ix08 header, su08, CLAIMS, XSD). */
        SKIPPED,
        /** About the whole archive (a count mismatch): nothing refused. */
        WARNING,
        /** Refused with its problems; nothing of it stored. */
        REJECTED
    }

    public ImportLine {
        messages = List.copyOf(messages);
    }

    static ImportLine rejected(String file, List<Problem> problems) {
        return new ImportLine(file, Outcome.REJECTED, null, null, 0, 0, problems);
    }

    public boolean stored() {
        return outcome == Outcome.IMPORTED || outcome == Outcome.CORRECTED || outcome == Outcome.DELETED;
    }
}
