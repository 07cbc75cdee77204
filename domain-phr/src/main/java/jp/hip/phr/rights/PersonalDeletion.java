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
import jp.hip.identity.PersonalAccounts;
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

    PersonalDeletion(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, Tombstones tombstones,
            PersonalAccounts accounts, RetentionPeriods periods, ExportRuns exports) {
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
            // what is kept is decided once, on the rows as they are before anything goes
            Map<String, Object> p = new java.util.HashMap<>(params(person));
            UUID[] keptValues = jdbc.sql("select id from (" + RetentionPeriods.RETAINED + ") r").params(p).query(UUID.class)
                    .list().toArray(UUID[]::new);
            UUID[] keptCheckups = jdbc.sql("""
                    select c.id from phr_checkup c
                     where c.person_id = :person and exists (select 1 from (%s) r join phr_checkup k on k.id = r.checkup_id
                            where k.tenant_id = c.tenant_id and k.checkup_date = c.checkup_date
                              and k.institution_number = c.institution_number)""".formatted(RetentionPeriods.RETAINED))
                    .params(p).query(UUID.class).list().toArray(UUID[]::new);
            UUID[] keptFiles = jdbc.sql("""
                    select o.source_document_id from phr_observation o where o.id = any(:values) and o.source_document_id is not null
                    union select c.source_document_id from phr_checkup c where c.id = any(:checkups) and c.source_document_id is not null""")
                    .param("values", keptValues).param("checkups", keptCheckups).query(UUID.class).list().toArray(UUID[]::new);
            tombstones.rememberCards(person, now);
            Map<String, Integer> removed = new LinkedHashMap<>();
            removed.put("observations", jdbc.sql("delete from phr_observation where person_id = ? and not (id = any(?))")
                    .params(person, keptValues).update());
            removed.put("observationVersions", jdbc.sql("delete from phr_observation_version where person_id = ? and not (id = any(?))")
                    .params(person, keptValues).update());
            removed.put("checkupHistory", jdbc.sql("delete from phr_checkup_observation_history where person_id = ? and not (checkup_id = any(?))")
                    .params(person, keptCheckups).update());
            removed.put("checkups", jdbc.sql("delete from phr_checkup where person_id = ? and not (id = any(?))")
                    .params(person, keptCheckups).update());
            removed.put("sourceDocuments", jdbc.sql("delete from phr_source_document where person_id = ? and not (id = any(?))")
                    .params(person, keptFiles).update());
            removed.put("medicationStatements", jdbc.sql("delete from phr_medication_statement where person_id = ?").param(person).update());
            removed.put("consentEvidence", jdbc.sql("delete from phr_consent_evidence where person_id = ?").param(person).update());
            removed.put("consentVersions", jdbc.sql("delete from phr_consent where person_id = ?").param(person).update());
            List<UUID> keepers = retained.stream().map(RetainedRecord::holderId).distinct().toList();
            removed.put("memberships", keepers.isEmpty()
                    ? jdbc.sql("delete from phr_membership where person_id = ?").param(person).update()
                    : jdbc.sql("delete from phr_membership where person_id = :person and tenant_id not in (:keepers)")
                            .param("person", person).param("keepers", keepers).update());
            if (keepers.isEmpty()) {
                jdbc.sql("delete from phr_person where id = ?").param(person).update();
            } else {
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

    private Map<String, Object> params(UUID person) {
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
