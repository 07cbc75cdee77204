package jp.hip.guidelines;

import java.time.Instant;

public record CommentView(String author, Party party, Visibility visibility, String body, Instant at) {}
