package jp.hip.web.accounting;

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
 * Renders the disclosure report's XHTML template to PDF with openhtmltopdf, embedding a Japanese TrueType font
 * (subset). PDFBox cannot embed CFF-outline OpenType collections such as Noto Sans CJK (.ttc), so the report
 * uses IPAex Gothic (Debian fonts-ipaexfont-gothic) unless {@code hip.pdf.font} names another TrueType file
 * (ADR 0023).
 */
@Component
class DisclosurePdf {

    static final List<String> CANDIDATES = List.of(
            "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
            "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf");

    private final TemplateEngine templates;
    private final String configuredFont;

    DisclosurePdf(TemplateEngine templates, @Value("${hip.pdf.font:}") String configuredFont) {
        this.templates = templates;
        this.configuredFont = configuredFont;
    }

    byte[] render(Map<String, Object> model, Locale locale) {
        Context context = new Context(locale, model);
        String xhtml = templates.process("accounting/disclosure-pdf", context);
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

    private File font() {
        if (configuredFont != null && !configuredFont.isBlank()) {
            return new File(configuredFont);
        }
        return CANDIDATES.stream().map(File::new).filter(File::isFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("No Japanese TrueType font for PDF output: install Debian's "
                        + "fonts-ipaexfont-gothic or set hip.pdf.font to a .ttf file"));
    }
}
