package jp.hip.web.guidelines;

import org.springframework.validation.BindingResult;

import jp.hip.guidelines.GuidelineException;
import jp.hip.web.PageNotFoundException;

/** Input helpers of the guideline pages: lenient enums (the queue's status), rule messages by field, downloads. */
final class GuidelineForms {

    private GuidelineForms() {}

    static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Another association's record, or one that does not exist, is a 404 rather than a message. */
    static void notFoundAs404(GuidelineException e) {
        if (e.messageKey().endsWith(".notFound")) {
            throw new PageNotFoundException();
        }
    }

    /** A stored document as a download (never rendered inline: it is the association's upload). */
    static org.springframework.http.ResponseEntity<byte[]> download(jp.hip.guidelines.DocumentFile file) {
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(file.contentType()))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition
                        .attachment().filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(file.content());
    }

    /** Puts the rule's message beside its field (pairs: key prefix, field) or at the top of the form. */
    static void reject(BindingResult errors, GuidelineException e, String... prefixesAndFields) {
        notFoundAs404(e);
        for (int i = 0; i + 1 < prefixesAndFields.length; i += 2) {
            if (e.messageKey().startsWith(prefixesAndFields[i])) {
                errors.rejectValue(prefixesAndFields[i + 1], e.messageKey(), e.args(), null);
                return;
            }
        }
        errors.reject(e.messageKey(), e.args(), null);
    }

    /** The rule's message (and what it names) for the page the redirect opens. */
    static void fail(org.springframework.web.servlet.mvc.support.RedirectAttributes redirect, GuidelineException e) {
        redirect.addFlashAttribute("failed", e.messageKey());
        redirect.addFlashAttribute("failedArgs", e.args());
    }
}
