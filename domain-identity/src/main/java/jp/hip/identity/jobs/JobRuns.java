package jp.hip.identity.jobs;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Scheduled jobs run once across nodes (ADR 0093). Every node's scheduler fires; {@link #runOnce} lets the job run
 * only on the node whose insert of {@code (job, slot)} into {@code plat_job_run} succeeded (the primary key decides,
 * in the database every node shares), and records how it ended. A slot names one scheduled run, e.g. the Japanese
 * date of a nightly job, so a node whose clock or scheduler is a little late still finds the run taken. A node that
 * dies mid-run leaves the row as RUNNING and nobody repeats that slot: the jobs are written to catch up on their
 * next slot (expiry takes every listing overdue by then).
 */
@Component
public class JobRuns {

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String node;

    @org.springframework.beans.factory.annotation.Autowired
    JobRuns(JdbcClient jdbc, Clock clock) {
        this(jdbc, clock, ManagementFactory.getRuntimeMXBean().getName());
    }

    /** A node with its own name (tests run two in one JVM). */
    public JobRuns(JdbcClient jdbc, Clock clock, String node) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node.length() > 120 ? node.substring(0, 120) : node;
    }

    /**
     * Runs {@code work} if no node has claimed {@code job} for {@code slot} yet; answers whether this node ran it.
     * The claim commits before the work starts (auto-commit), so another node's insert waits for nothing.
     */
    public boolean runOnce(String job, String slot, Runnable work) {
        boolean claimed = jdbc.sql("""
                insert into plat_job_run (job, slot, node, started_at) values (?, ?, ?, ?)
                on conflict (job, slot) do nothing""")
                .params(job, slot, node, Timestamp.from(clock.instant())).update() == 1;
        if (!claimed) {
            log.debug("Job {} for {} already taken by another node", job, slot);
            return false;
        }
        String outcome = "FAILED";
        try {
            work.run();
            outcome = "DONE";
            return true;
        } finally {
            jdbc.sql("update plat_job_run set finished_at = ?, outcome = ? where job = ? and slot = ?")
                    .params(Timestamp.from(clock.instant()), outcome, job, slot).update();
        }
    }
}
