package jp.hip.collabo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.analysis.Analysis;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.identity.AuditLog;

/**
 * Investment beside outcome (issue 12 §4, ADR 0053): the company shares with a linked insurer a snapshot of its
 * health investment per 健康課題 for a 年度 (the accounting analysis's issue totals, read through
 * {@link HealthAccounting}'s public API while the company is signed in), and may withdraw it. One view, for both
 * sides: per 健康課題 the yen per 年度 beside the trend of the matching report outcomes (mapping: V52, reference data).
 */
@Service
public class InvestmentOutcomes {

    public record ShareView(int fiscalYear, long total, Instant sharedAt, Instant withdrawnAt) {}

    public record OutcomeTrend(String metricKey, String nameJa, String nameEn, boolean lowerIsBetter, String employerGroup,
            Map<Integer, Cell> byYear) {}

    public record IssueRow(String issueKey, String issueName, Map<Integer, Long> yenByYear, List<OutcomeTrend> outcomes) {}

    public record View(UUID linkId, String companyName, String insurerName, List<Integer> years, List<IssueRow> issues,
            boolean anyShared) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final CollaboLinks links;
    private final EmployerReports reports;
    private final Definitions definitions;
    private final HealthAccounting accounting;

    InvestmentOutcomes(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, CollaboLinks links,
            EmployerReports reports, Definitions definitions, HealthAccounting accounting) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.links = links;
        this.reports = reports;
        this.definitions = definitions;
        this.accounting = accounting;
    }

    /** Shares (or re-shares) the 年度's investment per 健康課題 with the insurer of an active link. */
    public void share(Actor actor, UUID linkId, int fiscalYear) {
        LinkView link = activeCompanyLink(actor, linkId);
        Analysis analysis = accounting.analysis(FiscalYear.of(fiscalYear), true);
        if (analysis.total().amount() == 0) {
            throw new CollaboException("collabo.investment.nothing", fiscalYear);
        }
        tx.executeWithoutResult(s -> {
            jdbc.sql("delete from collabo_investment_share where company_tenant_id = ? and link_id = ? and fiscal_year = ?")
                    .params(actor.tenantId(), linkId, fiscalYear).update();
            Timestamp now = Timestamp.from(clock.instant());
            for (Analysis.IssueTotal t : analysis.byHealthIssue()) {
                jdbc.sql("""
                        insert into collabo_investment_share (company_tenant_id, link_id, fiscal_year, issue_key, issue_name,
                            amount, measures, shared_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(actor.tenantId(), linkId, fiscalYear, t.issueKey(), t.issueName(), t.amount().amount(),
                                t.measures(), now).update();
            }
            audit(actor, link, "COLLABO_INVESTMENT_SHARED", fiscalYear, analysis.total().amount());
        });
    }

    /** Withdraws a share: the insurer no longer sees that 年度's investment. */
    public void withdraw(Actor actor, UUID linkId, int fiscalYear) {
        if (actor.side() != Side.COMPANY) {
            throw new CollaboException("collabo.link.companyOnly");
        }
        LinkView link = links.own(actor, linkId);
        tx.executeWithoutResult(s -> {
            int changed = jdbc.sql("""
                    update collabo_investment_share set withdrawn_at = ? where company_tenant_id = ? and link_id = ?
                       and fiscal_year = ? and withdrawn_at is null""")
                    .params(Timestamp.from(clock.instant()), actor.tenantId(), linkId, fiscalYear).update();
            if (changed == 0) {
                throw new CollaboException("collabo.investment.notSharedYear", fiscalYear);
            }
            audit(actor, link, "COLLABO_INVESTMENT_WITHDRAWN", fiscalYear, 0L);
        });
    }

    /** The company's shares on a link (current and withdrawn), newest 年度 first. */
    public List<ShareView> shares(Actor actor, UUID linkId) {
        LinkView link = links.own(actor, linkId);
        return jdbc.sql("""
                select fiscal_year, sum(amount), max(shared_at), max(withdrawn_at) from collabo_investment_share
                 where company_tenant_id = ? and link_id = ? group by fiscal_year order by fiscal_year desc""")
                .params(link.companyTenantId(), linkId)
                .query((rs, n) -> new ShareView(rs.getInt(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list().stream().filter(v -> actor.side() == Side.COMPANY || v.withdrawnAt() == null).toList();
    }

    /**
     * Per 健康課題: the shared (not withdrawn) yen per 年度, beside the trend of its mapped outcomes from the link's
     * shared reports (the released, suppressed figures: 「×」 stays 「×」).
     */
    public View view(Actor actor, UUID linkId) {
        LinkView link = links.own(actor, linkId);
        Map<String, Map<Integer, Long>> yen = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        TreeSet<Integer> years = new TreeSet<>();
        jdbc.sql("""
                select issue_key, issue_name, fiscal_year, amount from collabo_investment_share
                 where company_tenant_id = ? and link_id = ? and withdrawn_at is null order by fiscal_year""")
                .params(link.companyTenantId(), linkId).query(rs -> {
                    names.putIfAbsent(rs.getString(1), rs.getString(2));
                    yen.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getInt(3), rs.getLong(4));
                    years.add(rs.getInt(3));
                });
        boolean anyShared = !yen.isEmpty();
        List<EmployerReport> shared = reports.reports(actor).stream()
                .filter(r -> r.linkId().equals(linkId) && r.status() != EmployerReport.Status.DRAFT).toList();
        shared.forEach(r -> years.add(r.fiscalYear()));
        Definitions.DefinitionSet defs = definitions.current();
        List<IssueRow> rows = new ArrayList<>();
        for (HealthAccounting.HealthIssue issue : accounting.healthIssues(true)) {
            if (!issue.standard() && !yen.containsKey(issue.key())) {
                continue;
            }
            List<OutcomeTrend> outcomes = new ArrayList<>();
            for (String metric : defs.outcomesByIssue().getOrDefault(issue.key(), List.of())) {
                Definitions.MetricDefinition m = defs.metrics().stream().filter(d -> d.key().equals(metric)).findFirst().orElseThrow();
                for (String group : link.employerGroups()) {
                    Map<Integer, Cell> byYear = new TreeMap<>();
                    shared.stream().filter(r -> r.employerGroup().equals(group)).forEach(r -> r.content().ratios().stream()
                            .filter(x -> x.key().equals(metric)).findFirst().ifPresent(x -> byYear.put(r.fiscalYear(), x.current())));
                    outcomes.add(new OutcomeTrend(metric, m.nameJa(), m.nameEn(), m.risk(), group, byYear));
                }
            }
            rows.add(new IssueRow(issue.key(), names.getOrDefault(issue.key(), issue.name()),
                    yen.getOrDefault(issue.key(), Map.of()), outcomes));
        }
        // own issues of the company are in the snapshot only (the insurer cannot read the company's accounting)
        yen.keySet().stream().filter(k -> rows.stream().noneMatch(r -> r.issueKey().equals(k)))
                .forEach(k -> rows.add(new IssueRow(k, names.get(k), yen.get(k), List.of())));
        return new View(linkId, link.companyName(), link.insurerName(), new ArrayList<>(years), rows, anyShared);
    }

    private LinkView activeCompanyLink(Actor actor, UUID linkId) {
        if (actor.side() != Side.COMPANY) {
            throw new CollaboException("collabo.link.companyOnly");
        }
        LinkView link = links.link(actor, linkId).orElseThrow(() -> new CollaboException("collabo.investment.notLinked"));
        if (link.status() != LinkView.Status.ACTIVE) {
            throw new CollaboException("collabo.investment.notLinked");
        }
        return link;
    }

    private void audit(Actor actor, LinkView link, String action, int fiscalYear, long total) {
        Map<String, Object> details = Map.of("fiscalYear", fiscalYear, "total", total, "actorTenant", actor.tenantId().toString());
        audit.recordFor(link.companyTenantId(), actor.actorId(), actor.actorName(), action, "CollaboLink", link.id().toString(), details);
        audit.recordFor(link.insurerTenantId(), actor.actorId(), actor.actorName(), action, "CollaboLink", link.id().toString(), details);
    }
}
