package jp.hip.guidelines.rules;

import java.util.UUID;

public record ChecklistItemView(UUID id, String edition, Viewpoint viewpoint, String code, String text,
        boolean requiresEvidence, long version, int revision) {}
