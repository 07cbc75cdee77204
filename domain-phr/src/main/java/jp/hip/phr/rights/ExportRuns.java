package jp.hip.phr.rights;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Running exports (phr_export_run, V39): a deletion request while the person's export runs is refused (issue 17, bad
 * input), so an export never hands out half-deleted data and a deletion never races an export.
 */
@Component
public class ExportRuns {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RetentionPeriods periods;

    ExportRuns(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RetentionPeriods periods) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.periods = periods;
    }

    /** A running export; closing it ends it. */
    public interface Run extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks the person's export as running (committed at once, so a deletion in another request sees it). */
    public Run begin(UUID person, String actor) {
        Instant started = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        tx.executeWithoutResult(s -> jdbc.sql("""
                insert into phr_export_run (person_id, started_at, started_by) values (?, ?, ?)
                on conflict (person_id) do update set started_at = excluded.started_at, started_by = excluded.started_by""")
                .params(person, Timestamp.from(started), actor.length() > 100 ? actor.substring(0, 100) : actor).update());
        return () -> tx.executeWithoutResult(s -> jdbc.sql("delete from phr_export_run where person_id = ? and started_at = ?")
                .params(person, Timestamp.from(started)).update());
    }

    /** Whether an export of the person runs now (a marker younger than {@code hip.phr.export.stale-minutes}). */
    boolean running(UUID person) {
        Instant fresh = clock.instant().minus(Duration.ofMinutes(periods.exportStaleMinutes));
        return jdbc.sql("select count(*) from phr_export_run where person_id = ? and started_at > ?")
                .params(person, Timestamp.from(fresh)).query(Long.class).single() > 0;
    }
}
