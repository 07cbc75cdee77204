package jp.hip.guidelines.rules;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.Texts;

/**
 * One revision of a checklist item of an edition of 本指針, under 透明性・客観性・継続性. A revision is never changed:
 * METI's edit retires it and creates the next one, so a declaration keeps the wording it was answered against
 * (ADR 0013).
 */
@Entity
@Table(name = "gl_checklist_item")
public class ChecklistItem {

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

    private int revision = 1;

    @Column(name = "retired_at")
    private java.time.Instant retiredAt;

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

    /** METI's new wording: this revision is retired and the next one, with the same code and place, is returned. */
    public ChecklistItem reword(String newText, boolean newRequiresEvidence, java.time.Instant now) {
        if (retiredAt != null) {
            throw new GuidelineException("guidelines.checklist.retired");
        }
        ChecklistItem next = new ChecklistItem(UUID.randomUUID(), edition, viewpoint, code,
                Texts.required(newText, 500, "guidelines.checklist.text.required"), newRequiresEvidence, position);
        next.revision = revision + 1;
        retiredAt = now;
        return next;
    }

    public UUID id() { return id; }
    boolean requiresEvidence() { return requiresEvidence; }
    public long version() { return version; }
    public String code() { return code; }
    public int position() { return position; }
    boolean retired() { return retiredAt != null; }

    public ChecklistItemView view() {
        return new ChecklistItemView(id, edition, viewpoint, code, text, requiresEvidence, version, revision);
    }
}
