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

/** Platform administrators create tenants and their first user. */
@Controller
@RequestMapping("/admin/tenants")
class TenantAdminController {

    private final IdentityManagement identity;

    TenantAdminController(IdentityManagement identity) {
        this.identity = identity;
    }

    /** The form behind 「テナントを追加」. */
    public static final class TenantForm {
        @NotNull(message = "{validation.required}")
        private TenantKind kind;

        @NotBlank(message = "{validation.required}")
        @Size(max = 200, message = "{validation.tooLong}")
        private String name = "";

        private String corporateNumber = "";

        @NotBlank(message = "{validation.required}")
        @Email(message = "{identity.user.email.invalid}")
        private String firstUserEmail = "";

        @NotBlank(message = "{validation.required}")
        private String firstUserName = "";

        private Role firstUserRole;

        public TenantKind getKind() { return kind; }
        public void setKind(TenantKind kind) { this.kind = kind; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getCorporateNumber() { return corporateNumber; }
        public void setCorporateNumber(String corporateNumber) { this.corporateNumber = corporateNumber; }
        public String getFirstUserEmail() { return firstUserEmail; }
        public void setFirstUserEmail(String firstUserEmail) { this.firstUserEmail = firstUserEmail; }
        public String getFirstUserName() { return firstUserName; }
        public void setFirstUserName(String firstUserName) { this.firstUserName = firstUserName; }
        public Role getFirstUserRole() { return firstUserRole; }
        public void setFirstUserRole(Role firstUserRole) { this.firstUserRole = firstUserRole; }
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("tenants", identity.tenants());
        return "admin/tenants";
    }

    @GetMapping("/new")
    String form(Model model) {
        model.addAttribute("form", new TenantForm());
        return formView(model);
    }

    @PostMapping
    String create(@Valid @ModelAttribute("form") TenantForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return formView(model);
        }
        Set<Role> roles = form.getFirstUserRole() == null ? EnumSet.noneOf(Role.class) : EnumSet.of(form.getFirstUserRole());
        try {
            var invitation = identity.createTenant(new IdentityManagement.CreateTenant(form.getKind(), form.getName(),
                    form.getCorporateNumber(), form.getFirstUserEmail(), form.getFirstUserName(), roles));
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
    String show(@PathVariable String id, Model model) {
        UUID tenantId = FormErrors.uuidOrNull(id);
        model.addAttribute("tenant", tenantId == null ? null : identity.tenant(tenantId).orElse(null));
        if (model.getAttribute("tenant") == null) {
            throw new PageNotFoundException();
        }
        return "admin/tenant";
    }

    private String formView(Model model) {
        model.addAttribute("kinds", EnumSet.complementOf(EnumSet.of(TenantKind.PLATFORM_OPERATOR)));
        model.addAttribute("roles", EnumSet.complementOf(EnumSet.of(Role.PLATFORM_ADMIN, Role.TENANT_ADMIN)));
        return "admin/tenant-form";
    }
}
