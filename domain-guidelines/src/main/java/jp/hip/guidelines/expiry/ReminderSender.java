package jp.hip.guidelines.expiry;

/**
 * Delivers an expiry reminder to an association (e-mail in production). Pluggable: declare another bean of this
 * type as {@code @Primary} to replace the default, which mails the association through the outbox (MailReminderSender).
 */
public interface ReminderSender {

    void send(String associationName, String contactEmail, Reminder reminder);
}
