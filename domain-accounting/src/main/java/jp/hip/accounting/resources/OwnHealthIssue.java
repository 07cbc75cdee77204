package jp.hip.accounting.resources;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;

import jp.hip.accounting.AccountingException;

/** A health issue the company names itself, beside the nine 健康経営度調査 categories. */
@Entity
@Table(name = "acc_own_health_issue")
class OwnHealthIssue {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    private String name;

    /** {@link #comparable} of the name: unique per company (index acc_own_health_issue_name_uk). */
    @Column(name = "name_key")
    private String nameKey;

    protected OwnHealthIssue() {}

    OwnHealthIssue(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new AccountingException("accounting.issue.name.required");
        }
        this.id = UUID.randomUUID();
        this.name = name.strip();
        this.nameKey = comparable(this.name);
    }

    /**
     * Refuses a name that is the same as one of the nine standard issues (in either language) or an own issue
     * already there. "The same" ignores width (全角/半角), case and spacing, so 「ＥＡＰ」 equals "eap ".
     */
    static void requireNew(String name, Collection<String> standardNames, Collection<String> ownNames) {
        String key = comparable(name);
        if (key.isEmpty()) {
            throw new AccountingException("accounting.issue.name.required");
        }
        if (standardNames.stream().map(OwnHealthIssue::comparable).anyMatch(key::equals)) {
            throw new AccountingException("accounting.issue.name.standard");
        }
        if (ownNames.stream().map(OwnHealthIssue::comparable).anyMatch(key::equals)) {
            throw new AccountingException("accounting.issue.name.duplicate");
        }
    }

    static String comparable(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("[\\s\u3000]+", "").toLowerCase(Locale.ROOT);
    }

    /** Renames the issue; the caller has checked the new name with {@link #requireNew} against the others. */
    void rename(String newName) {
        if (newName == null || newName.isBlank() || newName.strip().length() > 200) {
            throw new AccountingException("accounting.issue.name.required");
        }
        this.name = newName.strip();
        this.nameKey = comparable(this.name);
    }

    UUID id() { return id; }
    String name() { return name; }
}
