package jp.hip.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An organisation (or a person's own account) whose data no other tenant sees. */
@Entity
@Table(name = "plat_tenant")
class Tenant {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    private TenantKind kind;

    private String name;

    @Column(name = "corporate_number")
    private String corporateNumber;

    private boolean active;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected Tenant() {}

    Tenant(UUID id, TenantKind kind, String name, String corporateNumber, Instant now) {
        if (name == null || name.isBlank()) {
            throw new IdentityException("identity.tenant.name.required");
        }
        if (corporateNumber != null && !corporateNumber.isBlank() && !CorporateNumber.isValid(corporateNumber)) {
            throw new IdentityException("identity.tenant.corporateNumber.invalid");
        }
        this.id = id;
        this.kind = kind;
        this.name = name.strip();
        this.corporateNumber = corporateNumber == null || corporateNumber.isBlank() ? null : corporateNumber;
        this.active = true;
        this.createdAt = now;
    }

    UUID id() {
        return id;
    }

    TenantKind kind() {
        return kind;
    }

    TenantView view() {
        return new TenantView(id, kind, name, corporateNumber, active, createdAt);
    }
}
