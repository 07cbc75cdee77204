package jp.hip.guidelines.expiry;

import java.time.Clock;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.guidelines.association.AssociationsRepository;
import jp.hip.guidelines.declarations.Declaration;
import jp.hip.guidelines.declarations.DeclarationRecords;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DeclarationsRepository;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.jobs.JobRuns;

/**
 * Moves listings whose logo window is over to 失効 and sends due expiry reminders, every night. Reads compute expiry
 * anyway ({@link Declaration#statusOn}); the job makes the stored status and the history agree. The nightly run
 * happens on one node ({@link #nightly}); each step is also safe when run twice at once: see {@link #expireOverdue}.
 */
@Component
class ExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);

    private final DeclarationsRepository declarations;
    private final AssociationsRepository associations;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ReminderSender sender;
    private final Clock clock;
    private final JobRuns runs;

    ExpiryJob(DeclarationsRepository declarations, AssociationsRepository associations, JdbcClient jdbc,
            TransactionTemplate tx, ReminderSender sender, Clock clock, JobRuns runs) {
        this.declarations = declarations;
        this.associations = associations;
        this.jdbc = jdbc;
        this.tx = tx;
        this.sender = sender;
        this.clock = clock;
        this.runs = runs;
    }

    /** Every node's scheduler fires; one node per Japanese date runs the job ({@link JobRuns}, ADR 0093). */
    @Scheduled(cron = "${hip.guidelines.expiry-cron:0 5 0 * * *}", zone = "Asia/Tokyo")
    void nightly() {
        // a scheduler thread has no tenant: the job crosses every association's listings in the scope "system"
        // (ADR 0090); without it row-level security shows it nothing and refuses its reminder claims
        CurrentTenant.runAsSystem(this::runOnce);
    }

    /** The nightly run unless another node ran it for today already; answers whether this node ran it. */
    boolean runOnce() {
        return runs.runOnce(JOB, LocalDate.now(clock.withZone(DeclarationRecords.JAPAN)).toString(), this::run);
    }

    static final String JOB = "guidelines-expiry";

    int run() {
        LocalDate today = LocalDate.now(clock.withZone(DeclarationRecords.JAPAN));
        int expired = expireOverdue(today);
        int reminded = sendDueReminders(today, sender);
        if (expired + reminded > 0) {
            log.info("Guideline registry: {} listing(s) expired, {} reminder(s) sent", expired, reminded);
        }
        return expired;
    }

    /**
     * 失効: moves every listing whose logo window ended before {@code today} to EXPIRED and records the transition,
     * in one statement. Safe with several app instances: a row another instance expired first no longer matches
     * {@code status = 'LISTED'} once its lock is released (PostgreSQL re-checks the condition), so each listing
     * expires once, with one transition. Mirrors {@link Declaration#expire}.
     */
    int expireOverdue(LocalDate today) {
        Instant now = clock.instant();
        return tx.execute(s -> jdbc.sql("""
                with expired as (
                    update gl_declaration
                       set status = 'EXPIRED', status_reason = null, status_changed_at = :now, version = version + 1
                     where status = 'LISTED' and valid_until < :today
                 returning tenant_id, id)
                insert into gl_status_transition
                    (tenant_id, declaration_id, from_status, to_status, actor_id, actor_party, occurred_at, reason)
                select tenant_id, id, 'LISTED', 'EXPIRED', 'system', 'SYSTEM', :now, null from expired
                """)
                .param("now", Timestamp.from(now))
                .param("today", today)
                .update());
    }

    /**
     * Sends each due expiry reminder once (8 months, 4 months, 30 days before the window ends): the
     * {@code gl_reminder_sent} row is claimed first ({@code on conflict do nothing}), so concurrent instances never
     * send the same one twice. Returns how many were sent.
     */
    int sendDueReminders(LocalDate today, ReminderSender sender) {
        Instant now = clock.instant();
        List<Declaration> listed = CurrentTenant.runAsSystem(() -> tx.execute(s -> declarations.findByStatusInOrderByStatusChangedAtAsc(
                EnumSet.of(DeclarationStatus.LISTED))));
        int sent = 0;
        for (Declaration d : listed) {
            Reminder.Stage stage = d.statusOn(today) == DeclarationStatus.LISTED ? Reminder.stageFor(today, d.validUntil()) : null;
            if (stage == null) {
                continue;
            }
            Reminder reminder = new Reminder(d.id(), d.registrationNo(), d.title(), d.validUntil(),
                    java.time.temporal.ChronoUnit.DAYS.between(today, d.validUntil()), stage);
            boolean claimed = tx.execute(s -> jdbc.sql("""
                    insert into gl_reminder_sent (tenant_id, declaration_id, stage, sent_at) values (?, ?, ?, ?)
                    on conflict do nothing
                    """).params(d.tenantId(), d.id(), stage.name(), Timestamp.from(now)).update() == 1);
            if (claimed) {
                String email = CurrentTenant.runAs(d.tenantId(), () -> tx.execute(s ->
                        associations.findFirstBy().map(a -> a.view().contactEmail()).orElse(null)));
                sender.send(d.associationName(), email, reminder);
                sent++;
            }
        }
        return sent;
    }
}
