package jp.hip.web.tenantusers;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.IdentityException;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.SignedInUser;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;

/** A tenant's administrator invites, disables and re-enables the tenant's own users. */
@Controller
@RequestMapping("/tenant/users")
class TenantUsersController {

    private final IdentityManagement identity;

    TenantUsersController(IdentityManagement identity) {
        this.identity = identity;
    }

    /** An invitation: limits as the columns hold them (V1), at least one role. */
    public record InviteForm(
            @NotBlank(message = "{validation.required}") @Size(max = 254, message = "{validation.tooLong}")
            @Email(message = "{identity.user.email.invalid}") String email,
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.tooLong}") String displayName,
            @NotEmpty(message = "{identity.user.roles.required}") Set<Role> roles) {

        static InviteForm empty() {
            return new InviteForm("", "", EnumSet.noneOf(Role.class));
        }
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("users", identity.usersOfCurrentTenant());
        return "tenant/users";
    }

    @GetMapping("/new")
    String form(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("form", InviteForm.empty());
        return formView(me, model);
    }

    @PostMapping
    String invite(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("form") InviteForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return formView(me, model);
        }
        try {
            redirect.addFlashAttribute("invitation", identity.inviteUser(
                    new IdentityManagement.InviteUser(form.email(), form.displayName(), form.roles())));
        } catch (IdentityException e) {
            FormErrors.reject(errors, e, "identity.user.email", "email", "identity.user.displayName", "displayName",
                    "identity.user.roles", "roles");
            return formView(me, model);
        }
        return "redirect:/tenant/users";
    }

    @PostMapping("/{id}/status")
    String setEnabled(@AuthenticationPrincipal SignedInUser me, @PathVariable("id") UUID userId, @RequestParam boolean enabled,
            RedirectAttributes redirect) {
        if (identity.user(userId).isEmpty()) {
            throw new PageNotFoundException();
        }
        try {
            identity.setUserEnabled(userId, enabled, me.id());
            redirect.addFlashAttribute("done", enabled ? "tenantUsers.enabled" : "tenantUsers.disabled");
        } catch (IdentityException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/tenant/users";
    }

    private String formView(SignedInUser me, Model model) {
        model.addAttribute("roles", Role.availableIn(me.tenantKind()));
        return "tenant/invite";
    }
}
