package jp.hip.web.guidelines;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.publicregister.PublicEntry;
import jp.hip.guidelines.publicregister.PublicPage;
import jp.hip.guidelines.publicregister.PublicQuery;
import jp.hip.guidelines.guideline.ServiceCategory;

/**
 * The public list's body (everything inside {@code <main>}: filter form, count, export links, table, pager) as HTML,
 * rendered once per page of results, filter text and language and then reused (ADR 0017).
 *
 * <p>The body is a pure function of its key: the {@link PublicPage} itself (compared by value: its rows, total, page
 * and size), the filters exactly as typed (they are echoed in the form and the links) and the locale. It never holds
 * anything of the visitor: no session, user or CSRF token (the filter form is a GET form), and links are built with
 * URL rewriting switched off. So a kept body can never be stale: whether the page is still current is
 * {@link jp.hip.guidelines.publicregister.PublicListCache}'s question, answered against the registry's revision on every request
 * (ADR 0016); a withdrawal gives a different page, hence a different key. The layout around it (who is signed in,
 * the menu) is rendered per request as on every page.
 */
@Component
class PublicListBodies {

    /** Bodies kept at once; beyond it the node starts over (searches are open-ended, as in PublicListCache). */
    static final int MAX_BODIES = 512;

    /** The filters as typed decide the problems too (the same text is always read the same way). */
    record Key(PublicPage page, Locale locale, PublicFilter.Typed filter) {}

    /** One row as the table shows it: labels in the visitor's language, dates as text, nothing left to compute. */
    public record Row(String registrationNo, String generation, String listedOn, String association, String title,
            String kind, String category, String versionDatedOn, String validUntil, String badgeClass, String status) {}

    /** One choice of a filter's select. */
    public record Option(String value, String label) {}

    private final ITemplateEngine engine;
    private final MessageSource messages;
    private final org.thymeleaf.spring6.expression.ThymeleafEvaluationContext evaluation;
    private final Map<Key, String> bodies = new ConcurrentHashMap<>();
    private final Map<Locale, Map<String, List<Option>>> options = new ConcurrentHashMap<>();
    private volatile JakartaServletWebApplication application;

    PublicListBodies(ITemplateEngine engine, MessageSource messages, org.springframework.context.ApplicationContext context) {
        this.engine = engine;
        this.messages = messages;
        // as Spring's view gives every page: the same expression language with the application's beans
        this.evaluation = new org.thymeleaf.spring6.expression.ThymeleafEvaluationContext(context, null);
    }

    /** The body for this page of results as the visitor filtered it: the kept one, or rendered now and kept. */
    String body(PublicPage page, PublicFilter.Typed filter, List<PublicFilter.Problem> problems, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        Key key = new Key(page, locale, filter);
        String kept = bodies.get(key);
        if (kept != null) {
            return kept;
        }
        String html = render(page, filter, problems, locale, request, response);
        if (bodies.size() >= MAX_BODIES) {
            bodies.clear();
        }
        bodies.put(key, html);
        return html;
    }

    /** How many bodies this node keeps now (tests). */
    int size() {
        return bodies.size();
    }

    private String render(PublicPage page, PublicFilter.Typed filter, List<PublicFilter.Problem> problems, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        Map<String, Object> variables = new HashMap<>(options(locale));
        variables.put("result", page);
        variables.put("filter", filter);
        variables.put("rows", page.entries().stream().map(e -> row(e, locale)).toList());
        variables.put("choices", options(locale));
        variables.put("problems", problems);
        Map<String, String> errors = new HashMap<>();
        problems.forEach(p -> errors.put(p.field(), p.message()));
        variables.put("errors", errors);
        variables.put("pageOf", text("guidelines.public.page", locale, page.page() + 1, page.pages()));
        variables.put(org.thymeleaf.spring6.expression.ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME, evaluation);
        JakartaServletWebApplication app = application;
        if (app == null) {
            app = JakartaServletWebApplication.buildApplication(request.getServletContext());
            application = app;
        }
        // links exactly as written: never a session id in a body that every visitor gets
        HttpServletResponse plain = new HttpServletResponseWrapper(response) {
            @Override
            public String encodeURL(String url) {
                return url;
            }

            @Override
            public String encodeRedirectURL(String url) {
                return url;
            }
        };
        return engine.process("guidelines/public-list-body", new WebContext(app.buildExchange(request, plain), locale, variables));
    }

    private Row row(PublicEntry e, Locale locale) {
        boolean showUntil = e.logoValid() || e.status() == DeclarationStatus.EXPIRED;
        return new Row(e.registrationNo(), e.generation() > 1 ? "(" + e.generation() + ")" : null, str(e.listedOn()),
                e.associationName(), e.title(), text("guidelines.kind." + e.kind(), locale),
                text("guidelines.category." + e.serviceCategory(), locale), str(e.versionDatedOn()),
                showUntil ? str(e.validUntil()) : "—", "badge status-" + e.status(),
                text("guidelines.status." + e.status(), locale));
    }

    /** The filters' choices in one language, built once. */
    private Map<String, List<Option>> options(Locale locale) {
        return options.computeIfAbsent(locale, l -> Map.of(
                "categories", options(Arrays.asList(ServiceCategory.values()), "guidelines.category.", l),
                "kinds", options(Arrays.asList(GuidelineKind.values()), "guidelines.kind.", l),
                "statuses", options(List.copyOf(DeclarationStatus.PUBLIC), "guidelines.status.", l),
                "sorts", options(Arrays.asList(PublicQuery.Sort.values()), "guidelines.sort.", l)));
    }

    private List<Option> options(List<? extends Enum<?>> values, String prefix, Locale locale) {
        return values.stream().map(v -> new Option(v.name(), text(prefix + v.name(), locale))).toList();
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private static String str(Object value) {
        return value == null ? "" : value.toString();
    }
}
