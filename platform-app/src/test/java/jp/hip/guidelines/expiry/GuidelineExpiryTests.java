package jp.hip.guidelines.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.PlatformTest;
import jp.hip.guidelines.GuidelineFixtures;
import jp.hip.guidelines.association.AssociationKind;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.guidelines.publicregister.PublicRegister;
import jp.hip.guidelines.seeding.GuidelineSeeding;
import jp.hip.guidelines.seeding.Seed;

/** The expiry job against the real schema: overdue listings expire once, due reminders are sent once and mailed. */
@PlatformTest
class GuidelineExpiryTests {

    @Autowired
    PublicRegister register;

    @Autowired
    ExpiryJob expiry;

    @Autowired
    GuidelineSeeding seeding;

    @Autowired
    GuidelineFixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theExpiryJobExpiresAnOverdueListingOnceEvenWhenTwoInstancesRunAtTheSameTime() throws Exception {
        UUID tenant = fx.associationTenant();
        LocalDate versionDate = LocalDate.now().minusYears(3);
        UUID id = seeding.seed(new Seed(tenant, GuidelineFixtures.unique("期限切れ協会"), GuidelineFixtures.corporateNumber(),
                AssociationKind.INDUSTRY_ASSOCIATION, null, GuidelineKind.GUIDELINE, ServiceCategory.FITNESS, "古いガイドライン",
                null, "https://old.example.org", "第1版", versionDate, versionDate.plusMonths(1), versionDate.plusMonths(2),
                null, DeclarationStatus.LISTED, null));
        String no = jdbc.sql("select registration_no from gl_declaration where id = ?").param(id).query(String.class).single();
        // Read before the job: already 失効, computed on read.
        assertThat(register.publicEntry(no).orElseThrow().current().status()).isEqualTo(DeclarationStatus.EXPIRED);
        assertThat(jdbc.sql("select status from gl_declaration where id = ?").param(id).query(String.class).single()).isEqualTo("LISTED");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> job = () -> expiry.expireOverdue(LocalDate.now());
            List<Future<Integer>> runs = pool.invokeAll(List.of(job, job));
            int total = runs.get(0).get() + runs.get(1).get();
            assertThat(total).isPositive();
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("select status from gl_declaration where id = ?").param(id).query(String.class).single()).isEqualTo("EXPIRED");
        assertThat(jdbc.sql("select count(*) from gl_status_transition where declaration_id = ? and to_status = 'EXPIRED'")
                .param(id).query(Integer.class).single()).isEqualTo(1);
        assertThat(expiry.expireOverdue(LocalDate.now())).isZero();
    }

    private static final java.util.Random RANDOM_DAYS = new java.util.Random();

    @Test
    void eachDueReminderIsSentOnceEvenWhenTwoInstancesSendAtTheSameTime() throws Exception {
        UUID tenant = fx.associationTenant();
        // A "today" decades ahead: only this test's declaration is due on it, so other listings in the shared test
        // database (or a reminder run of another test context on the real date) cannot claim or mask its reminder.
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).plusYears(40).plusDays(RANDOM_DAYS.nextInt(3650));
        LocalDate version = today.minusYears(2).plusDays(100);
        UUID id = seeding.seed(new Seed(tenant, GuidelineFixtures.unique("期限間近協会"), GuidelineFixtures.corporateNumber(),
                AssociationKind.INDUSTRY_ASSOCIATION, null, GuidelineKind.GUIDELINE, ServiceCategory.SLEEP, "期限間近",
                null, "https://soon.example.org", "第1版", version, version.plusDays(10), version.plusDays(20), null,
                DeclarationStatus.LISTED, null));
        List<Reminder> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ReminderSender sender = (name, email, reminder) -> sent.add(reminder);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> job = () -> expiry.sendDueReminders(today, sender);
            for (Future<Integer> run : pool.invokeAll(List.of(job, job))) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(sent).filteredOn(r -> r.declarationId().equals(id)).singleElement()
                .extracting(Reminder::stage).isEqualTo(Reminder.Stage.MONTHS_4);
        expiry.sendDueReminders(today, sender);
        assertThat(sent).filteredOn(r -> r.declarationId().equals(id)).hasSize(1);
    }

    @Autowired
    ReminderSender reminderSender;

    @Test
    @DisplayName("使用期限のお知らせは協会の連絡先メールに送られる（outbox）")
    void aDueReminderIsMailedToTheAssociationsContact() {
        UUID tenant = fx.associationTenant();
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).plusYears(40).plusDays(RANDOM_DAYS.nextInt(3650));
        LocalDate version = today.minusYears(2).plusDays(100);
        seeding.seed(new Seed(tenant, GuidelineFixtures.unique("通知協会"), GuidelineFixtures.corporateNumber(),
                AssociationKind.INDUSTRY_ASSOCIATION, null, GuidelineKind.GUIDELINE, ServiceCategory.SLEEP, "通知テスト",
                null, "https://notice.example.org", "第1版", version, version.plusDays(10), version.plusDays(20), null,
                DeclarationStatus.LISTED, null));
        jdbc.sql("update gl_association set contact_email = 'remind@assoc.example.org' where tenant_id = ?").param(tenant).update();
        expiry.sendDueReminders(today, reminderSender);
        assertThat(jdbc.sql("select subject || ' ' || body from plat_mail_outbox where tenant_id = ? and purpose = 'GUIDELINE_REMINDER' "
                + "and recipient = 'remind@assoc.example.org'").param(tenant).query(String.class).list())
                .singleElement().asString().contains("ロゴマーク使用期限のお知らせ", "通知テスト", "HG-");
    }
}
