package jp.hip.accounting;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;

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

    protected OwnHealthIssue() {}

    OwnHealthIssue(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new AccountingException("accounting.issue.name.required");
        }
        this.id = UUID.randomUUID();
        this.name = name.strip();
    }

    UUID id() { return id; }
    String name() { return name; }
}
