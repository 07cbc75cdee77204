package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.HealthResources;
import jp.hip.accounting.ResourceKind;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;

/** Health resources (健康資源, stock values at a date): add, change, delete (after a confirmation). */
@Controller
class ResourcesController {

    private final HealthAccounting accounting;
    private final HealthResources resources;

    ResourcesController(HealthAccounting accounting, HealthResources resources) {
        this.accounting = accounting;
        this.resources = resources;
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

        HealthResources.ResourceCommand toCommand() {
            BigDecimal v;
            try {
                v = value == null || value.isBlank() ? null : new BigDecimal(value.strip().replace(",", ""));
            } catch (NumberFormatException e) {
                throw new AccountingException("accounting.value.invalid");
            }
            return new HealthResources.ResourceCommand(name, kind, v, unit, FacilitiesController.date(asOf), note);
        }
    }

    @GetMapping("/company/resources")
    String resources(Model model) {
        model.addAttribute("form", new ResourceForm());
        return resourcesView(model);
    }

    @PostMapping("/company/resources")
    String addResource(@ModelAttribute("form") ResourceForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        try {
            resources.addResource(form.toCommand());
        } catch (AccountingException e) {
            reject(errors, e);
            return resourcesView(model);
        }
        redirect.addFlashAttribute("done", "accounting.resource.added");
        return "redirect:/company/resources";
    }

    @GetMapping("/company/resources/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        var r = find(id);
        ResourceForm form = new ResourceForm();
        form.setName(r.name());
        form.setKind(r.kind());
        form.setValue(r.value() == null ? "" : r.value().stripTrailingZeros().toPlainString());
        form.setUnit(r.unit() == null ? "" : r.unit());
        form.setAsOf(r.asOf().toString());
        form.setNote(r.note() == null ? "" : r.note());
        model.addAttribute("form", form);
        return editView(r, model);
    }

    @PostMapping("/company/resources/{id}/edit")
    String change(@PathVariable String id, @ModelAttribute("form") ResourceForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        var r = find(id);
        try {
            resources.changeResource(r.id(), form.toCommand());
        } catch (AccountingException e) {
            reject(errors, e);
            return editView(r, model);
        }
        redirect.addFlashAttribute("done", "accounting.resource.changed");
        return "redirect:/company/resources";
    }

    @GetMapping("/company/resources/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        var r = find(id);
        model.addAttribute("title", "accounting.resource.delete.title");
        model.addAttribute("subject", r.name() + "（" + r.asOf() + "）");
        model.addAttribute("consequence", "accounting.resource.delete.consequence");
        model.addAttribute("action", "/company/resources/" + r.id() + "/delete");
        model.addAttribute("cancel", "/company/resources");
        return "accounting/confirm";
    }

    @PostMapping("/company/resources/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        var r = find(id);
        try {
            resources.deleteResource(r.id());
            redirect.addFlashAttribute("done", "accounting.resource.deleted");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/resources";
    }

    private HealthResources.HealthResourceView find(String id) {
        UUID uuid = FormErrors.uuidOrNull(id);
        return (uuid == null ? java.util.Optional.<HealthResources.HealthResourceView>empty() : resources.resource(uuid))
                .orElseThrow(PageNotFoundException::new);
    }

    private static void reject(BindingResult errors, AccountingException e) {
        FormErrors.reject(errors, e, "accounting.resource.name", "name", "accounting.resource.kind", "kind",
                "accounting.value", "value", "accounting.date", "asOf", "accounting.resource.asOf", "asOf");
    }

    private String editView(HealthResources.HealthResourceView r, Model model) {
        model.addAttribute("resource", r);
        model.addAttribute("kinds", ResourceKind.values());
        return "accounting/resource-edit";
    }

    private String resourcesView(Model model) {
        model.addAttribute("resources", resources.resources());
        model.addAttribute("facilities", accounting.facilities(FiscalYear.current()));
        model.addAttribute("kinds", ResourceKind.values());
        return "accounting/resources";
    }
}
