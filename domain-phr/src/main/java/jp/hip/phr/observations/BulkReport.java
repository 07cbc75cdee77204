package jp.hip.phr.observations;

import java.util.List;

import jp.hip.phr.PhrException.Problem;

/**
 * What a bulk ingest stored, and what its report must say besides: one notice per person who asked for deletion
 * on request, naming that person's lines (stored only as the holder's statutory record, ADR 0046).
 */
public record BulkReport(int stored, List<Problem> notices) {

    public BulkReport {
        notices = List.copyOf(notices);
    }
}
