package jp.hip.accounting;

import java.util.List;

/**
 * What an import did: rows read and written, or, when any row was wrong, every problem with its row (the
 * file's line number, header = 1) and column, and nothing written.
 */
public record ImportResult(int rowsRead, int rowsWritten, List<Problem> problems) {

    public record Problem(int row, String column, String messageKey) {}

    public boolean succeeded() {
        return problems.isEmpty();
    }
}
