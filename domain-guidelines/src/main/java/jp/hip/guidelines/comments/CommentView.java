package jp.hip.guidelines.comments;

import java.time.Instant;

import jp.hip.guidelines.Party;

public record CommentView(String author, Party party, Visibility visibility, String body, Instant at) {}
