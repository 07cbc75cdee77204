package jp.hip.web.phr;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Dates (Japan time) and values as the PHR pages show them, available to those templates as {@code fmt}. */
@ControllerAdvice(assignableTypes = {PersonalRecordsController.class, PersonalRightsController.class, CheckupImportController.class,
        MembersOverviewController.class, MemberInvitationsController.class})
public class PhrFormat {

    private final jp.hip.phr.observations.CodeTable codes;

    PhrFormat(jp.hip.phr.observations.CodeTable codes) {
        this.codes = codes;
    }

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

    /** A calendar date as people write it: 「2031年3月31日」 (English: 31 Mar 2031). */
    public String date(LocalDate date) {
        if (date == null) {
            return "";
        }
        return english() ? DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).format(date)
                : date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** The 年度 (April to March) a date falls in: 「2025年度」 (English: FY2025). */
    public String fiscalYear(LocalDate date) {
        if (date == null) {
            return "";
        }
        int year = jp.hip.accounting.FiscalYear.containing(date).startYear();
        return english() ? "FY" + year : year + "年度";
    }

    /** A date and time in Japan: 「2026年11月30日 14:05」. */
    public String moment(Instant instant) {
        return instant == null ? "" : date(instant.atZone(LineChart.JAPAN).toLocalDate()) + " "
                + DateTimeFormatter.ofPattern("HH:mm").format(instant.atZone(LineChart.JAPAN));
    }

    private static boolean english() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage());
    }

    /** A UCUM unit as people read it (mmHg, 歩/日), in the page's language; FHIR keeps the UCUM code. */
    public String unit(String ucum) {
        return jp.hip.phr.DisplayUnits.label(ucum, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    /** An item's name in the page's language: the code table's English name in English mode, where it has one. */
    public String item(String code, String nameJa) {
        if (!"en".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage())) {
            return nameJa;
        }
        return codes.code(code).map(jp.hip.phr.ObservationCode::nameEn).filter(n -> n != null && !n.isBlank()).orElse(nameJa);
    }

    /** The same for a summary row that carries only the Japanese name (the insurer's members overview). */
    public String itemNamed(String nameJa) {
        if (!"en".equals(org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage())) {
            return nameJa;
        }
        return codes.codes().stream().filter(c -> c.nameJa().equals(nameJa)).map(jp.hip.phr.ObservationCode::nameEn)
                .filter(n -> n != null && !n.isBlank()).findFirst().orElse(nameJa);
    }

    public String value(BigDecimal value) {
        if (value == null) {
            return "-";
        }
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? String.format("%,d", plain.longValue()) : plain.toPlainString();
    }
}
