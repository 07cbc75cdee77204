package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

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
import jp.hip.accounting.AllocationRule;
import jp.hip.accounting.ExpenseType;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.PersonnelRole;
import jp.hip.accounting.PersonnelTime;
import jp.hip.accounting.PurposeCategory;
import jp.hip.accounting.RateBasis;
import jp.hip.accounting.ResourceView;
import jp.hip.accounting.Yen;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;

/** 施策: list per 年度, create, detail with investment lines, time and depreciation lines, and 按分. */
@Controller
class MeasuresController {

    /** A measure's lines are shown 100 to a page (a measure with 10,000 lines stays one small page). */
    static final int LINES_PER_PAGE = 100;

    private final HealthAccounting accounting;
    private final MessageSource messages;

    MeasuresController(HealthAccounting accounting, MessageSource messages) {
        this.accounting = accounting;
        this.messages = messages;
    }

    public static final class MeasureForm {
        private String name = "";
        private String description = "";
        private PurposeCategory purpose;
        private Set<String> issues = new HashSet<>();
        private String participants = "0";

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public PurposeCategory getPurpose() { return purpose; }
        public void setPurpose(PurposeCategory purpose) { this.purpose = purpose; }
        public Set<String> getIssues() { return issues; }
        public void setIssues(Set<String> issues) { this.issues = issues; }
        public String getParticipants() { return participants; }
        public void setParticipants(String participants) { this.participants = participants; }

        HealthAccounting.MeasureCommand toCommand() {
            Set<Integer> standard = new HashSet<>();
            Set<UUID> own = new HashSet<>();
            for (String key : issues) {
                UUID id = FormErrors.uuidOrNull(key);
                if (id != null) {
                    own.add(id);
                } else if (key.matches("[1-9]")) {
                    standard.add(Integer.parseInt(key));
                } else {
                    throw new AccountingException("accounting.measure.issues.unknown");
                }
            }
            int count;
            try {
                count = participants == null || participants.isBlank() ? 0 : Integer.parseInt(participants.strip().replace(",", ""));
            } catch (NumberFormatException e) {
                throw new AccountingException("accounting.measure.participants.invalid");
            }
            return new HealthAccounting.MeasureCommand(name, description, purpose, standard, own, count);
        }
    }

    public static final class LineForm {
        private String description = "";
        private ExpenseType expenseType;
        private ResourceView resourceView;
        private String amount = "";
        private String sourceDocument = "";

        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public ExpenseType getExpenseType() { return expenseType; }
        public void setExpenseType(ExpenseType expenseType) { this.expenseType = expenseType; }
        public ResourceView getResourceView() { return resourceView; }
        public void setResourceView(ResourceView resourceView) { this.resourceView = resourceView; }
        public String getAmount() { return amount; }
        public void setAmount(String amount) { this.amount = amount; }
        public String getSourceDocument() { return sourceDocument; }
        public void setSourceDocument(String sourceDocument) { this.sourceDocument = sourceDocument; }
    }

    public static final class TimeForm {
        private String description = "";
        private PersonnelRole role;
        private String hours = "";
        private String persons = "1";
        private String rate = "";
        private RateBasis basis = RateBasis.STANDARD_RATE;

        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
        public PersonnelRole getRole() { return role; }
        public void setRole(PersonnelRole role) { this.role = role; }
        public String getHours() { return hours; }
        public void setHours(String hours) { this.hours = hours; }
        public String getPersons() { return persons; }
        public void setPersons(String persons) { this.persons = persons; }
        public String getRate() { return rate; }
        public void setRate(String rate) { this.rate = rate; }
        public RateBasis getBasis() { return basis; }
        public void setBasis(RateBasis basis) { this.basis = basis; }

        PersonnelTime toTime() {
            BigDecimal h;
            int p;
            try {
                h = new BigDecimal(hours.strip());
            } catch (RuntimeException e) {
                throw new AccountingException("accounting.time.hoursInvalid");
            }
            try {
                p = Integer.parseInt(persons.strip().replace(",", ""));
            } catch (RuntimeException e) {
                throw new AccountingException("accounting.time.personsInvalid");
            }
            return new PersonnelTime(role, h, p, Yen.parse(rate), basis);
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
        model.addAttribute("form", new MeasureForm());
        return measureForm(Years.of(year), locale, model);
    }

    @PostMapping("/company/measures")
    String create(@RequestParam Integer year, @ModelAttribute("form") MeasureForm form, BindingResult errors, Locale locale,
            Model model) {
        FiscalYear fy = Years.of(year);
        try {
            UUID id = accounting.createMeasure(fy, form.toCommand());
            return "redirect:/company/measures/" + id;
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, "accounting.measure.name", "name", "accounting.measure.purpose", "purpose",
                    "accounting.measure.issues", "issues", "accounting.measure.participants", "participants");
            return measureForm(fy, locale, model);
        }
    }

    @GetMapping("/company/measures/{id}")
    String detail(@PathVariable String id, @RequestParam(required = false) String page, Locale locale, Model model,
            jakarta.servlet.http.HttpServletRequest request) {
        model.addAttribute("lineForm", new LineForm());
        model.addAttribute("timeForm", new TimeForm());
        int requested = jp.hip.web.Pages.requested(page);
        model.addAttribute("page", requested);
        String view = detailView(id, locale, model);
        int shown = ((HealthAccounting.MeasurePage) model.getAttribute("linePage")).page();
        return page != null && shown != requested ? jp.hip.web.Pages.redirect(request, shown) : view;
    }

    @PostMapping("/company/measures/{id}/lines")
    String addLine(@PathVariable String id, @ModelAttribute("lineForm") LineForm form, BindingResult errors, Locale locale,
            Model model, RedirectAttributes redirect) {
        try {
            accounting.addLine(uuid(id), new HealthAccounting.LineCommand(form.getDescription(), form.getExpenseType(),
                    form.getResourceView(), Yen.parse(form.getAmount()), form.getSourceDocument()));
        } catch (AccountingException e) {
            notFoundIf(e);
            FormErrors.reject(errors, e, "accounting.line.description", "description", "accounting.line.expenseType", "expenseType",
                    "accounting.line.resourceView", "resourceView", "accounting.yen", "amount", "accounting.line.sourceDocument",
                    "sourceDocument");
            model.addAttribute("timeForm", new TimeForm());
            return detailView(id, locale, model);
        }
        redirect.addFlashAttribute("done", "accounting.line.added");
        return "redirect:/company/measures/" + id;
    }

    @PostMapping("/company/measures/{id}/time-lines")
    String addTimeLine(@PathVariable String id, @ModelAttribute("timeForm") TimeForm form, BindingResult errors, Locale locale,
            Model model, RedirectAttributes redirect) {
        try {
            accounting.addTimeLine(uuid(id), new HealthAccounting.TimeCommand(form.getDescription(), form.toTime(), null));
        } catch (AccountingException e) {
            notFoundIf(e);
            FormErrors.reject(errors, e, "accounting.line.description", "description", "accounting.time.hours", "hours",
                    "accounting.time.persons", "persons", "accounting.yen", "rate", "accounting.time.incomplete", "role");
            model.addAttribute("lineForm", new LineForm());
            return detailView(id, locale, model);
        }
        redirect.addFlashAttribute("done", "accounting.line.added");
        return "redirect:/company/measures/" + id;
    }

    @PostMapping("/company/lines/{lineId}/delete")
    String deleteLine(@PathVariable String lineId, RedirectAttributes redirect) {
        var line = accounting.line(uuid(lineId)).orElseThrow(PageNotFoundException::new);
        accounting.deleteLine(line.id());
        redirect.addFlashAttribute("done", "accounting.line.deleted");
        return "redirect:/company/measures/" + line.measureId();
    }

    /**
     * 按分: either mode=PRIMARY with one indicator, or mode=RATIOS with indicator[i]/ratio[i] pairs (blank rows
     * ignored). Ratios are decimals (0.6) or percentages (60%).
     */
    @PostMapping("/company/lines/{lineId}/allocation")
    String allocate(@PathVariable String lineId, @RequestParam String mode,
            @RequestParam(required = false) String primary,
            @RequestParam(name = "indicator", required = false) List<String> indicatorIds,
            @RequestParam(name = "ratio", required = false) List<String> ratios, RedirectAttributes redirect) {
        var line = accounting.line(uuid(lineId)).orElseThrow(PageNotFoundException::new);
        try {
            accounting.allocate(line.id(), rule(mode, primary, indicatorIds, ratios));
            redirect.addFlashAttribute("done", "accounting.allocation.saved");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
            redirect.addFlashAttribute("failedLine", line.id());
        }
        return "redirect:/company/measures/" + line.measureId() + "#line-" + line.id();
    }

    static AllocationRule rule(String mode, String primary, List<String> indicatorIds, List<String> ratios) {
        if ("PRIMARY".equals(mode)) {
            UUID id = primary == null ? null : FormErrors.uuidOrNull(primary);
            if (id == null) {
                throw new AccountingException("accounting.allocation.indicatorRequired");
            }
            return AllocationRule.primaryOnly(id);
        }
        List<AllocationRule.Share> shares = new ArrayList<>();
        int n = indicatorIds == null ? 0 : indicatorIds.size();
        for (int i = 0; i < n; i++) {
            String ratio = ratios != null && i < ratios.size() ? ratios.get(i) : "";
            String indicator = indicatorIds.get(i);
            if ((indicator == null || indicator.isBlank()) && (ratio == null || ratio.isBlank())) {
                continue;
            }
            UUID id = indicator == null ? null : FormErrors.uuidOrNull(indicator);
            shares.add(new AllocationRule.Share(id, ratio(ratio)));
        }
        return AllocationRule.ratios(shares);
    }

    private static BigDecimal ratio(String text) {
        try {
            String s = text.strip();
            if (s.endsWith("%")) {
                return new BigDecimal(s.substring(0, s.length() - 1).strip()).movePointLeft(2);
            }
            return new BigDecimal(s);
        } catch (RuntimeException e) {
            throw new AccountingException("accounting.allocation.ratioRange");
        }
    }

    private String measureForm(FiscalYear year, Locale locale, Model model) {
        model.addAttribute("year", year);
        model.addAttribute("issues", accounting.healthIssues(!"en".equals(locale.getLanguage())));
        model.addAttribute("purposes", PurposeCategory.values());
        return "accounting/measure-form";
    }

    private String detailView(String id, Locale locale, Model model) {
        Object requested = model.getAttribute("page");
        var paged = accounting.measurePage(uuid(id), requested instanceof Integer p ? p : 1, LINES_PER_PAGE)
                .orElseThrow(PageNotFoundException::new);
        model.addAttribute("linePage", paged);
        var detail = paged.detail();
        model.addAttribute("detail", detail);
        model.addAttribute("m", detail.measure());
        var m = detail.measure();
        model.addAttribute("measureIssues", accounting.healthIssues(!"en".equals(locale.getLanguage())).stream()
                .filter(i -> i.standard() ? m.standardIssues().contains(Integer.valueOf(i.key()))
                        : m.ownIssues().contains(UUID.fromString(i.key())))
                .map(HealthAccounting.HealthIssue::name).toList());
        model.addAttribute("indicators", accounting.indicators());
        model.addAttribute("facilities", accounting.facilities(detail.measure().fiscalYear()));
        model.addAttribute("policy", accounting.policy(detail.measure().fiscalYear()));
        model.addAttribute("expenseTypes", ExpenseType.values());
        model.addAttribute("resourceViews", ResourceView.values());
        model.addAttribute("roles", PersonnelRole.values());
        model.addAttribute("bases", RateBasis.values());
        var bars = Charts.bars("accounting.expenseType.", detail.measure().byExpenseType());
        model.addAttribute("bars", bars);
        model.addAttribute("chartHeight", Charts.height(bars));
        return "accounting/measure";
    }

    private static UUID uuid(String id) {
        UUID uuid = FormErrors.uuidOrNull(id);
        if (uuid == null) {
            throw new PageNotFoundException();
        }
        return uuid;
    }

    private static void notFoundIf(AccountingException e) {
        if ("accounting.notFound".equals(e.messageKey())) {
            throw new PageNotFoundException();
        }
    }
}
