package jp.hip.collabo;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.collabo.LinkView.EstablishmentView;
import jp.hip.collabo.ReportContent.Settings;
import jp.hip.identity.AuditLog;
import jp.hip.phr.statistics.CheckupStatistics;
import jp.hip.phr.statistics.CheckupStatistics.Cohort;
import jp.hip.phr.statistics.CheckupStatistics.Counts;
import jp.hip.phr.statistics.CheckupStatistics.Guidance;
import jp.hip.phr.statistics.CheckupStatistics.Metric;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Employer reports (ADR 0051, 0052): the insurer builds one per 事業主 group and 年度 from its statutory 特定健診
 * holdings (counts only, through {@link CheckupStatistics}), suppression applied by {@link ReportBuilder} before the
 * figures are stored; it shares the report (下書き → 共有済み), the company confirms it (確認済み); both comment.
 * A company never sees a draft; another tenant's report is "not found".
 */
@Service
public class EmployerReports {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final CollaboLinks links;
    private final CheckupStatistics statistics;
    private final Definitions definitions;
    private final GuidanceRecords guidance;
    private final JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    EmployerReports(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, CollaboLinks links,
            CheckupStatistics statistics, Definitions definitions, GuidanceRecords guidance) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.links = links;
        this.statistics = statistics;
        this.definitions = definitions;
        this.guidance = guidance;
    }

    // ------------------------------------------------------------------ settings

    /** The insurer's settings (defaults until changed): shown on its page and on every report built with them. */
    public Settings settings(UUID insurerTenantId) {
        return jdbc.sql("select medication_is_risk, min_report_persons, min_cell_persons from collabo_insurer_setting where insurer_tenant_id = ?")
                .param(insurerTenantId)
                .query((rs, n) -> new Settings(rs.getBoolean(1), rs.getInt(2), rs.getInt(3))).optional()
                .orElse(new Settings(true, 50, 10));
    }

    /** Changes the unconfirmed rules; the thresholds may only be raised above 50 persons per report and 10 per cell. */
    public void changeSettings(Actor actor, Settings change) {
        requireInsurer(actor);
        if (change.minReportPersons() < 50 || change.minCellPersons() < 10 || change.minReportPersons() > 100_000
                || change.minCellPersons() > 1_000) {
            throw new CollaboException("collabo.settings.threshold");
        }
        jdbc.sql("""
                insert into collabo_insurer_setting (insurer_tenant_id, medication_is_risk, min_report_persons, min_cell_persons, updated_at)
                values (?, ?, ?, ?, ?) on conflict (insurer_tenant_id) do update set medication_is_risk = excluded.medication_is_risk,
                   min_report_persons = excluded.min_report_persons, min_cell_persons = excluded.min_cell_persons,
                   updated_at = excluded.updated_at""")
                .params(actor.tenantId(), change.medicationIsRisk(), change.minReportPersons(), change.minCellPersons(),
                        Timestamp.from(clock.instant())).update();
        audit.recordFor(actor.tenantId(), actor.actorId(), actor.actorName(), "COLLABO_SETTINGS_CHANGED", "CollaboSettings",
                actor.tenantId().toString(), Map.of("medicationIsRisk", change.medicationIsRisk(),
                        "minReportPersons", change.minReportPersons(), "minCellPersons", change.minCellPersons()));
    }

    // ------------------------------------------------------------------ build and review

    /**
     * Builds (or rebuilds, while a draft) the report of one 事業主 group of an active link for a 年度. Refused under
     * the report size with the reason, and for a report already shared.
     */
    public UUID build(Actor actor, UUID linkId, String employerGroup, int fiscalYear) {
        requireInsurer(actor);
        if (fiscalYear < 2008 || fiscalYear > 2100) {
            throw new CollaboException("collabo.report.year");
        }
        LinkView link = links.own(actor, linkId);
        if (link.status() != LinkView.Status.ACTIVE) {
            throw new CollaboException("collabo.report.linkNotActive");
        }
        List<EstablishmentView> establishments = link.establishmentsOf(employerGroup);
        if (establishments.isEmpty()) {
            throw new CollaboException("collabo.report.groupUnknown", employerGroup);
        }
        Optional<EmployerReport> shared = jdbc.sql("""
                select id from collabo_report where link_id = ? and employer_group = ? and fiscal_year = ? and status <> 'DRAFT'""")
                .params(linkId, employerGroup, fiscalYear).query(UUID.class).optional().flatMap(id -> report(actor, id));
        if (shared.isPresent()) {
            throw new CollaboException("collabo.report.alreadyShared");
        }
        Settings settings = settings(actor.tenantId());
        Definitions.DefinitionSet defs = definitions.current();
        List<Metric> metrics = defs.metrics().stream().map(m -> m.metric(settings.medicationIsRisk())).toList();
        Set<String> numbers = new java.util.LinkedHashSet<>();
        establishments.forEach(e -> numbers.add(e.number()));
        String purpose = "コラボヘルス 事業主レポート " + link.companyName() + " " + employerGroup;
        Counts current = statistics.count(cohort(actor, link, numbers, fiscalYear), metrics,
                guidance.forStatistics(actor.tenantId(), fiscalYear), purpose);
        Counts previous = statistics.count(cohort(actor, link, numbers, fiscalYear - 1), metrics,
                guidance.forStatistics(actor.tenantId(), fiscalYear - 1), purpose + " (前年度)");
        Counts insurer = statistics.count(new Cohort(actor.tenantId(), null, Set.of(), fiscalYear, Definitions.MIN_AGE,
                Definitions.MAX_AGE, Definitions.AGE_BANDS), metrics, guidance.forStatistics(actor.tenantId(), fiscalYear),
                "コラボヘルス 保険者平均");
        ReportContent content = new ReportBuilder(defs, settings).build(employerGroup,
                establishments.stream().map(e -> e.number() + (e.name() == null ? "" : " " + e.name())).toList(),
                current, previous, insurer);
        String body = json.writeValueAsString(content);
        return tx.execute(s -> {
            Optional<EmployerReport> existing = jdbc.sql("""
                    select id from collabo_report where link_id = ? and employer_group = ? and fiscal_year = ?""")
                    .params(linkId, employerGroup, fiscalYear).query(UUID.class).optional()
                    .flatMap(id -> report(actor, id));
            Timestamp now = Timestamp.from(clock.instant());
            UUID id;
            if (existing.isPresent()) {
                if (existing.get().status() != EmployerReport.Status.DRAFT) {
                    throw new CollaboException("collabo.report.alreadyShared");
                }
                id = existing.get().id();
                jdbc.sql("""
                        update collabo_report set content = cast(? as jsonb), definitions_version = ?, built_at = ?, built_by = ?,
                               version = version + 1 where insurer_tenant_id = ? and id = ? and status = 'DRAFT'""")
                        .params(body, defs.version(), now, actor.actorName(), actor.tenantId(), id).update();
            } else {
                id = UUID.randomUUID();
                jdbc.sql("""
                        insert into collabo_report (insurer_tenant_id, id, company_tenant_id, link_id, employer_group, fiscal_year,
                            status, definitions_version, content, built_at, built_by)
                        values (?, ?, ?, ?, ?, ?, 'DRAFT', ?, cast(? as jsonb), ?, ?)""")
                        .params(actor.tenantId(), id, link.companyTenantId(), linkId, employerGroup, fiscalYear, defs.version(),
                                body, now, actor.actorName()).update();
            }
            audit.recordFor(actor.tenantId(), actor.actorId(), actor.actorName(), "COLLABO_REPORT_BUILT", "CollaboReport",
                    id.toString(), Map.of("fiscalYear", fiscalYear, "employerGroup", employerGroup, "definitions", defs.version()));
            return id;
        });
    }

    private static Cohort cohort(Actor actor, LinkView link, Set<String> numbers, int fiscalYear) {
        return new Cohort(actor.tenantId(), link.companyTenantId(), numbers, fiscalYear, Definitions.MIN_AGE,
                Definitions.MAX_AGE, Definitions.AGE_BANDS);
    }

    /** 下書き → 共有済み: the company sees the report from now on. */
    public void share(Actor actor, UUID reportId) {
        requireInsurer(actor);
        transition(actor, reportId, EmployerReport.Status.DRAFT, EmployerReport.Status.SHARED, "shared_at",
                "collabo.report.notDraft", "COLLABO_REPORT_SHARED");
    }

    /** 共有済み → 確認済み: the company confirms it has received and reviewed the report. */
    public void acknowledge(Actor actor, UUID reportId) {
        if (actor.side() != Side.COMPANY) {
            throw new CollaboException("collabo.report.companyOnly");
        }
        transition(actor, reportId, EmployerReport.Status.SHARED, EmployerReport.Status.ACKNOWLEDGED, "acknowledged_at",
                "collabo.report.notShared", "COLLABO_REPORT_ACKNOWLEDGED");
    }

    private void transition(Actor actor, UUID reportId, EmployerReport.Status from, EmployerReport.Status to, String column,
            String refusal, String action) {
        tx.executeWithoutResult(s -> {
            EmployerReport report = report(actor, reportId).orElseThrow(CollaboException::notFound);
            if (report.status() != from) {
                throw new CollaboException(refusal);
            }
            jdbc.sql("update collabo_report set status = ?, " + column + " = ?, version = version + 1 where id = ? and status = ?")
                    .params(to.name(), Timestamp.from(clock.instant()), reportId, from.name()).update();
            auditBoth(actor, report, action, Map.of("status", to.name()));
        });
    }

    /** The acting tenant's reports: all of the insurer's; the company's shared and confirmed ones. */
    public List<EmployerReport> reports(Actor actor) {
        return jdbc.sql(select(actor) + " order by r.fiscal_year desc, r.employer_group")
                .param("me", actor.tenantId()).query((rs, n) -> row(rs)).list();
    }

    /** One report the acting tenant may read; empty for a draft (company) and for another tenant's report. */
    public Optional<EmployerReport> report(Actor actor, UUID reportId) {
        return jdbc.sql(select(actor) + " and r.id = :id").param("me", actor.tenantId()).param("id", reportId)
                .query((rs, n) -> row(rs)).optional();
    }

    private static String select(Actor actor) {
        String scope = actor.side() == Side.INSURER ? "r.insurer_tenant_id = :me"
                : "r.company_tenant_id = :me and r.status <> 'DRAFT'";
        return """
                select r.id, r.link_id, r.company_tenant_id, r.insurer_tenant_id, r.employer_group, r.fiscal_year, r.status,
                       r.built_at, r.built_by, r.shared_at, r.acknowledged_at, r.content
                  from collabo_report r where\s""" + scope;
    }

    private EmployerReport row(java.sql.ResultSet rs) throws java.sql.SQLException {
        UUID company = rs.getObject(3, UUID.class);
        UUID insurer = rs.getObject(4, UUID.class);
        return new EmployerReport(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), company, insurer,
                links.name(company), links.name(insurer), rs.getString(5), rs.getInt(6),
                EmployerReport.Status.valueOf(rs.getString(7)), rs.getTimestamp(8).toInstant(), rs.getString(9),
                rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(),
                json.readValue(rs.getString(12), ReportContent.class));
    }

    // ------------------------------------------------------------------ comments

    /**
     * A comment on a report of the given link (the whole report when {@code section} is empty, else one of
     * {@link ReportContent#SECTIONS}). A report of another link, a draft, or an ended link is refused.
     */
    public long comment(Actor actor, UUID linkId, UUID reportId, String section, String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new CollaboException("collabo.comment.required");
        }
        if (text.length() > 2000) {
            throw new CollaboException("collabo.comment.tooLong");
        }
        String sectionKey = section == null || section.isBlank() ? null : section.strip();
        if (sectionKey != null && !ReportContent.SECTIONS.contains(sectionKey)) {
            throw new CollaboException("collabo.comment.section.unknown", sectionKey);
        }
        return tx.execute(s -> {
            EmployerReport report = report(actor, reportId).orElseThrow(CollaboException::notFound);
            if (!report.linkId().equals(linkId)) {
                throw new CollaboException("collabo.comment.otherLink");
            }
            if (report.status() == EmployerReport.Status.DRAFT) {
                throw new CollaboException("collabo.comment.draft");
            }
            if (links.own(actor, linkId).status() != LinkView.Status.ACTIVE) {
                throw new CollaboException("collabo.link.ended");
            }
            long id = jdbc.sql("""
                    insert into collabo_comment (report_id, section, author_tenant_id, author_side, author_name, body, created_at)
                    values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(reportId, sectionKey, actor.tenantId(), actor.side().name(), actor.actorName(), text,
                            Timestamp.from(clock.instant())).query(Long.class).single();
            auditBoth(actor, report, "COLLABO_REPORT_COMMENTED", Map.of("comment", id, "section", sectionKey == null ? "" : sectionKey));
            return id;
        });
    }

    public List<CommentView> comments(Actor actor, UUID reportId) {
        if (report(actor, reportId).isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select id, section, author_side, author_name, body, created_at from collabo_comment where report_id = ? order by id""")
                .param(reportId).query((rs, n) -> new CommentView(rs.getLong(1), rs.getString(2), Side.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())).list();
    }

    // ------------------------------------------------------------------

    private static void requireInsurer(Actor actor) {
        if (actor.side() != Side.INSURER) {
            throw new CollaboException("collabo.report.insurerOnly");
        }
    }

    private void auditBoth(Actor actor, EmployerReport report, String action, Map<String, ?> details) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(details);
        all.put("actorTenant", actor.tenantId().toString());
        for (UUID tenant : new ArrayList<>(List.of(report.companyTenantId(), report.insurerTenantId()))) {
            audit.recordFor(tenant, actor.actorId(), actor.actorName(), action, "CollaboReport", report.id().toString(), all);
        }
    }
}
