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
 * CJK (.ttc), so reports use IPAex Gothic (Debian fonts-ipaexfont-gothic, installed by bin/run and bin/test) unless
 * {@code hip.pdf.font} names another TrueType file (ADR 0022). Used by the disclosure report and the public
 * guideline list.
 */
@Component
public class PdfReports {

    static final List<String> FONT_CANDIDATES = List.of(
            "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
            "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf");

    private final TemplateEngine templates;
    private final String configuredFont;

    PdfReports(TemplateEngine templates, @Value("${hip.pdf.font:}") String configuredFont) {
        this.templates = templates;
        this.configuredFont = configuredFont;
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

    private File font() {
        if (configuredFont != null && !configuredFont.isBlank()) {
            return new File(configuredFont);
        }
        return FONT_CANDIDATES.stream().map(File::new).filter(File::isFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("No Japanese TrueType font for PDF output: install Debian's "
                        + "fonts-ipaexfont-gothic or set hip.pdf.font to a .ttf file"));
    }
}
