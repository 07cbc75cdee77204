package jp.hip.guidelines.rules;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An edition of 本指針 with its 改定日 and 施行日; each declaration pins the edition it was made against. */
@Entity
@Table(name = "gl_rule_document")
public class RuleDocument {

    @Id
    private String edition;

    private String title;

    @Column(name = "revised_on")
    private LocalDate revisedOn;

    @Column(name = "effective_on")
    private LocalDate effectiveOn;

    protected RuleDocument() {}

    public RuleDocumentView view() {
        return new RuleDocumentView(edition, title, revisedOn, effectiveOn);
    }
}
