package jp.hip.web.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.IdentityException;
import jp.hip.identity.apiclients.SmartAppDirectory;
import jp.hip.web.FormErrors;

/** Platform administrators register SMART apps: public clients for the standalone patient launch (ADR 0033). */
@Controller
@RequestMapping("/admin/smart-apps")
class SmartAppAdminController {

    private final SmartAppDirectory apps;

    SmartAppAdminController(SmartAppDirectory apps) {
        this.apps = apps;
    }

    /** An app: a name, its redirect URIs one per line, at least one scope. */
    public record SmartAppForm(
            @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
            @NotBlank(message = "{validation.required}") @Size(max = 4000, message = "{validation.tooLong}") String redirectUris,
            @NotEmpty(message = "{validation.required}") Set<String> scopes) {

        static SmartAppForm empty() {
            return new SmartAppForm("", "", Set.of());
        }

        List<String> redirectUriList() {
            return Arrays.stream(redirectUris.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        }
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", SmartAppForm.empty());
        }
        return view(model);
    }

    @PostMapping
    String create(@Valid @ModelAttribute("form") SmartAppForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return view(model);
        }
        try {
            redirect.addFlashAttribute("registered", apps.register(form.name(), form.redirectUriList(), form.scopes()));
        } catch (IdentityException e) {
            FormErrors.reject(errors, e, "identity.smartApp.name", "name", "identity.smartApp.redirect", "redirectUris",
                    "identity.smartApp.scopes", "scopes");
            return view(model);
        }
        return "redirect:/admin/smart-apps";
    }

    private String view(Model model) {
        model.addAttribute("apps", apps.apps());
        model.addAttribute("scopes", apps.availableScopes());
        return "admin/smart-apps";
    }
}
