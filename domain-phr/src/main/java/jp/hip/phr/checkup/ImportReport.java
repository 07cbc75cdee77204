package jp.hip.phr.checkup;

import java.util.List;
import java.util.UUID;

/** What happened to an upload, one line per file. */
public record ImportReport(UUID uploadId, String uploadName, List<ImportLine> lines) {

    public ImportReport {
        lines = List.copyOf(lines);
    }

    public long count(ImportLine.Outcome outcome) {
        return lines.stream().filter(l -> l.outcome() == outcome).count();
    }

    public long imported() {
        return count(ImportLine.Outcome.IMPORTED);
    }

    public long corrected() {
        return count(ImportLine.Outcome.CORRECTED);
    }

    public long deleted() {
        return count(ImportLine.Outcome.DELETED);
    }

    public long rejected() {
        return count(ImportLine.Outcome.REJECTED);
    }

    public int observations() {
        return lines.stream().mapToInt(ImportLine::observations).sum();
    }

    public int review() {
        return lines.stream().mapToInt(ImportLine::review).sum();
    }
}
