package jp.hip.guidelines;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * ロゴマークの使用期間: 「自己宣言をした日以降で、業界自主ガイドライン等を策定又は改訂をした日から最長2年以内」
 * (経済産業省 ヘルスケアサービスガイドライン等のあり方 ロゴマーク). Counted as the Civil Code counts periods
 * (民法140条 初日不算入, 143条 暦による計算): a version dated 2024-04-01 allows use until 2026-04-01 inclusive; a
 * version dated 2024-02-29 until 2026-02-28 (no corresponding day: the month's last day). An empty window
 * (the version is more than two years old on the declaration date) allows no use at all.
 */
public record LogoValidity(LocalDate from, LocalDate until) {

    /** A window shorter than this many days is worth a warning before the association submits. */
    public static final int SHORT_WINDOW_DAYS = 180;

    public static LogoValidity of(LocalDate declaredOn, LocalDate versionDatedOn) {
        if (declaredOn == null || versionDatedOn == null) {
            throw new IllegalArgumentException("both dates are required");
        }
        return new LogoValidity(declaredOn, versionDatedOn.plusYears(2));
    }

    public boolean isEmpty() {
        return until.isBefore(from);
    }

    /** Days of use left when the window opens (inclusive of both ends); 0 when empty. */
    public long lengthInDays() {
        return isEmpty() ? 0 : ChronoUnit.DAYS.between(from, until) + 1;
    }

    public boolean isShort() {
        return lengthInDays() < SHORT_WINDOW_DAYS;
    }

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(until);
    }

    /** Days from {@code today} until the last valid day (0 on the last day, negative once over). */
    public long daysLeft(LocalDate today) {
        return ChronoUnit.DAYS.between(today, until);
    }
}
