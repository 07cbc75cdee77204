package jp.hip.guidelines;

import java.time.Instant;

/** One line of an entry's audit trail: a status change, a comment or an edit (with before and after). */
public record TrailEntry(Instant at, String actor, String action, String details) {}
