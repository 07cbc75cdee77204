package jp.hip.web.tenantusers;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.Valid;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.apiclients.ApiCredentialIssuer;
import jp.hip.identity.IdentityException;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.SignedInUser;
import jp.hip.identity.TenantKind;
import jp.hip.web.FormErrors;

/**
 * A tenant's administrator manages the tenant's own API clients (ui.md: insurer staff "API clients"): the list,
 * registering one (the secret is shown once), and revoking one at once. Only scopes that fit the tenant's kind are
 * offered and accepted; the client acts for this tenant only.
 */
@Controller
@RequestMapping("/tenant/api-clients")
class TenantApiClientsController {

    private final IdentityManagement identity;
    private final ApiCredentialIssuer issuer;

    TenantApiClientsController(IdentityManagement identity, ApiCredentialIssuer issuer) {
        this.identity = identity;
        this.issuer = issuer;
    }

    /** One of the tenant's own clients: a name as the column holds it (V3), at least one scope. */
    public record ClientForm(
            @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
            @NotEmpty(message = "{validation.required}") Set<String> scopes) {

        static ClientForm empty() {
            return new ClientForm("", Set.of());
        }
    }

    /** The scopes that make sense for a kind of tenant (the API itself scopes every call to the tenant anyway). */
    static Set<String> scopesFor(TenantKind kind, Set<String> available) {
        List<String> prefixes = switch (kind) {
            case INSURER -> List.of("users.", "phr.", "system/", "collabo.");
            case COMPANY -> List.of("users.", "accounting.", "collabo.", "system/Patient.rs", "system/Observation.rs", "system/Consent.rs");
            default -> List.of("users.");
        };
        Set<String> scopes = new TreeSet<>();
        available.stream().filter(s -> prefixes.stream().anyMatch(s::startsWith)).forEach(scopes::add);
        return scopes;
    }

    @GetMapping
    String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ClientForm.empty());
        }
        return view(me, model);
    }

    @PostMapping
    String create(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("form") ClientForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (!errors.hasFieldErrors("scopes") && !scopesFor(me.tenantKind(), issuer.availableScopes()).containsAll(form.scopes())) {
            errors.rejectValue("scopes", "identity.apiClient.scopes.invalid");
        }
        if (errors.hasErrors()) {
            return view(me, model);
        }
        try {
            redirect.addFlashAttribute("registered", identity.registerApiClient(me.tenantId(), form.name(), form.scopes(), issuer));
        } catch (IdentityException e) {
            FormErrors.reject(errors, e, "identity.apiClient.name", "name", "identity.apiClient.scopes", "scopes");
            return view(me, model);
        }
        return "redirect:/tenant/api-clients";
    }

    /** Revokes one of this tenant's clients; another tenant's id is "unknown" (tenant scoping of the lookup). */
    @PostMapping("/{clientId}/revoke")
    String revoke(@PathVariable String clientId, RedirectAttributes redirect) {
        try {
            identity.revokeApiClient(clientId, issuer);
            redirect.addFlashAttribute("revoked", clientId);
        } catch (IdentityException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/tenant/api-clients";
    }

    private String view(SignedInUser me, Model model) {
        model.addAttribute("clients", identity.apiClients());
        model.addAttribute("scopes", scopesFor(me.tenantKind(), issuer.availableScopes()));
        return "tenant/api-clients";
    }
}
