package jp.hip.web.phr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Dates (Japan time) and values as the PHR pages show them, available to those templates as {@code fmt}. */
@ControllerAdvice(assignableTypes = {PersonalRecordsController.class, CheckupImportController.class, MembersOverviewController.class, MemberInvitationsController.class})
public class PhrFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");

    @ModelAttribute("fmt")
    PhrFormat fmt() {
        return this;
    }

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(LineChart.JAPAN));
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(LineChart.JAPAN));
    }

    public String value(BigDecimal value) {
        if (value == null) {
            return "-";
        }
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? String.format("%,d", plain.longValue()) : plain.toPlainString();
    }
}
