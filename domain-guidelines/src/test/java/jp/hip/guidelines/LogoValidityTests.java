package jp.hip.guidelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ロゴマークの使用期間: 宣言日以降、策定・改訂日から最長2年以内. */
class LogoValidityTests {

    @Test
    @DisplayName("策定日から2年後の応当日まで使える(初日不算入)")
    void runsFromTheDeclarationDateToTwoYearsAfterTheVersionDate() {
        LogoValidity window = LogoValidity.of(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 4, 1));
        assertThat(window.from()).isEqualTo(LocalDate.of(2025, 6, 1));
        assertThat(window.until()).isEqualTo(LocalDate.of(2027, 4, 1));
        assertThat(window.covers(LocalDate.of(2027, 4, 1))).isTrue();
        assertThat(window.covers(LocalDate.of(2027, 4, 2))).isFalse();
        assertThat(window.covers(LocalDate.of(2025, 5, 31))).isFalse();
        assertThat(window.covers(LocalDate.of(2025, 6, 1))).isTrue();
    }

    @Test
    void aVersionDatedOnLeapDayEndsOnTheLastDayOfFebruary() {
        assertThat(LogoValidity.of(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 2, 29)).until()).isEqualTo(LocalDate.of(2026, 2, 28));
    }

    @Test
    void declaringOnTheLastValidDayLeavesAOneDayWindow() {
        LogoValidity window = LogoValidity.of(LocalDate.of(2027, 4, 1), LocalDate.of(2025, 4, 1));
        assertThat(window.isEmpty()).isFalse();
        assertThat(window.lengthInDays()).isEqualTo(1);
        assertThat(window.isShort()).isTrue();
    }

    @Test
    void declaringTheDayAfterLeavesAnEmptyWindow() {
        LogoValidity window = LogoValidity.of(LocalDate.of(2027, 4, 2), LocalDate.of(2025, 4, 1));
        assertThat(window.isEmpty()).isTrue();
        assertThat(window.lengthInDays()).isZero();
        assertThat(window.covers(LocalDate.of(2027, 4, 2))).isFalse();
    }

    @Test
    void aWindowOfOneHundredEightyDaysIsNotShortButOneDayLessIs() {
        LocalDate version = LocalDate.of(2024, 1, 1);
        LocalDate until = version.plusYears(2);
        assertThat(LogoValidity.of(until.minusDays(179), version).lengthInDays()).isEqualTo(180);
        assertThat(LogoValidity.of(until.minusDays(179), version).isShort()).isFalse();
        assertThat(LogoValidity.of(until.minusDays(178), version).isShort()).isTrue();
    }

    @Test
    void declaringOnTheVersionDateGivesTheFullTwoYears() {
        LogoValidity window = LogoValidity.of(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 1));
        assertThat(window.lengthInDays()).isEqualTo(731);
        assertThat(window.daysLeft(LocalDate.of(2027, 4, 1))).isZero();
        assertThat(window.daysLeft(LocalDate.of(2027, 4, 2))).isEqualTo(-1);
    }
}
