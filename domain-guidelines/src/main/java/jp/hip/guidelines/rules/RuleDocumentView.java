package jp.hip.guidelines.rules;

import java.time.LocalDate;

public record RuleDocumentView(String edition, String title, LocalDate revisedOn, LocalDate effectiveOn) {}
