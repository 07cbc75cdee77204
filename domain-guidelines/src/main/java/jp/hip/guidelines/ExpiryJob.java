package jp.hip.guidelines;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves listings whose logo window is over to 失効 and sends due expiry reminders, every night. Reads compute expiry
 * anyway ({@link Declaration#statusOn}); the job makes the stored status and the history agree. Several app
 * instances may run it at once: see {@link GuidelineRegistry#expireOverdue}.
 */
@Component
class ExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);

    private final GuidelineRegistry registry;
    private final ReminderSender sender;
    private final Clock clock;

    ExpiryJob(GuidelineRegistry registry, ReminderSender sender, Clock clock) {
        this.registry = registry;
        this.sender = sender;
        this.clock = clock;
    }

    @Scheduled(cron = "${hip.guidelines.expiry-cron:0 5 0 * * *}", zone = "Asia/Tokyo")
    void nightly() {
        run();
    }

    int run() {
        LocalDate today = LocalDate.now(clock.withZone(GuidelineRegistry.JAPAN));
        int expired = registry.expireOverdue(today);
        int reminded = registry.sendDueReminders(today, sender);
        if (expired + reminded > 0) {
            log.info("Guideline registry: {} listing(s) expired, {} reminder(s) sent", expired, reminded);
        }
        return expired;
    }
}
