package jp.hip.web.guidelines;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.publicregister.PublicQuery;
import jp.hip.guidelines.guideline.ServiceCategory;

/**
 * The public list's filters as they travel in the URL, bound from the GET query as a validated record (ADR 0097):
 * the search terms at most {@value #MAX_TERM} characters, the choices as their enums, the dates as people type them
 * (2025-04-01, 2025/4/1, full width). Every unreadable or over-long filter is answered beside its field, all at once,
 * and left out of the search; the others still filter. Only public statuses are ever searched for.
 */
public record PublicFilter(
        @Size(max = PublicFilter.MAX_TERM, message = "{guidelines.public.filter.tooLong}") String association,
        @Size(max = PublicFilter.MAX_TERM, message = "{guidelines.public.filter.tooLong}") String title,
        ServiceCategory category,
        GuidelineKind kind,
        DeclarationStatus status,
        LocalDate from,
        LocalDate to,
        PublicQuery.Sort sort,
        Integer page) {

    /** Longer search terms are not searched for: the page says so (a name is never this long). */
    static final int MAX_TERM = 100;

    /** The filter fields in the order the form shows them, with the label each has on the page. */
    static final List<String[]> FIELDS = List.of(new String[] {"association", "guidelines.public.association"},
            new String[] {"title", "guidelines.public.titleFilter"}, new String[] {"category", "guidelines.col.serviceCategory"},
            new String[] {"kind", "guidelines.col.kind"}, new String[] {"status", "guidelines.col.status"},
            new String[] {"from", "guidelines.public.listedFrom"}, new String[] {"to", "guidelines.public.listedTo"},
            new String[] {"sort", "guidelines.public.sort"});

    /** The filters exactly as typed: echoed in the form and the links, and part of the kept body's key. */
    public record Typed(String association, String title, String category, String kind, String status, String from,
            String to, String sort) {

        static Typed of(HttpServletRequest request) {
            return new Typed(value(request, "association"), value(request, "title"), value(request, "category"),
                    value(request, "kind"), value(request, "status"), value(request, "from"), value(request, "to"),
                    value(request, "sort"));
        }

        private static String value(HttpServletRequest request, String name) {
            String v = request.getParameter(name);
            return v == null ? "" : v;
        }
    }

    /** One filter's problem as the page shows it: the field, its label and the message, in the visitor's language. */
    public record Problem(String field, String label, String message) {}

    /**
     * The search itself: the filters that were read and are within their limits. When one filter could not be read
     * at all Spring has no record to give, so the others are read again with the same conversion service.
     */
    static PublicQuery query(PublicFilter filter, BindingResult errors, Typed typed, ConversionService conversion) {
        PublicFilter f = filter != null ? filter : new PublicFilter(typed.association(), typed.title(),
                convert(conversion, errors, "category", typed.category(), ServiceCategory.class),
                convert(conversion, errors, "kind", typed.kind(), GuidelineKind.class),
                convert(conversion, errors, "status", typed.status(), DeclarationStatus.class),
                convert(conversion, errors, "from", typed.from(), LocalDate.class),
                convert(conversion, errors, "to", typed.to(), LocalDate.class),
                convert(conversion, errors, "sort", typed.sort(), PublicQuery.Sort.class), null);
        DeclarationStatus s = errors.hasFieldErrors("status") ? null : f.status();
        PublicQuery.Sort order = errors.hasFieldErrors("sort") ? null : f.sort();
        return new PublicQuery(term(f.association(), errors, "association"), term(f.title(), errors, "title"),
                errors.hasFieldErrors("category") ? null : f.category(), errors.hasFieldErrors("kind") ? null : f.kind(),
                s != null && s.isPublic() ? s : null, errors.hasFieldErrors("from") ? null : f.from(),
                errors.hasFieldErrors("to") ? null : f.to(), order == null ? PublicQuery.Sort.REGISTRATION_NO : order);
    }

    /** What the record cannot say itself: a status the public never sees, a period that ends before it starts. */
    static void check(PublicFilter filter, BindingResult errors) {
        if (filter == null) {
            return;
        }
        if (filter.status() != null && !filter.status().isPublic() && !errors.hasFieldErrors("status")) {
            reject(errors, "status", filter.status(), "guidelines.public.filter.status");
        }
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())
                && !errors.hasFieldErrors("from") && !errors.hasFieldErrors("to")) {
            reject(errors, "to", filter.to(), "guidelines.public.filter.toBeforeFrom");
        }
    }

    /** A field error that needs no target (when one filter could not be read the binding result has none). */
    private static void reject(BindingResult errors, String field, Object value, String code) {
        errors.addError(new FieldError(errors.getObjectName(), field, value, false, new String[] {code}, null, null));
    }

    /** The page asked for: 1 when none was, 0 (redirected to the nearest page) when it is not a number. */
    static int requestedPage(PublicFilter filter, BindingResult errors) {
        if (errors.hasFieldErrors("page")) {
            return 0;
        }
        return filter == null || filter.page() == null ? 1 : filter.page();
    }

    /** The problems of the filters (not of the page number, which is redirected), in the form's order. */
    static List<Problem> problems(BindingResult errors, MessageSource messages, Locale locale) {
        List<Problem> problems = new ArrayList<>();
        for (String[] field : FIELDS) {
            FieldError error = errors.getFieldError(field[0]);
            if (error != null) {
                problems.add(new Problem(field[0], messages.getMessage(field[1], null, field[1], locale),
                        messages.getMessage(error, locale)));
            }
        }
        return problems;
    }

    private static String term(String text, BindingResult errors, String field) {
        return text == null || errors.hasFieldErrors(field) ? "" : text;
    }

    private static <T> T convert(ConversionService conversion, BindingResult errors, String field, String text, Class<T> type) {
        if (errors.hasFieldErrors(field) || text == null || text.isBlank()) {
            return null;
        }
        try {
            return type.cast(conversion.convert(text, TypeDescriptor.valueOf(String.class), TypeDescriptor.valueOf(type)));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
