package jp.hip.guidelines.rules;

import java.util.UUID;

/**
 * Checklist items for tests of other capabilities: in the application items come from the migrations and from METI's
 * rewording only, so their constructor stays inside {@code rules}.
 */
public final class ChecklistItemFixtures {

    private ChecklistItemFixtures() {}

    public static ChecklistItem item(String edition, Viewpoint viewpoint, String code, String text, boolean requiresEvidence,
            int position) {
        return new ChecklistItem(UUID.randomUUID(), edition, viewpoint, code, text, requiresEvidence, position);
    }
}
