package jp.hip.guidelines.guideline;

import java.time.LocalDate;
import java.util.UUID;

public record GuidelineVersionView(UUID id, String label, LocalDate datedOn, String documentUrl, boolean hasDocument) {}
