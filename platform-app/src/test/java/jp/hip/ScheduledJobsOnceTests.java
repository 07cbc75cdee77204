package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import jp.hip.identity.jobs.JobRuns;

/**
 * Scheduled jobs run once across nodes (ADR 0093): two schedulers, each with its own connections to the one database
 * (two nodes), fire the same job at the same moment, and it runs once.
 */
@PlatformTest
class ScheduledJobsOnceTests {

    @Autowired JdbcClient jdbc;

    /** A node: its own connection pool to the shared database and its own scheduler thread. */
    private static JobRuns node(String name) {
        return new JobRuns(JdbcClient.create(new DriverManagerDataSource(TestDatabase.url())), Clock.systemUTC(), name);
    }

    private static ThreadPoolTaskScheduler scheduler(String name) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix(name + "-");
        scheduler.initialize();
        return scheduler;
    }

    @Test
    void twoSchedulersOnOneDatabaseRunAJobOnceAtTheSameMoment() throws Exception {
        String job = "test-once-" + UUID.randomUUID();
        Instant fireAt = Instant.now().plusMillis(1500);
        AtomicInteger runs = new AtomicInteger();
        List<String> ranOn = new CopyOnWriteArrayList<>();
        CountDownLatch fired = new CountDownLatch(2);
        List<ThreadPoolTaskScheduler> schedulers = List.of(scheduler("node-a"), scheduler("node-b"));
        try {
            for (int i = 0; i < 2; i++) {
                JobRuns node = node(i == 0 ? "node-a" : "node-b");
                String name = i == 0 ? "node-a" : "node-b";
                schedulers.get(i).schedule(() -> {
                    try {
                        if (node.runOnce(job, fireAt.toString(), () -> {
                            runs.incrementAndGet();
                            sleep(300); // long enough for the other node to fire while it runs
                        })) {
                            ranOn.add(name);
                        }
                    } finally {
                        fired.countDown();
                    }
                }, fireAt);
            }
            assertThat(fired.await(30, TimeUnit.SECONDS)).as("both schedulers fired").isTrue();
        } finally {
            schedulers.forEach(ThreadPoolTaskScheduler::shutdown);
        }
        assertThat(runs).hasValue(1);
        assertThat(ranOn).hasSize(1);
        Map<String, Object> row = jdbc.sql("select node, outcome, finished_at from plat_job_run where job = ?").param(job)
                .query().singleRow();
        assertThat(row).containsEntry("node", ranOn.get(0)).containsEntry("outcome", "DONE");
        assertThat(row.get("finished_at")).isNotNull();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
