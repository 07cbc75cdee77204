package jp.hip.web.collabo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Dates (Japan time), yen (「1,234,567円」) and percentage points as the コラボヘルス pages show them ({@code fmt}). */
@ControllerAdvice(assignableTypes = {InsurerCollaboController.class, CompanyCollaboController.class})
public class CollaboFormat {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm");

    @ModelAttribute("fmt")
    CollaboFormat fmt() {
        return this;
    }

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(JAPAN));
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(JAPAN));
    }

    public String yen(Long amount) {
        return amount == null ? "-" : String.format(java.util.Locale.JAPAN, "%,d円", amount);
    }

    /** A change in percentage points with its sign, or the mark (「×」 or 「-」). */
    public String points(BigDecimal points, String mark) {
        if (points == null) {
            return mark == null ? "-" : mark;
        }
        return (points.signum() > 0 ? "+" : "") + points.toPlainString();
    }

    /** Bar width (0–300) for a percentage. */
    public int bar(BigDecimal percent) {
        return percent == null ? 0 : percent.multiply(BigDecimal.valueOf(3)).intValue();
    }
}
