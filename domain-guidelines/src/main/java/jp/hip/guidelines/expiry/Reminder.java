package jp.hip.guidelines.expiry;

import java.time.LocalDate;
import java.util.UUID;

/** 使用期限のお知らせ: a listing whose logo window ends within 8 months, 4 months or 30 days. */
public record Reminder(UUID declarationId, String registrationNo, String title, LocalDate validUntil, long daysLeft,
        Stage stage) {

    public enum Stage { MONTHS_8, MONTHS_4, DAYS_30 }

    public static Stage stageFor(LocalDate today, LocalDate validUntil) {
        if (validUntil.isBefore(today)) {
            return null;
        }
        if (!validUntil.isAfter(today.plusDays(30))) {
            return Stage.DAYS_30;
        }
        if (!validUntil.isAfter(today.plusMonths(4))) {
            return Stage.MONTHS_4;
        }
        if (!validUntil.isAfter(today.plusMonths(8))) {
            return Stage.MONTHS_8;
        }
        return null;
    }
}
