package jp.hip.identity.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.CurrentTenant;

/**
 * Outgoing mail (ADR 0009). {@link #enqueue} writes a row in the caller's transaction, so the mail exists exactly
 * when the action that causes it committed; {@link #deliverDue} (every few seconds, on every node: rows are claimed
 * with {@code for update skip locked}) sends due rows through Spring Mail over SMTP. A failure is retried after
 * 30 s, 1 min, 2 min, … up to an hour, {@link #MAX_ATTEMPTS} times, then the row stays as FAILED for an operator to
 * see; the action itself is never undone by a mail failure.
 */
@Component
public class MailOutbox {

    public static final int MAX_ATTEMPTS = 10;
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LAST_RETRY = Duration.ofHours(1);

    /** One outbox row as an operator sees it. */
    public record OutboxMail(UUID id, UUID tenantId, String purpose, String recipient, String subject, String body,
            String status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {}

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<JavaMailSender> senders;
    private final Clock clock;
    private final String from;
    private volatile boolean toldNoSender;

    MailOutbox(JdbcClient jdbc, TransactionTemplate tx, ObjectProvider<JavaMailSender> senders, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${hip.mail.from:no-reply@hip.example}") String from) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.senders = senders;
        this.clock = clock;
        this.from = from;
    }

    /** Queues a mail in the caller's transaction; it goes out when that transaction has committed. */
    public UUID enqueue(UUID tenantId, String purpose, String recipient, String subject, String body) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into plat_mail_outbox (id, tenant_id, purpose, recipient, subject, body, status, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(id, tenantId, purpose, recipient, subject, body, now, now)
                .update();
        return id;
    }

    @Scheduled(fixedDelayString = "${hip.mail.poll-ms:5000}", initialDelayString = "${hip.mail.poll-ms:5000}")
    void deliverDueMail() {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            if (!toldNoSender) {
                toldNoSender = true;
                log.info("No SMTP server configured (spring.mail.host): mail stays in plat_mail_outbox until one is");
            }
            return;
        }
        deliverDue(sender);
    }

    /** Sends the due mail through the given sender; returns how many went out. */
    public int deliverDue(JavaMailSender sender) {
        // the outbox holds every tenant's mail: a job, in the scope "system" (ADR 0090)
        Integer sent = CurrentTenant.runAsSystem(() -> tx.execute(status -> {
            Instant now = clock.instant();
            List<OutboxMail> due = jdbc.sql("select " + COLUMNS + " from plat_mail_outbox where status = 'PENDING' "
                            + "and next_attempt_at <= ? order by next_attempt_at limit 50 for update skip locked")
                    .param(Timestamp.from(now)).query(MailOutbox::row).list();
            int delivered = 0;
            for (OutboxMail mail : due) {
                try {
                    SimpleMailMessage message = new SimpleMailMessage();
                    message.setFrom(from);
                    message.setTo(mail.recipient());
                    message.setSubject(mail.subject());
                    message.setText(mail.body());
                    message.setSentDate(java.util.Date.from(now));
                    sender.send(message);
                    // sent: the one-time link's token and a member invitation's code leave the table (each is stored
                    // only as a hash elsewhere; ADR 0043)
                    jdbc.sql("update plat_mail_outbox set status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = null, "
                                    + "body = regexp_replace(regexp_replace(body, '/invitation/[A-Za-z0-9_-]+', '/invitation/(sent)', 'g'), "
                                    + "'Invitation code: [A-Z0-9-]+', 'Invitation code: (sent)', 'g') where id = ?")
                            .params(Timestamp.from(now), mail.id()).update();
                    delivered++;
                } catch (RuntimeException e) {
                    int attempts = mail.attempts() + 1;
                    String error = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage());
                    jdbc.sql("update plat_mail_outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ? where id = ?")
                            .params(attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING", attempts,
                                    Timestamp.from(now.plus(retryDelay(attempts))), error.substring(0, Math.min(500, error.length())),
                                    mail.id())
                            .update();
                    log.warn("Mail {} to {} not sent (attempt {}): {}", mail.id(), mail.recipient(), attempts, error);
                }
            }
            return delivered;
        }));
        return sent == null ? 0 : sent;
    }

    /** The latest outbox rows, newest first (platform administrators' mail page). */
    public List<OutboxMail> latest(int limit) {
        return jdbc.sql("select " + COLUMNS + " from plat_mail_outbox order by created_at desc limit ?")
                .param(limit).query(MailOutbox::row).list();
    }

    static Duration retryDelay(int attempts) {
        if (attempts >= 8) {
            return LAST_RETRY;
        }
        Duration delay = FIRST_RETRY.multipliedBy(1L << (attempts - 1));
        return delay.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : delay;
    }

    private static final String COLUMNS =
            "id, tenant_id, purpose, recipient, subject, body, status, attempts, next_attempt_at, last_error, created_at, sent_at";

    private static OutboxMail row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new OutboxMail(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("purpose"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body"), rs.getString("status"),
                rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant());
    }
}
