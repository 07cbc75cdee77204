package jp.hip.web.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

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
import jp.hip.accounting.resources.HealthResources;
import jp.hip.accounting.resources.ResourceKind;
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

    /** A health resource as typed (ADR 0097, 0087); limits as the columns (V21: value numeric(18, 4)). */
    public record ResourceForm(
            @NotBlank(message = "{accounting.resource.name.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
            @NotNull(message = "{accounting.resource.kind.required}") ResourceKind kind,
            @Digits(integer = 14, fraction = 4, message = "{accounting.value.invalid}") BigDecimal value,
            @Size(max = 20, message = "{validation.tooLong}") String unit,
            @NotNull(message = "{accounting.resource.asOf.required}") LocalDate asOf,
            @Size(max = 1000, message = "{validation.tooLong}") String note) {

        static ResourceForm empty() {
            return new ResourceForm("", null, null, "", null, "");
        }

        static ResourceForm of(HealthResources.HealthResourceView r) {
            return new ResourceForm(r.name(), r.kind(), r.value() == null ? null : r.value().stripTrailingZeros(),
                    r.unit() == null ? "" : r.unit(), r.asOf(), r.note() == null ? "" : r.note());
        }

        HealthResources.ResourceCommand toCommand() {
            return new HealthResources.ResourceCommand(name, kind, value, unit, asOf, note);
        }
    }

    @GetMapping("/company/resources")
    String resources(Model model) {
        model.addAttribute("form", ResourceForm.empty());
        return resourcesView(model);
    }

    @PostMapping("/company/resources")
    String addResource(@Valid @ModelAttribute("form") ResourceForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return resourcesView(model);
        }
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
    String edit(@PathVariable UUID id, Model model) {
        var r = find(id);
        model.addAttribute("form", ResourceForm.of(r));
        return editView(r, model);
    }

    @PostMapping("/company/resources/{id}/edit")
    String change(@PathVariable UUID id, @Valid @ModelAttribute("form") ResourceForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        var r = find(id);
        if (errors.hasErrors()) {
            return editView(r, model);
        }
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
    String confirmDelete(@PathVariable UUID id, Model model) {
        var r = find(id);
        model.addAttribute("title", "accounting.resource.delete.title");
        model.addAttribute("subject", r.name() + "（" + r.asOf() + "）");
        model.addAttribute("consequence", "accounting.resource.delete.consequence");
        model.addAttribute("action", "/company/resources/" + r.id() + "/delete");
        model.addAttribute("cancel", "/company/resources");
        return "accounting/confirm";
    }

    @PostMapping("/company/resources/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var r = find(id);
        try {
            resources.deleteResource(r.id());
            redirect.addFlashAttribute("done", "accounting.resource.deleted");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/resources";
    }

    private HealthResources.HealthResourceView find(UUID id) {
        return resources.resource(id).orElseThrow(PageNotFoundException::new);
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
