package jp.hip.phr.rights;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.jobs.JobRuns;

/**
 * Purge after retention (ADR 0047): a holder keeps the statutory checkup records of a person who asked for deletion
 * only until the end of their period (ADR 0041, {@link RetentionPeriods}); every night the records whose period has
 * ended are deleted for real, with what no kept record refers to any more (checkup versions, original files), the
 * membership of a holder that keeps nothing more, and the person row once no holder keeps anything. Concerned are
 * only persons who asked for deletion and have no account linked again (a holder's membership marked
 * {@code deleted_on_request_at}, V47): a member who never asked keeps their records with their holder as before.
 *
 * <p>Runs once across nodes per Japanese date ({@link JobRuns}, ADR 0093), in the system scope (it crosses holders),
 * one transaction per person so that one failure leaves the others done; each person purged is audited
 * ({@code PHR_RETENTION_PURGED}) in the tenant of every holder concerned. A run that died is caught up the next night:
 * the selection is by date, not by what the last run did.
 */
@Component
class RetentionPurge {

    static final String JOB = "phr-retention-purge";
    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final RetentionPeriods periods;
    private final UnretainedRecords unretained;
    private final JobRuns runs;

    RetentionPurge(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, RetentionPeriods periods,
            UnretainedRecords unretained, JobRuns runs) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.periods = periods;
        this.unretained = unretained;
        this.runs = runs;
    }

    @Scheduled(cron = "${hip.phr.retention.purge-cron:0 40 1 * * *}", zone = "Asia/Tokyo")
    void nightly() {
        runOnce();
    }

    /** Tonight's run unless another node ran it for today already; answers whether this node ran it. */
    boolean runOnce() {
        LocalDate today = LocalDate.now(clock.withZone(PersonalDeletion.JAPAN));
        return runs.runOnce(JOB, today.toString(), () -> purge(today));
    }

    /** A purged person: who, what went, and whether the person row went too. */
    record Purged(UUID personId, Map<String, Integer> removed, boolean personRemoved) {}

    /** Deletes, for every person who asked for deletion, the kept records whose period ended before {@code today}. */
    List<Purged> purge(LocalDate today) {
        return CurrentTenant.runAsSystem(() -> {
            // persons who asked for deletion, unlinked, with a statutory record whose period ended before today
            List<UUID> due = jdbc.sql("""
                    select cand.id from phr_person cand
                     where cand.personal_tenant_id is null
                       and exists (select 1 from phr_membership d where d.person_id = cand.id and d.deleted_on_request_at is not null)
                       and exists (select 1 from (%s) x where x.kept_until < :today)
                     order by cand.id""".formatted(RetentionPeriods.STATUTORY.replace(":person", "cand.id")))
                    .params(Map.of("insurerYears", periods.insurerYears, "employerYears", periods.employerYears, "today", today))
                    .query(UUID.class).list();
            List<Purged> purged = due.stream().map(person -> tx.execute(status -> purgeOne(person, today))).toList();
            if (!purged.isEmpty()) {
                log.info("PHR retention purge for {}: {} person(s) who asked for deletion, {} row(s) removed", today,
                        purged.size(), purged.stream().mapToInt(p -> p.removed().values().stream().mapToInt(i -> i).sum()).sum());
            }
            return purged;
        });
    }

    private Purged purgeOne(UUID person, LocalDate today) {
        jdbc.sql("select id from phr_person where id = ? for update").param(person).query(UUID.class).single();
        List<UUID> holders = jdbc.sql("select tenant_id from phr_membership where person_id = ?").param(person).query(UUID.class).list();
        Map<String, Object> params = new HashMap<>(Map.of("person", person, "insurerYears", periods.insurerYears,
                "employerYears", periods.employerYears, "today", today));
        UnretainedRecords.Removed gone = unretained.remove(person, params);
        Map<String, Object> details = new LinkedHashMap<>(gone.counts());
        details.put("personRemoved", gone.personRemoved());
        details.put("date", today.toString());
        for (UUID holder : holders) {
            audit.recordFor(holder, "system", "保存期限による削除", "PHR_RETENTION_PURGED", "Patient", person.toString(), details);
        }
        return new Purged(person, gone.counts(), gone.personRemoved());
    }
}
