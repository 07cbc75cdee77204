package jp.hip.web.admin;

import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.apiclients.ApiCredentialIssuer;
import jp.hip.identity.IdentityException;
import jp.hip.identity.IdentityManagement;
import jp.hip.web.FormErrors;

/** Platform administrators register API clients (integrations), each bound to one tenant. */
@Controller
@RequestMapping("/admin/api-clients")
class ApiClientAdminController {

    private final IdentityManagement identity;
    private final ApiCredentialIssuer issuer;

    ApiClientAdminController(IdentityManagement identity, ApiCredentialIssuer issuer) {
        this.identity = identity;
        this.issuer = issuer;
    }

    /** A client for a tenant: name as the column holds it (V3), at least one scope. */
    public record ApiClientForm(
            @NotNull(message = "{validation.required}") UUID tenantId,
            @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
            @NotEmpty(message = "{validation.required}") Set<String> scopes) {

        static ApiClientForm empty() {
            return new ApiClientForm(null, "", Set.of());
        }
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ApiClientForm.empty());
        }
        return view(model);
    }

    @PostMapping
    String create(@Valid @ModelAttribute("form") ApiClientForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return view(model);
        }
        try {
            redirect.addFlashAttribute("registered",
                    identity.registerApiClient(form.tenantId(), form.name(), form.scopes(), issuer));
        } catch (IdentityException e) {
            FormErrors.reject(errors, e, "identity.apiClient.name", "name", "identity.apiClient.scopes", "scopes",
                    "identity.tenant", "tenantId");
            return view(model);
        }
        return "redirect:/admin/api-clients";
    }

    /** Revokes a client at once: no new tokens, and the ones it holds are refused from the next request. */
    @PostMapping("/{clientId}/revoke")
    String revoke(@org.springframework.web.bind.annotation.PathVariable String clientId, RedirectAttributes redirect) {
        try {
            identity.revokeApiClient(clientId, issuer);
            redirect.addFlashAttribute("revoked", clientId);
        } catch (IdentityException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/admin/api-clients";
    }

    /** Allows or stops allowing a client to record consents the person gave elsewhere, with evidence (ADR 0037). */
    @PostMapping("/{clientId}/consent-recording")
    String consentRecording(@org.springframework.web.bind.annotation.PathVariable String clientId,
            @org.springframework.web.bind.annotation.RequestParam boolean allowed, RedirectAttributes redirect) {
        try {
            identity.allowConsentRecording(clientId, allowed);
            redirect.addFlashAttribute("consentRecording", allowed
                    ? "admin.apiClients.consentRecording.allowed" : "admin.apiClients.consentRecording.disallowed");
        } catch (IdentityException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/admin/api-clients";
    }

    private String view(Model model) {
        model.addAttribute("clients", identity.apiClients());
        model.addAttribute("tenants", identity.tenants());
        model.addAttribute("scopes", new java.util.TreeSet<>(issuer.availableScopes()));
        return "admin/api-clients";
    }
}
