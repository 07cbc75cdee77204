package jp.hip.collabo;

import java.time.Instant;

/** A comment on a report (section null) or on one of its sections, by either side. */
public record CommentView(long id, String section, Side side, String authorName, String body, Instant createdAt) {}
