package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.ledger.PersonnelRole;
import jp.hip.accounting.ledger.PersonnelTime;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.RateBasis;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.Yen;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;
import jp.hip.web.forms.YenFormat;

/** 施策: list per 年度, create, detail with investment lines, time and depreciation lines, and 按分. */
@Controller
class MeasuresController {

    /** A measure's lines are shown 100 to a page (a measure with 10,000 lines stays one small page). */
    static final int LINES_PER_PAGE = 100;

    private final HealthAccounting accounting;
    private final MessageSource messages;
    private final MeasureDetailPage detailPage;

    MeasuresController(HealthAccounting accounting, MessageSource messages, MeasureDetailPage detailPage) {
        this.accounting = accounting;
        this.messages = messages;
        this.detailPage = detailPage;
    }

    /**
     * A measure as typed (ADR 0097, 0087): every field checked at once, limits as the columns (V21). Issues are the
     * standard categories 「1」–「9」 or the company's own issues' ids; blank participants count as 0.
     */
    public record MeasureForm(
            @NotBlank(message = "{accounting.measure.name.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
            @Size(max = 2000, message = "{validation.tooLong}") String description,
            @NotNull(message = "{accounting.measure.purpose.required}") PurposeCategory purpose,
            @NotEmpty(message = "{accounting.measure.issues.required}") Set<String> issues,
            @Min(value = 0, message = "{accounting.measure.participants.invalid}")
            @Max(value = 10_000_000, message = "{validation.outOfRange}") Integer participants) {

        static MeasureForm empty() {
            return new MeasureForm("", "", null, Set.of(), 0);
        }

        static MeasureForm of(HealthAccounting.MeasureView m) {
            Set<String> issues = new HashSet<>();
            m.standardIssues().forEach(i -> issues.add(Integer.toString(i)));
            m.ownIssues().forEach(i -> issues.add(i.toString()));
            return new MeasureForm(m.name(), m.description() == null ? "" : m.description(), m.purpose(), issues, m.participants());
        }

        /**
         * Puts an issue that is neither a standard category 「1」–「9」 nor an id beside the field (checked here rather
         * than on the set's elements, whose errors Spring would name 「issues[]」, not the field).
         */
        void checkIssues(BindingResult errors) {
            if (issues != null && !errors.hasFieldErrors("issues")
                    && issues.stream().anyMatch(key -> !key.matches("[1-9]") && FormErrors.uuidOrNull(key) == null)) {
                // added as an error rather than rejected: when another value could not be read there is no record to read it from
                errors.addError(new org.springframework.validation.FieldError(errors.getObjectName(), "issues", issues, false,
                        errors.resolveMessageCodes("accounting.measure.issues.unknown", "issues"), null, null));
            }
        }

        HealthAccounting.MeasureCommand toCommand() {
            Set<Integer> standard = new HashSet<>();
            Set<UUID> own = new HashSet<>();
            for (String key : issues) {
                UUID id = FormErrors.uuidOrNull(key);
                if (id != null) {
                    own.add(id);
                } else {
                    standard.add(Integer.parseInt(key));
                }
            }
            // blank participants: none counted yet (0), as before the form was a record
            return new HealthAccounting.MeasureCommand(name, description, purpose, standard, own, participants == null ? 0 : participants);
        }
    }

    /** An investment line by amount: 「1,234,567」「１２３４５６７円」 (ADR 0097); limits as the columns (V21). */
    public record LineForm(
            @NotBlank(message = "{accounting.line.description.required}") @Size(max = 500, message = "{validation.tooLong}")
            String description,
            @NotNull(message = "{accounting.line.expenseType.required}") ExpenseType expenseType,
            @NotNull(message = "{accounting.line.resourceView.required}") ResourceView resourceView,
            @NotNull(message = "{validation.required}") @YenFormat @Min(value = 0, message = "{accounting.yen.negative}")
            @Max(value = Yen.MAX_AMOUNT, message = "{accounting.yen.tooLarge}") Long amount,
            @Size(max = 500, message = "{accounting.line.sourceDocument.tooLong}") String sourceDocument) {

        static LineForm empty() {
            return new LineForm("", null, null, null, "");
        }

        static LineForm of(HealthAccounting.LineView l) {
            return new LineForm(l.description(), l.expenseType(), l.resourceView(), l.amount().amount(),
                    l.sourceDocument() == null ? "" : l.sourceDocument());
        }

        HealthAccounting.LineCommand toCommand() {
            return new HealthAccounting.LineCommand(description, expenseType, resourceView, Yen.of(amount), sourceDocument);
        }
    }

    /** 時間投資: hours × persons × hourly rate, each checked at once (ADR 0097). */
    public record TimeForm(
            @Size(max = 500, message = "{validation.tooLong}") String description,
            @NotNull(message = "{accounting.time.incomplete}") PersonnelRole role,
            @NotNull(message = "{validation.required}") @DecimalMin(value = "0", inclusive = false, message = "{accounting.time.hoursInvalid}")
            @Digits(integer = 6, fraction = 2, message = "{accounting.time.hoursInvalid}") BigDecimal hours,
            @NotNull(message = "{validation.required}") @Min(value = 1, message = "{accounting.time.personsInvalid}")
            @Max(value = 1_000_000, message = "{validation.outOfRange}") Integer persons,
            @NotNull(message = "{validation.required}") @YenFormat @Min(value = 0, message = "{accounting.yen.negative}")
            @Max(value = Yen.MAX_AMOUNT, message = "{accounting.yen.tooLarge}") Long rate,
            @NotNull(message = "{accounting.time.incomplete}") RateBasis basis) {

        static TimeForm empty() {
            return new TimeForm("", null, null, 1, null, RateBasis.STANDARD_RATE);
        }

        PersonnelTime toTime() {
            return new PersonnelTime(role, hours, persons, Yen.of(rate), basis);
        }
    }

    /** Sort orders of the measures list (?sort=total&dir=desc); anything else sorts by name, ascending. */
    enum Sort {
        NAME(Comparator.comparing(HealthAccounting.MeasureView::name)),
        TOTAL(Comparator.comparingLong(m -> m.total().amount())),
        PARTICIPANTS(Comparator.comparingInt(HealthAccounting.MeasureView::participants));

        final Comparator<HealthAccounting.MeasureView> order;

        Sort(Comparator<HealthAccounting.MeasureView> order) {
            this.order = order;
        }

        static Sort of(String text) {
            return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(text)).findFirst().orElse(NAME);
        }

        List<HealthAccounting.MeasureView> apply(List<HealthAccounting.MeasureView> measures, boolean descending) {
            Comparator<HealthAccounting.MeasureView> c = order.thenComparing(HealthAccounting.MeasureView::name);
            return measures.stream().sorted(descending ? c.reversed() : c).toList();
        }
    }

    /** Measures per page of the list; the CSV always holds every measure of the 年度 in the list's order. */
    static final int PAGE_SIZE = 50;

    @GetMapping("/company/measures")
    String list(@RequestParam(required = false) Integer year, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir, @RequestParam(required = false) String page, Model model,
            jakarta.servlet.http.HttpServletRequest request) {
        FiscalYear fy = Years.of(year);
        Sort by = Sort.of(sort);
        boolean descending = "desc".equalsIgnoreCase(dir);
        var all = by.apply(accounting.measures(fy), descending);
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = jp.hip.web.Pages.nearest(jp.hip.web.Pages.requested(page), pages);
        if (page != null && shown != jp.hip.web.Pages.requested(page)) {
            return jp.hip.web.Pages.redirect(request, shown);
        }
        model.addAttribute("year", fy);
        model.addAttribute("sort", by.name().toLowerCase(Locale.ROOT));
        model.addAttribute("dir", descending ? "desc" : "asc");
        model.addAttribute("total", all.size());
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
        model.addAttribute("measures", all.subList((shown - 1) * PAGE_SIZE, Math.min(all.size(), shown * PAGE_SIZE)));
        return "accounting/measures";
    }

    /** The list above as CSV for Excel: the same 年度 filter and sort, the same columns and rows. */
    @GetMapping("/company/measures.csv")
    ResponseEntity<byte[]> listCsv(@RequestParam(required = false) Integer year, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir, Locale locale) {
        FiscalYear fy = Years.of(year);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("施策_" + fy.startYear() + ".csv", java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .body(MeasuresCsv.of(Sort.of(sort).apply(accounting.measures(fy), "desc".equalsIgnoreCase(dir)), messages, locale));
    }

    @GetMapping("/company/measures/new")
    String newMeasure(@RequestParam(required = false) Integer year, Locale locale, Model model) {
        model.addAttribute("form", MeasureForm.empty());
        return measureForm(Years.of(year), locale, model);
    }

    @PostMapping("/company/measures")
    String create(@RequestParam(required = false) Integer year, @Valid @ModelAttribute("form") MeasureForm form, BindingResult errors,
            Locale locale, Model model, RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        if (form != null) { // null when a value could not be read: the errors say which
            form.checkIssues(errors);
        }
        if (errors.hasErrors()) {
            return measureForm(fy, locale, model);
        }
        try {
            UUID id = accounting.createMeasure(fy, form.toCommand());
            redirect.addFlashAttribute("done", "accounting.measure.created");
            return "redirect:/company/measures/" + id;
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, MEASURE_FIELDS);
            return measureForm(fy, locale, model);
        }
    }

    /** Domain rules' message prefixes and the field each belongs to. */
    static final String[] MEASURE_FIELDS = {"accounting.measure.name", "name", "accounting.measure.purpose", "purpose",
        "accounting.measure.issues", "issues", "accounting.measure.participants", "participants"};

    static final String[] LINE_FIELDS = {"accounting.line.description", "description", "accounting.line.expenseType", "expenseType",
        "accounting.line.resourceView", "resourceView", "accounting.yen", "amount", "accounting.line.sourceDocument", "sourceDocument"};

    @GetMapping("/company/measures/{id}")
    String detail(@PathVariable UUID id, @RequestParam(required = false) String page, Locale locale, Model model,
            jakarta.servlet.http.HttpServletRequest request) {
        int requested = jp.hip.web.Pages.requested(page);
        model.addAttribute("page", requested);
        String view = detailPage.render(id, locale, model);
        int shown = ((HealthAccounting.MeasurePage) model.getAttribute("linePage")).page();
        return page != null && shown != requested ? jp.hip.web.Pages.redirect(request, shown) : view;
    }

    @PostMapping("/company/measures/{id}/lines")
    String addLine(@PathVariable UUID id, @Valid @ModelAttribute("lineForm") LineForm form, BindingResult errors, Locale locale,
            Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return detailPage.render(id, locale, model);
        }
        try {
            accounting.addLine(id, form.toCommand());
        } catch (AccountingException e) {
            notFoundIf(e);
            FormErrors.reject(errors, e, LINE_FIELDS);
            return detailPage.render(id, locale, model);
        }
        redirect.addFlashAttribute("done", "accounting.line.added");
        return "redirect:/company/measures/" + id;
    }

    /** A refused time entry shows its section open, the errors beside their fields (issue 15: never in a collapsed section). */
    @PostMapping("/company/measures/{id}/time-lines")
    String addTimeLine(@PathVariable UUID id, @Valid @ModelAttribute("timeForm") TimeForm form, BindingResult errors, Locale locale,
            Model model, RedirectAttributes redirect) {
        model.addAttribute("timeOpen", true); // shown again only when refused: its section open
        if (errors.hasErrors()) {
            return detailPage.render(id, locale, model);
        }
        try {
            accounting.addTimeLine(id, new HealthAccounting.TimeCommand(form.description(), form.toTime(), null));
        } catch (AccountingException e) {
            notFoundIf(e);
            FormErrors.reject(errors, e, "accounting.line.description", "description", "accounting.time.hours", "hours",
                    "accounting.time.persons", "persons", "accounting.yen", "rate", "accounting.time.incomplete", "role");
            return detailPage.render(id, locale, model);
        }
        redirect.addFlashAttribute("done", "accounting.line.added");
        return "redirect:/company/measures/" + id;
    }

    @PostMapping("/company/lines/{lineId}/delete")
    String deleteLine(@PathVariable UUID lineId, RedirectAttributes redirect) {
        var line = accounting.line(lineId).orElseThrow(PageNotFoundException::new);
        accounting.deleteLine(line.id());
        redirect.addFlashAttribute("done", "accounting.line.deleted");
        return "redirect:/company/measures/" + line.measureId();
    }

    private String measureForm(FiscalYear year, Locale locale, Model model) {
        model.addAttribute("year", year);
        model.addAttribute("issues", accounting.healthIssues(!"en".equals(locale.getLanguage())));
        model.addAttribute("purposes", PurposeCategory.values());
        return "accounting/measure-form";
    }


    private static void notFoundIf(AccountingException e) {
        if ("accounting.notFound".equals(e.messageKey())) {
            throw new PageNotFoundException();
        }
    }
}
