package jp.hip.identity.apiclients;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

import jp.hip.identity.IdentityException;

/**
 * An integration (HR system, insurer system, PHR service) that calls the API for exactly one tenant. Public for the
 * identity facade ({@code IdentityManagement}) only; not part of the named interface (ADR 0112).
 */
@Entity
@Table(name = "plat_api_client")
public class ApiClientAccount {

    @Id
    @Column(name = "client_id")
    private String clientId;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    private String name;

    private String scopes;

    private boolean active;

    @Column(name = "records_consents")
    private boolean recordsConsents;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected ApiClientAccount() {}

    public ApiClientAccount(String clientId, UUID tenantId, String name, String scopes, Instant now) {
        if (name == null || name.isBlank()) {
            throw new IdentityException("identity.apiClient.name.required");
        }
        this.clientId = clientId;
        this.tenantId = tenantId;
        this.name = name.strip();
        this.scopes = scopes;
        this.active = true;
        this.createdAt = now;
    }

    /** Revoked clients stay listed (who had access, and until when), never active again. */
    public void revoke() {
        if (!active) {
            throw new IdentityException("identity.apiClient.revoked.already");
        }
        this.active = false;
    }

    /** Whether the client may record consents the person gave elsewhere, with evidence (ADR 0037). */
    public boolean recordsConsents() {
        return recordsConsents;
    }

    public void recordConsents(boolean allowed) {
        this.recordsConsents = allowed;
    }

    public String clientId() {
        return clientId;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public ApiClientView view() {
        return new ApiClientView(clientId, tenantId, name, scopes, active, createdAt, recordsConsents);
    }
}
