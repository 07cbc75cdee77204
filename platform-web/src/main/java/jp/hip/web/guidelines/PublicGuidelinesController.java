package jp.hip.web.guidelines;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.core.convert.ConversionService;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

import jp.hip.guidelines.publicregister.PublicRegister;
import jp.hip.guidelines.publicregister.PublicEntry;
import jp.hip.guidelines.publicregister.PublicEntryDetail;
import jp.hip.guidelines.publicregister.PublicQuery;
import jp.hip.web.PageNotFoundException;

/**
 * The public side (no sign-in): the list with its filters in the URL, the CSV and PDF of exactly what the filters
 * select, the permalink of an entry and its live logo. Only public statuses ever reach these pages.
 */
@Controller
@RequestMapping("/guidelines")
class PublicGuidelinesController {

    static final int PAGE_SIZE = 20;

    private final PublicRegister register;
    private final MessageSource messages;
    private final GuidelineListPdf pdf;
    private final LogoSvg logos;
    private final PublicListBodies bodies;
    private final ConversionService conversion;

    PublicGuidelinesController(PublicRegister register, MessageSource messages, GuidelineListPdf pdf, LogoSvg logos,
            PublicListBodies bodies, @Qualifier("mvcConversionService") ConversionService conversion) {
        this.conversion = conversion;
        this.register = register;
        this.messages = messages;
        this.pdf = pdf;
        this.logos = logos;
        this.bodies = bodies;
    }

    /**
     * The list. Its body is rendered once per page of results, filters and language ({@link PublicListBodies}); the
     * page of results itself is the registry's, current on every request (ADR 0016, 0017). A page number outside
     * the list (0, negative, 2147483647, not a number) is redirected to the nearest existing page with the same
     * filters, never a 500.
     */
    @GetMapping
    String list(@Valid @ModelAttribute("filter") PublicFilter filter, BindingResult errors, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        PublicFilter.check(filter, errors);
        PublicFilter.Typed typed = PublicFilter.Typed.of(request);
        int requested = PublicFilter.requestedPage(filter, errors);
        var result = register.publicList(PublicFilter.query(filter, errors, typed, conversion), requested - 1, PAGE_SIZE);
        if (result.page() + 1 != requested) {
            var target = org.springframework.web.util.UriComponentsBuilder.fromPath("/guidelines");
            request.getParameterMap().forEach((name, values) -> {
                if (!name.equals("page") && !name.startsWith("_")) {
                    target.queryParam(name, (Object[]) values);
                }
            });
            return "redirect:" + target.queryParam("page", result.page() + 1).encode().build().toUriString();
        }
        model.addAttribute("result", result);
        model.addAttribute("listBody", bodies.body(result, typed, PublicFilter.problems(errors, messages, locale), locale,
                request, response));
        return "guidelines/public-list";
    }

    /** About the scheme: what a listing means (a registered self-declaration) and how the logo period is counted. */
    @GetMapping("/about")
    String about() {
        return "guidelines/about";
    }

    /** CSV for Excel (the platform's one writer, {@link jp.hip.identity.ExcelCsv}); exactly the filtered rows. */
    @GetMapping("/export.csv")
    ResponseEntity<byte[]> csv(@Valid @ModelAttribute("filter") PublicFilter filter, BindingResult errors, Locale locale,
            HttpServletRequest request) {
        List<PublicEntry> entries = register.publicExport(exportQuery(filter, errors, request));
        List<List<String>> csv = new java.util.ArrayList<>();
        csv.add(List.of("registrationNo", "generation", "listedOn", "association", "title", "kind", "serviceCategory",
                "version", "versionDatedOn", "declaredOn", "validFrom", "validUntil", "status", "publicUrl").stream()
                .map(k -> text("guidelines.col." + k, locale)).toList());
        for (PublicEntry e : entries) {
            csv.add(java.util.Arrays.asList(e.registrationNo(), String.valueOf(e.generation()), str(e.listedOn()),
                    e.associationName(), e.title(), text("guidelines.kind." + e.kind(), locale),
                    text("guidelines.category." + e.serviceCategory(), locale), e.versionLabel(), str(e.versionDatedOn()),
                    str(e.declaredOn()), str(e.validFrom()), str(e.validUntil()),
                    text("guidelines.status." + e.status(), locale), e.publicUrl()));
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("guideline-list.csv").build().toString())
                .body(jp.hip.identity.ExcelCsv.write(csv));
    }

    /** The same rows as the CSV, as a PDF laid out like METI's published list (A4 landscape). */
    @GetMapping("/export.pdf")
    ResponseEntity<byte[]> pdf(@Valid @ModelAttribute("filter") PublicFilter filter, BindingResult errors, Locale locale,
            HttpServletRequest request) {
        java.time.LocalDate issuedOn = pdf.issuedOn();
        byte[] body = pdf.render(register.publicExport(exportQuery(filter, errors, request)), issuedOn, locale);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("guideline-list-" + issuedOn + ".pdf").build().toString())
                .body(body);
    }

    @GetMapping("/{registrationNo:HG-\\d+}")
    String entry(@PathVariable String registrationNo, Model model) {
        PublicEntryDetail detail = register.publicEntry(registrationNo).orElseThrow(PageNotFoundException::new);
        model.addAttribute("detail", detail);
        model.addAttribute("entry", detail.current());
        model.addAttribute("qr", jp.hip.web.QrCodes.svgDataUri(org.springframework.web.servlet.support.ServletUriComponentsBuilder
                .fromCurrentContextPath().toUriString() + "/guidelines/" + detail.current().registrationNo()));
        return "guidelines/public-entry";
    }

    /**
     * The logo with the entry's live status: colour, ✓ and the last day while valid; grey, ✕ and the status in words
     * otherwise. Revalidated on every use ({@code no-cache} with an ETag), so a withdrawal shows at once.
     */
    @GetMapping(value = "/{registrationNo:HG-\\d+}/logo.svg", produces = "image/svg+xml")
    ResponseEntity<String> logo(@PathVariable String registrationNo, org.springframework.web.context.request.WebRequest request) {
        PublicEntry entry = register.publicEntry(registrationNo).orElseThrow(PageNotFoundException::new).current();
        String word = entry.logoValid() ? text("guidelines.status.LISTED", Locale.JAPANESE)
                : text("guidelines.logo.word." + entry.status(), Locale.JAPANESE);
        String svg = logos.render(entry, word, text("guidelines.logo.notUsable", Locale.JAPANESE));
        String etag = "\"" + Integer.toHexString(svg.hashCode()) + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .eTag(etag)
                .contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
                .body(svg);
    }

    /** The downloads select exactly what the list shows: the same filters, the unreadable ones left out. */
    private PublicQuery exportQuery(PublicFilter filter, BindingResult errors, HttpServletRequest request) {
        PublicFilter.check(filter, errors);
        return PublicFilter.query(filter, errors, PublicFilter.Typed.of(request), conversion);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }
}
