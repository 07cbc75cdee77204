package jp.hip.guidelines.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Reminder stages before the logo window ends: 8 months, 4 months, 30 days. */
class ReminderTests {

    static final LocalDate TODAY = LocalDate.of(2026, 1, 31);

    @Test
    void theStageFollowsTheDaysLeft() {
        assertThat(Reminder.stageFor(TODAY, TODAY.plusMonths(8).plusDays(1))).isNull();
        assertThat(Reminder.stageFor(TODAY, TODAY.plusMonths(8))).isEqualTo(Reminder.Stage.MONTHS_8);
        assertThat(Reminder.stageFor(TODAY, TODAY.plusMonths(4).plusDays(1))).isEqualTo(Reminder.Stage.MONTHS_8);
        assertThat(Reminder.stageFor(TODAY, TODAY.plusMonths(4))).isEqualTo(Reminder.Stage.MONTHS_4);
        assertThat(Reminder.stageFor(TODAY, TODAY.plusDays(31))).isEqualTo(Reminder.Stage.MONTHS_4);
        assertThat(Reminder.stageFor(TODAY, TODAY.plusDays(30))).isEqualTo(Reminder.Stage.DAYS_30);
        assertThat(Reminder.stageFor(TODAY, TODAY)).isEqualTo(Reminder.Stage.DAYS_30);
        assertThat(Reminder.stageFor(TODAY, TODAY.minusDays(1))).isNull();
    }
}
