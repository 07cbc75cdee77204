package jp.hip.guidelines.declarations;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.TenantId;

import jp.hip.guidelines.Actor;
import jp.hip.guidelines.Party;

/** One status change of a declaration: append-only (the table refuses updates and deletes). */
@Entity
@Immutable
@Table(name = "gl_status_transition")
public class StatusTransition {

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "declaration_id")
    private UUID declarationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private DeclarationStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    private DeclarationStatus to;

    @Column(name = "actor_id")
    private String actorId;

    @Column(name = "actor_name")
    private String actorName;

    @Enumerated(EnumType.STRING)
    @Column(name = "actor_party")
    private Party actorParty;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    private String reason;

    protected StatusTransition() {}

    StatusTransition(UUID tenantId, UUID declarationId, DeclarationStatus from, DeclarationStatus to, Actor actor,
            Instant at, String reason) {
        this.tenantId = tenantId;
        this.declarationId = declarationId;
        this.from = from;
        this.to = to;
        this.actorId = actor.id();
        this.actorName = actor.name();
        this.actorParty = actor.party();
        this.occurredAt = at;
        this.reason = reason;
    }

    DeclarationStatus from() { return from; }
    DeclarationStatus to() { return to; }
    Party party() { return actorParty; }
    public String reason() { return reason; }
    UUID declarationId() { return declarationId; }

    public TransitionView view() {
        return new TransitionView(from, to, actorName == null ? actorId : actorName, actorParty, occurredAt, reason);
    }
}
