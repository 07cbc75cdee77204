package jp.hip.guidelines.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.PlatformTest;
import jp.hip.guidelines.GuidelineFixtures;
import jp.hip.guidelines.association.AssociationKind;
import jp.hip.guidelines.association.AssociationsRepository;
import jp.hip.guidelines.declarations.DeclarationRecords;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DeclarationsRepository;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.guidelines.seeding.GuidelineSeeding;
import jp.hip.guidelines.seeding.Seed;
import jp.hip.identity.jobs.JobRuns;

/** The nightly expiry runs on one node per Japanese date, however many nodes' schedulers fire (ADR 0093). */
@PlatformTest
class GuidelineExpiryOnceTests {

    @Autowired DeclarationsRepository declarations;
    @Autowired AssociationsRepository associations;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired GuidelineSeeding seeding;
    @Autowired GuidelineFixtures fx;

    @Test
    void twoNodesFiringTheNightlyExpiryTogetherRunItOnceForTheDay() throws Exception {
        // A day long past: nothing is overdue or due a reminder on it, so the run changes no other test's data.
        Clock day = Clock.fixed(Instant.parse("2000-01-01T03:00:00Z"), ZoneOffset.UTC);
        AtomicInteger reminders = new AtomicInteger();
        ReminderSender sender = (name, email, reminder) -> reminders.incrementAndGet();
        String url = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getJdbcUrl();
        List<ExpiryJob> nodes = List.of("expiry-node-a", "expiry-node-b").stream()
                .map(name -> new ExpiryJob(declarations, associations, jdbc, tx, sender, day,
                        new JobRuns(JdbcClient.create(new DriverManagerDataSource(url)), day, name)))
                .toList();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Boolean> ran;
        try {
            List<Callable<Boolean>> fire = nodes.stream().<Callable<Boolean>>map(n -> n::runOnce).toList();
            ran = pool.invokeAll(fire).stream().map(GuidelineExpiryOnceTests::get).toList();
        } finally {
            pool.shutdown();
        }
        assertThat(ran).containsExactlyInAnyOrder(true, false);
        assertThat(nodes.get(0).runOnce()).as("later the same day").isFalse();
        assertThat(jdbc.sql("select count(*) from plat_job_run where job = ? and slot = '2000-01-01' and outcome = 'DONE'")
                .param(ExpiryJob.JOB).query(Long.class).single()).isEqualTo(1);
        assertThat(reminders).hasValue(0);
    }

    @Test
    void theNightlyJobOnASchedulerThreadWithNoTenantExpiresAnAssociationsOverdueListing() throws Exception {
        // as in production: a scheduler thread has no tenant and none of the tests' own scope, so under row-level
        // security the job sees only what its explicit scope shows it (ADR 0090)
        java.time.LocalDate versionDate = java.time.LocalDate.now().minusYears(3);
        java.util.UUID id = seeding.seed(new Seed(fx.associationTenant(), GuidelineFixtures.unique("夜間失効協会"),
                GuidelineFixtures.corporateNumber(), AssociationKind.INDUSTRY_ASSOCIATION, null, GuidelineKind.GUIDELINE,
                ServiceCategory.FITNESS, "夜間に失効するガイドライン", null, "https://nightly.example.org", "第1版", versionDate,
                versionDate.plusMonths(1), versionDate.plusMonths(2), null, DeclarationStatus.LISTED, null));
        Clock now = Clock.systemUTC();
        ExpiryJob job = new ExpiryJob(declarations, associations, jdbc, tx, (name, email, reminder) -> { }, now,
                new JobRuns(jdbc, now, "expiry-node-scheduler"));
        jdbc.sql("delete from plat_job_run where job = ? and slot = ?")
                .params(ExpiryJob.JOB, java.time.LocalDate.now(now.withZone(DeclarationRecords.JAPAN)).toString()).update();
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread scheduler = new Thread(() -> {
            try (var asInProduction = jp.hip.identity.CurrentTenant.requestStarted()) {
                job.nightly();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        scheduler.start();
        scheduler.join();
        assertThat(failed.get()).isNull();
        assertThat(jdbc.sql("select status from gl_declaration where id = ?").param(id).query(String.class).single())
                .isEqualTo("EXPIRED");
    }

    private static Boolean get(Future<Boolean> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
