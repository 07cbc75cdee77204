package jp.hip.web.accounting;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import jp.hip.web.PdfReports;

/** The disclosure report as PDF: the XHTML template {@code accounting/disclosure-pdf} through {@link PdfReports}. */
@Component
class DisclosurePdf {

    private final PdfReports pdf;

    DisclosurePdf(PdfReports pdf) {
        this.pdf = pdf;
    }

    byte[] render(Map<String, Object> model, Locale locale) {
        return pdf.render("accounting/disclosure-pdf", model, locale);
    }
}
