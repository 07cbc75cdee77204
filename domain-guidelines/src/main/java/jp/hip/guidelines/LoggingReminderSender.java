package jp.hip.guidelines;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The default {@link ReminderSender}: writes the reminder to the log instead of sending mail. */
@Component
class LoggingReminderSender implements ReminderSender {

    private static final Logger log = LoggerFactory.getLogger(LoggingReminderSender.class);

    @Override
    public void send(String associationName, String contactEmail, Reminder reminder) {
        log.info("Reminder {} to {} <{}>: {} logo valid until {} ({} days left)", reminder.stage(), associationName,
                contactEmail, reminder.registrationNo(), reminder.validUntil(), reminder.daysLeft());
    }
}
