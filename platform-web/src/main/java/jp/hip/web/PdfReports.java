package jp.hip.web;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * Renders an XHTML Thymeleaf template to PDF with openhtmltopdf, embedding a Japanese TrueType font (subset) named
 * "JapaneseGothic" for the templates' CSS. PDFBox cannot embed CFF-outline OpenType collections such as Noto Sans
 * CJK (.ttc), so reports use IPAex Gothic, which ships with the app ({@value #BUNDLED_FONT}, unmodified, with its IPA
 * Font License v1.0 beside it), unless {@code hip.pdf.font} names another TrueType file (ADR 0022). The font is
 * checked at start-up: a missing configured font stops the app with a clear message, never a 500 at request time.
 * Used by the disclosure report and the public guideline list.
 */
@Component
public class PdfReports {

    static final String BUNDLED_FONT = "fonts/ipaexg.ttf";

    static final List<String> FONT_CANDIDATES = List.of(
            "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
            "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf");

    private final TemplateEngine templates;
    private final String configuredFont;

    PdfReports(TemplateEngine templates, @Value("${hip.pdf.font:}") String configuredFont) {
        this.templates = templates;
        this.configuredFont = configuredFont;
        font(); // at start-up: refuse to start rather than answer 500 on the first PDF
    }

    public byte[] render(String template, Map<String, Object> model, Locale locale) {
        String xhtml = templates.process(template, new Context(locale, model));
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(font(), "JapaneseGothic");
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return PdfTextLayer.normalise(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private com.openhtmltopdf.extend.FSSupplier<java.io.InputStream> font() {
        if (configuredFont != null && !configuredFont.isBlank()) {
            File file = new File(configuredFont);
            if (!file.isFile()) {
                throw new IllegalStateException("hip.pdf.font names " + configuredFont + ", which is not a file: PDF reports "
                        + "need a Japanese TrueType font; unset hip.pdf.font to use the bundled IPAex Gothic");
            }
            return () -> open(file);
        }
        if (PdfReports.class.getClassLoader().getResource(BUNDLED_FONT) != null) {
            return () -> PdfReports.class.getClassLoader().getResourceAsStream(BUNDLED_FONT);
        }
        File system = FONT_CANDIDATES.stream().map(File::new).filter(File::isFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("No Japanese TrueType font for PDF output: the bundled "
                        + BUNDLED_FONT + " is missing; install Debian's fonts-ipaexfont-gothic or set hip.pdf.font to a .ttf file"));
        return () -> open(system);
    }

    private static java.io.InputStream open(File file) {
        try {
            return new java.io.FileInputStream(file);
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }
}
