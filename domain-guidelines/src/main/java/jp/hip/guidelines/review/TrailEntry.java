package jp.hip.guidelines.review;

import java.time.Instant;

import jp.hip.guidelines.Party;

/**
 * One line of an entry's audit trail, as a table row: when, who (and in which capacity), what kind of change
 * (STATUS, COMMENT, EDIT, START), which field, before, after, and why. Values are codes (statuses, 様式, true/false)
 * that the page turns into labels.
 */
public record TrailEntry(Instant at, String actor, Party party, String kind, String field, String before, String after,
        String reason) {}
