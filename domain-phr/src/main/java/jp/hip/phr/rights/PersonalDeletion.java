package jp.hip.phr.rights;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.identity.personal.PersonalAccounts;
import jp.hip.phr.AccessBasis;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.access.Tombstones;

/**
 * Deletion on request that respects the law (issue 17 item 4, ADR 0041). Deleted for real: everything the platform
 * holds for the person on their own account — their own uploads and app data, life-log, medication, consents and
 * their evidence, original files no holder keeps by law, the memberships of holders that keep nothing, the link to
 * their account and the account itself. Kept: the checkup records an insurer (特定健診) or an employer (定期健診) must
 * keep by law, with that holder, until the end of their period ({@link RetentionPeriods}).
 */
@Component
class PersonalDeletion {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final Tombstones tombstones;
    private final PersonalAccounts accounts;
    private final RetentionPeriods periods;
    private final ExportRuns exports;
    private final UnretainedRecords unretained;

    PersonalDeletion(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, Tombstones tombstones,
            PersonalAccounts accounts, RetentionPeriods periods, ExportRuns exports, UnretainedRecords unretained) {
        this.unretained = unretained;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.tombstones = tombstones;
        this.accounts = accounts;
        this.periods = periods;
        this.exports = exports;
    }

    /** What a deletion today would leave with which holder, under which statute and until when. */
    List<RetainedRecord> retained(UUID person) {
        return jdbc.sql("""
                select r.tenant_id, t.name, r.kind, count(*), count(distinct r.checkup_id),
                       min((r.effective_start at time zone 'Asia/Tokyo')::date), max((r.effective_start at time zone 'Asia/Tokyo')::date),
                       max(r.kept_until)
                  from (%s) r join plat_tenant t on t.id = r.tenant_id
                 group by r.tenant_id, t.name, r.kind order by t.name""".formatted(RetentionPeriods.RETAINED))
                .params(params(person))
                .query((rs, n) -> new RetainedRecord(rs.getObject(1, UUID.class), rs.getString(2),
                        "INSURED".equals(rs.getString(3)) ? AccessBasis.STATUTE_INSURER : AccessBasis.STATUTE_EMPLOYER,
                        rs.getInt(4), rs.getInt(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
                        rs.getObject(8, LocalDate.class)))
                .list();
    }

    /** What was removed and what stays. */
    record Outcome(Map<String, Integer> removed, List<RetainedRecord> retained, Instant deletedAt) {}

    Outcome delete(UUID person, UUID personalTenant, String actorId) {
        // The person's erasure crosses holders (their cards' tombstones at each holder, copies made for recipients):
        // an explicit, audited path in the system scope (ADR 0090), never row-level security switched off.
        return jp.hip.identity.CurrentTenant.runAsSystem(() -> tx.execute(status -> {
            jdbc.sql("select id from phr_person where id = ? for update").param(person).query(UUID.class).single();
            if (exports.running(person)) {
                throw PhrException.of(Kind.CONFLICT, "phr.error.exportRunning");
            }
            Instant now = clock.instant();
            List<RetainedRecord> retained = retained(person);
            tombstones.rememberCards(person, now);
            // what is kept is decided once, on the rows as they are before anything goes
            UnretainedRecords.Removed gone = unretained.remove(person, params(person));
            Map<String, Integer> removed = gone.counts();
            List<UUID> keepers = gone.keepers();
            if (!gone.personRemoved()) {
                jdbc.sql("update phr_person set personal_tenant_id = null, version = version + 1, updated_at = ? where id = ?")
                        .params(Timestamp.from(now), person).update();
            }
            jdbc.sql("insert into phr_tombstone (person_id, deleted_at, deleted_by, removed, retained) values (?, ?, ?, cast(? as jsonb), cast(? as jsonb))")
                    .params(person, Timestamp.from(now), actorId, toJson(removed), retainedJson(retained)).update();
            if (personalTenant != null) {
                accounts.close(personalTenant);
            }
            Map<String, Object> details = new LinkedHashMap<>(removed);
            details.put("retainedHolders", keepers.size());
            audit.record("PHR_PERSON_DELETED", "Patient", person, details);
            return new Outcome(removed, retained, now);
        }));
    }

    Map<String, Object> params(UUID person) {
        return Map.of("person", person, "insurerYears", periods.insurerYears, "employerYears", periods.employerYears,
                "today", LocalDate.now(clock.withZone(JAPAN)));
    }

    private static String toJson(Map<String, Integer> map) {
        return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String retainedJson(List<RetainedRecord> retained) {
        return retained.stream().map(r -> "{\"tenantId\":\"" + r.holderId() + "\",\"statute\":\"" + r.statute()
                + "\",\"values\":" + r.values() + ",\"checkups\":" + r.checkups() + ",\"firstDate\":\"" + r.firstDate()
                + "\",\"lastDate\":\"" + r.lastDate() + "\",\"keptUntil\":\"" + r.keptUntil() + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
