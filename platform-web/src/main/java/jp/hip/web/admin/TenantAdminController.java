package jp.hip.web.admin;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.IdentityException;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;
import jp.hip.web.forms.CorporateNumberFormat;
import jp.hip.web.forms.ValidCorporateNumber;

/** Platform administrators create tenants and their first user. */
@Controller
@RequestMapping("/admin/tenants")
class TenantAdminController {

    private final IdentityManagement identity;

    TenantAdminController(IdentityManagement identity) {
        this.identity = identity;
    }

    /** The form behind 「テナントを追加」: every field checked at once, limits as the columns (V1). */
    public record TenantForm(
            @NotNull(message = "{validation.required}") TenantKind kind,
            @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
            @CorporateNumberFormat @ValidCorporateNumber String corporateNumber,
            @NotBlank(message = "{validation.required}") @Size(max = 254, message = "{validation.tooLong}")
            @Email(message = "{identity.user.email.invalid}") String firstUserEmail,
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.tooLong}") String firstUserName,
            Role firstUserRole) {

        static TenantForm empty() {
            return new TenantForm(null, "", "", "", "", null);
        }
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("tenants", identity.tenants());
        return "admin/tenants";
    }

    @GetMapping("/new")
    String form(Model model) {
        model.addAttribute("form", TenantForm.empty());
        return formView(model);
    }

    @PostMapping
    String create(@Valid @ModelAttribute("form") TenantForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return formView(model);
        }
        Set<Role> roles = form.firstUserRole() == null ? EnumSet.noneOf(Role.class) : EnumSet.of(form.firstUserRole());
        try {
            var invitation = identity.createTenant(new IdentityManagement.CreateTenant(form.kind(), form.name(),
                    form.corporateNumber(), form.firstUserEmail(), form.firstUserName(), roles));
            redirect.addFlashAttribute("invitation", invitation);
        } catch (IdentityException e) {
            FormErrors.reject(errors, e, "identity.tenant.name", "name", "identity.tenant.corporateNumber", "corporateNumber",
                    "identity.user.email", "firstUserEmail", "identity.user.displayName", "firstUserName",
                    "identity.user.roles", "firstUserRole");
            return formView(model);
        }
        return "redirect:/admin/tenants/created";
    }

    @GetMapping("/created")
    String created(Model model) {
        if (!model.containsAttribute("invitation")) {
            return "redirect:/admin/tenants";
        }
        return "admin/invitation-created";
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("tenant", identity.tenant(id).orElseThrow(PageNotFoundException::new));
        return "admin/tenant";
    }

    private String formView(Model model) {
        model.addAttribute("kinds", EnumSet.complementOf(EnumSet.of(TenantKind.PLATFORM_OPERATOR)));
        model.addAttribute("roles", EnumSet.complementOf(EnumSet.of(Role.PLATFORM_ADMIN, Role.TENANT_ADMIN)));
        return "admin/tenant-form";
    }
}
