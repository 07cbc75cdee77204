package jp.hip.guidelines;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One checklist item of an edition of 本指針, under 透明性・客観性・継続性; METI edits the wording. */
@Entity
@Table(name = "gl_checklist_item")
class ChecklistItem {

    @Id
    private UUID id;

    private String edition;

    @Enumerated(EnumType.STRING)
    private Viewpoint viewpoint;

    private String code;

    private String text;

    @Column(name = "requires_evidence")
    private boolean requiresEvidence;

    private int position;

    @Version
    private long version;

    protected ChecklistItem() {}

    ChecklistItem(UUID id, String edition, Viewpoint viewpoint, String code, String text, boolean requiresEvidence, int position) {
        this.id = id;
        this.edition = edition;
        this.viewpoint = viewpoint;
        this.code = code;
        this.text = text;
        this.requiresEvidence = requiresEvidence;
        this.position = position;
    }

    void reword(String text, boolean requiresEvidence) {
        this.text = Texts.required(text, 500, "guidelines.checklist.text.required");
        this.requiresEvidence = requiresEvidence;
    }

    UUID id() { return id; }
    boolean requiresEvidence() { return requiresEvidence; }
    long version() { return version; }

    ChecklistItemView view() {
        return new ChecklistItemView(id, edition, viewpoint, code, text, requiresEvidence, version);
    }
}
