package jp.hip.guidelines;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves listings whose logo window is over to 失効, every night and shortly after start-up. Reads compute expiry
 * anyway ({@link Declaration#statusOn}); the job makes the stored status and the history agree. Several app
 * instances may run it at once: see {@link GuidelineRegistry#expireOverdue}.
 */
@Component
class ExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);

    private final GuidelineRegistry registry;
    private final Clock clock;

    ExpiryJob(GuidelineRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Scheduled(cron = "${hip.guidelines.expiry-cron:0 5 0 * * *}", zone = "Asia/Tokyo")
    void nightly() {
        run();
    }

    int run() {
        int expired = registry.expireOverdue(LocalDate.now(clock));
        if (expired > 0) {
            log.info("Guideline registry: {} listing(s) expired", expired);
        }
        return expired;
    }
}
