package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.Depreciation;
import jp.hip.accounting.DepreciationMethod;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.ResourceKind;
import jp.hip.accounting.SharedUseBasis;
import jp.hip.accounting.Yen;
import jp.hip.web.FormErrors;

/** Health facilities (空間投資, depreciated) and health resources (健康資源, stock values at a date). */
@Controller
class FacilitiesController {

    private final HealthAccounting accounting;

    FacilitiesController(HealthAccounting accounting) {
        this.accounting = accounting;
    }

    public static final class FacilityForm {
        private String name = "";
        private String cost = "";
        private String acquiredOn = "";
        private String life = "";
        private DepreciationMethod method = DepreciationMethod.STRAIGHT_LINE;
        private String ratio = "1";
        private SharedUseBasis basis = SharedUseBasis.FLOOR_AREA;
        private String note = "";

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getCost() { return cost; }
        public void setCost(String cost) { this.cost = cost; }
        public String getAcquiredOn() { return acquiredOn; }
        public void setAcquiredOn(String acquiredOn) { this.acquiredOn = acquiredOn; }
        public String getLife() { return life; }
        public void setLife(String life) { this.life = life; }
        public DepreciationMethod getMethod() { return method; }
        public void setMethod(DepreciationMethod method) { this.method = method; }
        public String getRatio() { return ratio; }
        public void setRatio(String ratio) { this.ratio = ratio; }
        public SharedUseBasis getBasis() { return basis; }
        public void setBasis(SharedUseBasis basis) { this.basis = basis; }
        public String getNote() { return note; }
        public void setNote(String note) { this.note = note; }

        HealthAccounting.FacilityCommand toCommand() {
            int years;
            BigDecimal share;
            try {
                years = Integer.parseInt(life.strip());
            } catch (RuntimeException e) {
                throw new AccountingException("accounting.facility.lifeInvalid");
            }
            try {
                String s = ratio.strip();
                share = s.endsWith("%") ? new BigDecimal(s.substring(0, s.length() - 1).strip()).movePointLeft(2) : new BigDecimal(s);
            } catch (RuntimeException e) {
                throw new AccountingException("accounting.facility.ratioInvalid");
            }
            return new HealthAccounting.FacilityCommand(name, new Depreciation(Yen.parse(cost), date(acquiredOn), years, method,
                    share, basis), note);
        }
    }

    /** Accepts 2025-04-01 and 2025/4/1. */
    static LocalDate date(String text) {
        try {
            String s = text == null ? "" : text.strip();
            return s.contains("/") ? LocalDate.parse(s, DateTimeFormatter.ofPattern("uuuu/M/d")) : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new AccountingException("accounting.date.invalid");
        }
    }

    @GetMapping("/company/facilities")
    String facilities(@RequestParam(required = false) Integer year, Model model) {
        model.addAttribute("form", new FacilityForm());
        return facilitiesView(Years.of(year), model);
    }

    @PostMapping("/company/facilities")
    String createFacility(@ModelAttribute("form") FacilityForm form, BindingResult errors, Model model) {
        try {
            accounting.createFacility(form.toCommand());
            return "redirect:/company/facilities";
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, "accounting.facility.name", "name", "accounting.yen", "cost", "accounting.date", "acquiredOn",
                    "accounting.facility.life", "life", "accounting.facility.ratio", "ratio");
            return facilitiesView(FiscalYear.current(), model);
        }
    }

    private String facilitiesView(FiscalYear year, Model model) {
        model.addAttribute("year", year);
        model.addAttribute("facilities", accounting.facilities(year));
        model.addAttribute("methods", DepreciationMethod.values());
        model.addAttribute("bases", SharedUseBasis.values());
        return "accounting/facilities";
    }

    public static final class ResourceForm {
        private String name = "";
        private ResourceKind kind;
        private String value = "";
        private String unit = "";
        private String asOf = "";
        private String note = "";

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public ResourceKind getKind() { return kind; }
        public void setKind(ResourceKind kind) { this.kind = kind; }
        public String getValue() { return value; }
        public void setValue(String value) { this.value = value; }
        public String getUnit() { return unit; }
        public void setUnit(String unit) { this.unit = unit; }
        public String getAsOf() { return asOf; }
        public void setAsOf(String asOf) { this.asOf = asOf; }
        public String getNote() { return note; }
        public void setNote(String note) { this.note = note; }

        HealthAccounting.ResourceCommand toCommand() {
            BigDecimal v;
            try {
                v = value == null || value.isBlank() ? null : new BigDecimal(value.strip().replace(",", ""));
            } catch (NumberFormatException e) {
                throw new AccountingException("accounting.value.invalid");
            }
            return new HealthAccounting.ResourceCommand(name, kind, v, unit, date(asOf), note);
        }
    }

    @GetMapping("/company/resources")
    String resources(Model model) {
        model.addAttribute("form", new ResourceForm());
        return resourcesView(model);
    }

    @PostMapping("/company/resources")
    String addResource(@ModelAttribute("form") ResourceForm form, BindingResult errors, Model model) {
        try {
            accounting.addResource(form.toCommand());
            return "redirect:/company/resources";
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, "accounting.resource.name", "name", "accounting.resource.kind", "kind",
                    "accounting.value", "value", "accounting.date", "asOf");
            return resourcesView(model);
        }
    }

    private String resourcesView(Model model) {
        model.addAttribute("resources", accounting.resources());
        model.addAttribute("facilities", accounting.facilities(FiscalYear.current()));
        model.addAttribute("kinds", ResourceKind.values());
        return "accounting/resources";
    }
}
