package jp.hip.web.accounting;

import java.math.BigDecimal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.ResourceKind;
import jp.hip.web.FormErrors;

/** Health resources (健康資源, stock values at a date). */
@Controller
class ResourcesController {

    private final HealthAccounting accounting;

    ResourcesController(HealthAccounting accounting) {
        this.accounting = accounting;
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
            return new HealthAccounting.ResourceCommand(name, kind, v, unit, FacilitiesController.date(asOf), note);
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
