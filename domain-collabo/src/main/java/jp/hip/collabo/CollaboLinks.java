package jp.hip.collabo;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.collabo.LinkView.EstablishmentView;
import jp.hip.collabo.LinkView.Status;
import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.TenantKind;
import jp.hip.identity.TenantView;
import jp.hip.phr.statistics.CheckupStatistics;

/**
 * The link between a company and an insurer (ADR 0050): one side proposes with the other's 連携ID, the other side
 * accepts, either side ends it. The company names which of its 事業所 belong; the insurer groups them into 事業主.
 * Every step is written to both tenants' audit logs. Every query names the acting tenant as one side of the link,
 * so another tenant's link is "not found".
 */
@Service
public class CollaboLinks {

    private static final String COLUMNS = """
            l.id, l.company_tenant_id, l.insurer_tenant_id, l.proposed_by, l.status, l.proposed_at, l.accepted_at,
            l.ended_at, l.ended_by""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final IdentityManagement identity;
    private final CheckupStatistics statistics;

    CollaboLinks(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, IdentityManagement identity,
            CheckupStatistics statistics) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.identity = identity;
        this.statistics = statistics;
    }

    /** Proposes a link to the tenant with this 連携ID (its tenant id), which must be of the other kind. */
    public UUID propose(Actor actor, String partnerId) {
        Side side = actor.side();
        UUID partner = parse(partnerId).orElseThrow(() -> new CollaboException("collabo.link.partnerUnknown"));
        TenantView view = CurrentTenant.runAsSystem(() -> identity.tenant(partner))
                .filter(TenantView::active)
                .filter(t -> t.kind() != TenantKind.PERSONAL && t.kind() != TenantKind.PLATFORM_OPERATOR)
                .orElseThrow(() -> new CollaboException("collabo.link.partnerUnknown"));
        TenantKind wanted = side == Side.COMPANY ? TenantKind.INSURER : TenantKind.COMPANY;
        if (view.kind() != wanted) {
            throw new CollaboException("collabo.link.wrongKind." + wanted.name().toLowerCase(java.util.Locale.ROOT), view.name());
        }
        UUID company = side == Side.COMPANY ? actor.tenantId() : partner;
        UUID insurer = side == Side.INSURER ? actor.tenantId() : partner;
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            boolean open = jdbc.sql("""
                    select count(*) from collabo_link where company_tenant_id = ? and insurer_tenant_id = ? and status <> 'ENDED'""")
                    .params(company, insurer).query(Integer.class).single() > 0;
            if (open) {
                throw new CollaboException("collabo.link.exists", view.name());
            }
            jdbc.sql("""
                    insert into collabo_link (id, company_tenant_id, insurer_tenant_id, proposed_by, status, proposed_at)
                    values (?, ?, ?, ?, 'PROPOSED', ?)""")
                    .params(id, company, insurer, side.name(), Timestamp.from(clock.instant())).update();
            auditBoth(actor, company, insurer, "COLLABO_LINK_PROPOSED", id, Map.of("proposedBy", side.name()));
        });
        return id;
    }

    /** Accepts a proposal of the other side. Accepting twice, or one's own proposal, is refused. */
    public void accept(Actor actor, UUID linkId) {
        tx.executeWithoutResult(s -> {
            LinkView link = own(actor, linkId);
            if (link.status() == Status.ACTIVE) {
                throw new CollaboException("collabo.link.alreadyAccepted");
            }
            if (link.status() == Status.ENDED) {
                throw new CollaboException("collabo.link.ended");
            }
            if (link.proposedBy() == actor.side()) {
                throw new CollaboException("collabo.link.ownProposal");
            }
            int changed = jdbc.sql("""
                    update collabo_link set status = 'ACTIVE', accepted_at = ?, version = version + 1
                     where id = ? and status = 'PROPOSED'""").params(Timestamp.from(clock.instant()), linkId).update();
            if (changed != 1) {
                throw new CollaboException("collabo.link.alreadyAccepted");
            }
            auditBoth(actor, link.companyTenantId(), link.insurerTenantId(), "COLLABO_LINK_ACCEPTED", linkId, Map.of());
        });
    }

    /** Ends a link (or withdraws a proposal), from either side. Reports stay, but nothing more crosses. */
    public void end(Actor actor, UUID linkId) {
        tx.executeWithoutResult(s -> {
            LinkView link = own(actor, linkId);
            if (link.status() == Status.ENDED) {
                throw new CollaboException("collabo.link.ended");
            }
            jdbc.sql("""
                    update collabo_link set status = 'ENDED', ended_at = ?, ended_by = ?, version = version + 1
                     where id = ? and status <> 'ENDED'""")
                    .params(Timestamp.from(clock.instant()), actor.side().name(), linkId).update();
            auditBoth(actor, link.companyTenantId(), link.insurerTenantId(), "COLLABO_LINK_ENDED", linkId,
                    Map.of("endedBy", actor.side().name()));
        });
    }

    /**
     * The company names which of its 事業所 belong to the link. Each must be one of the company's own (a 事業所 of
     * its employees' records); a new one joins the 事業主 group named after the company, a kept one keeps its group.
     */
    public void nameEstablishments(Actor actor, UUID linkId, List<String> numbers) {
        if (actor.side() != Side.COMPANY) {
            throw new CollaboException("collabo.link.companyOnly");
        }
        Set<String> wanted = new LinkedHashSet<>();
        numbers.stream().filter(n -> n != null && !n.isBlank()).map(String::strip).forEach(wanted::add);
        tx.executeWithoutResult(s -> {
            LinkView link = own(actor, linkId); // another party's link is not found before anything about it is said
            if (link.status() == Status.ENDED) {
                throw new CollaboException("collabo.link.ended");
            }
            if (wanted.isEmpty()) {
                throw new CollaboException("collabo.link.establishmentsRequired");
            }
            Map<String, String> own = new LinkedHashMap<>();
            statistics.establishmentsOf(actor.tenantId()).forEach(e -> own.put(e.number(), e.name()));
            List<String> foreign = wanted.stream().filter(n -> !own.containsKey(n)).toList();
            if (!foreign.isEmpty()) {
                throw new CollaboException("collabo.link.establishmentNotOwn", String.join("、", foreign));
            }
            Map<String, String> groups = new LinkedHashMap<>();
            link.establishments().forEach(e -> groups.put(e.number(), e.employerGroup()));
            jdbc.sql("delete from collabo_link_establishment where link_id = ?").param(linkId).update();
            for (String n : wanted) {
                jdbc.sql("""
                        insert into collabo_link_establishment (link_id, establishment_number, establishment_name, employer_group)
                        values (?, ?, ?, ?)""")
                        .params(linkId, n, own.get(n), groups.getOrDefault(n, link.companyName())).update();
            }
            auditBoth(actor, link.companyTenantId(), link.insurerTenantId(), "COLLABO_LINK_ESTABLISHMENTS_NAMED", linkId,
                    Map.of("establishments", new ArrayList<>(wanted)));
        });
    }

    /** The insurer groups the link's 事業所 into 事業主 (group name per 事業所 number). */
    public void groupEstablishments(Actor actor, UUID linkId, Map<String, String> groupByNumber) {
        if (actor.side() != Side.INSURER) {
            throw new CollaboException("collabo.link.insurerOnly");
        }
        tx.executeWithoutResult(s -> {
            LinkView link = own(actor, linkId);
            if (link.status() == Status.ENDED) {
                throw new CollaboException("collabo.link.ended");
            }
            Set<String> known = new LinkedHashSet<>();
            link.establishments().forEach(e -> known.add(e.number()));
            for (Map.Entry<String, String> e : groupByNumber.entrySet()) {
                if (!known.contains(e.getKey())) {
                    throw new CollaboException("collabo.link.establishmentNotInLink", e.getKey());
                }
                String group = e.getValue() == null ? "" : e.getValue().strip();
                if (group.isEmpty() || group.length() > 100) {
                    throw new CollaboException("collabo.link.groupInvalid", e.getKey());
                }
            }
            groupByNumber.forEach((number, group) -> jdbc.sql("""
                    update collabo_link_establishment set employer_group = ? where link_id = ? and establishment_number = ?""")
                    .params(group.strip(), linkId, number).update());
            auditBoth(actor, link.companyTenantId(), link.insurerTenantId(), "COLLABO_LINK_GROUPED", linkId,
                    Map.of("groups", new LinkedHashMap<>(groupByNumber)));
        });
    }

    /** The acting tenant's links, open ones first. */
    public List<LinkView> links(Actor actor) {
        return jdbc.sql("select " + COLUMNS + " from collabo_link l where l." + column(actor)
                        + " = ? order by case l.status when 'ENDED' then 1 else 0 end, l.proposed_at desc")
                .param(actor.tenantId()).query((rs, n) -> row(rs)).list().stream().map(this::complete).toList();
    }

    /** One of the acting tenant's links; empty for another tenant's. */
    public Optional<LinkView> link(Actor actor, UUID linkId) {
        return jdbc.sql("select " + COLUMNS + " from collabo_link l where l.id = ? and l." + column(actor) + " = ?")
                .params(linkId, actor.tenantId()).query((rs, n) -> row(rs)).optional().map(this::complete);
    }

    /** The acting company's 事業所 it may name (from its employees' records), with employee counts. */
    public List<CheckupStatistics.EstablishmentCount> ownEstablishments(Actor actor) {
        if (actor.side() != Side.COMPANY) {
            return List.of();
        }
        return statistics.establishmentsOf(actor.tenantId());
    }

    LinkView own(Actor actor, UUID linkId) {
        return link(actor, linkId).orElseThrow(CollaboException::notFound);
    }

    static String column(Actor actor) {
        return actor.side() == Side.COMPANY ? "company_tenant_id" : "insurer_tenant_id";
    }

    private static Optional<UUID> parse(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record Row(UUID id, UUID company, UUID insurer, Side proposedBy, Status status, Timestamp proposedAt,
            Timestamp acceptedAt, Timestamp endedAt, String endedBy) {}

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                Side.valueOf(rs.getString(4)), Status.valueOf(rs.getString(5)), rs.getTimestamp(6), rs.getTimestamp(7),
                rs.getTimestamp(8), rs.getString(9));
    }

    private LinkView complete(Row r) {
        List<EstablishmentView> establishments = jdbc.sql("""
                select establishment_number, establishment_name, employer_group from collabo_link_establishment
                 where link_id = ? order by employer_group, establishment_number""")
                .param(r.id()).query((rs, n) -> new EstablishmentView(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        return new LinkView(r.id(), r.company(), name(r.company()), r.insurer(), name(r.insurer()), r.proposedBy(), r.status(),
                r.proposedAt().toInstant(), r.acceptedAt() == null ? null : r.acceptedAt().toInstant(),
                r.endedAt() == null ? null : r.endedAt().toInstant(), r.endedBy() == null ? null : Side.valueOf(r.endedBy()),
                establishments);
    }

    /** A partner's name: the tenant row is not readable across tenants, so this one field is read as system. */
    String name(UUID tenantId) {
        return CurrentTenant.runAsSystem(() -> identity.tenant(tenantId)).map(TenantView::name).orElse("");
    }

    private void auditBoth(Actor actor, UUID company, UUID insurer, String action, UUID linkId, Map<String, ?> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("actorTenant", actor.tenantId().toString());
        audit.recordFor(company, actor.actorId(), actor.actorName(), action, "CollaboLink", linkId.toString(), all);
        audit.recordFor(insurer, actor.actorId(), actor.actorName(), action, "CollaboLink", linkId.toString(), all);
    }
}
