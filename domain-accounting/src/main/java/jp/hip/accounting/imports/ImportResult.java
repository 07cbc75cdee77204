package jp.hip.accounting.imports;

import java.util.List;

/**
 * What an import did: rows read, written and skipped (lines already imported, when the user chose to skip them),
 * or, when any row was wrong, every problem with its row (the file's physical line number, header = 1, blank lines
 * counted) and column, and nothing written.
 */
public record ImportResult(int rowsRead, int rowsWritten, int rowsSkipped, List<Problem> problems) {

    public record Problem(int row, String column, String messageKey) {}

    public ImportResult(int rowsRead, int rowsWritten, List<Problem> problems) {
        this(rowsRead, rowsWritten, 0, problems);
    }

    public boolean succeeded() {
        return problems.isEmpty();
    }

    /** What to do with a row whose source document and content equal a line already stored. */
    public enum Duplicates {
        /** Refuse the file, listing each such row (the default). */
        REFUSE,
        /** Import the other rows and skip these. */
        SKIP
    }
}
