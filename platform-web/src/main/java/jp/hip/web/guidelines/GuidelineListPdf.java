package jp.hip.web.guidelines;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import jp.hip.guidelines.PublicEntry;

/**
 * The public list as a printable PDF laid out like METI's published list (A4 landscape, one table). Renders the
 * XHTML template {@code guidelines/public-list-pdf} with openhtmltopdf and embeds a Japanese TrueType font (subset),
 * the same approach as accounting's disclosure report: IPAex Gothic unless {@code hip.pdf.font} names another
 * TrueType file. The font lookup is copied from accounting's package-private renderer rather than shared, so that
 * accounting's code stays untouched.
 */
@Component
class GuidelineListPdf {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private static final List<String> FONT_CANDIDATES = List.of(
            "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
            "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf");

    private final TemplateEngine templates;
    private final Clock clock;
    private final String configuredFont;

    GuidelineListPdf(TemplateEngine templates, Clock clock, @Value("${hip.pdf.font:}") String configuredFont) {
        this.templates = templates;
        this.clock = clock;
        this.configuredFont = configuredFont;
    }

    /** The date of issue printed under the title: today in Japan. */
    LocalDate issuedOn() {
        return LocalDate.now(clock.withZone(JAPAN));
    }

    byte[] render(List<PublicEntry> entries, LocalDate issuedOn, Locale locale) {
        DateTimeFormatter dates = Locale.JAPANESE.getLanguage().equals(locale.getLanguage())
                ? DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE)
                : DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
        Context context = new Context(locale, Map.of("entries", entries, "issuedOn", dates.format(issuedOn),
                "dates", new Dates(dates)));
        String xhtml = templates.process("guidelines/public-list-pdf", context);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(font(), "JapaneseGothic");
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private File font() {
        if (configuredFont != null && !configuredFont.isBlank()) {
            return new File(configuredFont);
        }
        return FONT_CANDIDATES.stream().map(File::new).filter(File::isFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("No Japanese TrueType font for PDF output: install Debian's "
                        + "fonts-ipaexfont-gothic or set hip.pdf.font to a .ttf file"));
    }
}
