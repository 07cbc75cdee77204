package jp.hip.web.guidelines;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import jp.hip.guidelines.publicregister.PublicEntry;
import jp.hip.web.PdfReports;

/**
 * The public list as a printable PDF laid out like METI's published list (A4 landscape, one table): the XHTML
 * template {@code guidelines/public-list-pdf} through {@link PdfReports}.
 */
@Component
class GuidelineListPdf {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final PdfReports pdf;
    private final Clock clock;

    GuidelineListPdf(PdfReports pdf, Clock clock) {
        this.pdf = pdf;
        this.clock = clock;
    }

    /** The date of issue printed under the title: today in Japan. */
    LocalDate issuedOn() {
        return LocalDate.now(clock.withZone(JAPAN));
    }

    byte[] render(List<PublicEntry> entries, LocalDate issuedOn, Locale locale) {
        DateTimeFormatter dates = Locale.JAPANESE.getLanguage().equals(locale.getLanguage())
                ? DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE)
                : DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
        return pdf.render("guidelines/public-list-pdf",
                Map.of("entries", entries, "issuedOn", dates.format(issuedOn), "dates", new Dates(dates)), locale);
    }

    /** Formats the table's dates (a project class, so that the template may call it). */
    public static final class Dates {
        private final DateTimeFormatter formatter;

        Dates(DateTimeFormatter formatter) {
            this.formatter = formatter;
        }

        public String format(LocalDate date) {
            return date == null ? "-" : formatter.format(date);
        }
    }
}
