package jp.hip.guidelines.expiry;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.guidelines.review.AssociationMail;

/**
 * The default {@link ReminderSender}: the reminder goes to the association's contact address through the platform's
 * mail outbox ({@link AssociationMail}), and is logged.
 */
@Component
class MailReminderSender implements ReminderSender {

    private static final Logger log = LoggerFactory.getLogger(MailReminderSender.class);

    private final AssociationMail mail;
    private final JdbcClient jdbc;

    MailReminderSender(AssociationMail mail, JdbcClient jdbc) {
        this.mail = mail;
        this.jdbc = jdbc;
    }

    @Override
    public void send(String associationName, String contactEmail, Reminder reminder) {
        log.info("Reminder {} to {} <{}>: {} logo valid until {} ({} days left)", reminder.stage(), associationName,
                contactEmail, reminder.registrationNo(), reminder.validUntil(), reminder.daysLeft());
        UUID tenant = jdbc.sql("select tenant_id from gl_declaration where id = ?").param(reminder.declarationId())
                .query(UUID.class).single();
        mail.reminder(tenant, associationName, reminder);
    }
}
