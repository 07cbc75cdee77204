package jp.hip.web.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.IdentityException;
import jp.hip.identity.SmartAppDirectory;
import jp.hip.web.FormErrors;

/** Platform administrators register SMART apps: public clients for the standalone patient launch (ADR 0033). */
@Controller
@RequestMapping("/admin/smart-apps")
class SmartAppAdminController {

    private final SmartAppDirectory apps;

    SmartAppAdminController(SmartAppDirectory apps) {
        this.apps = apps;
    }

    public static final class SmartAppForm {
        @NotBlank(message = "{validation.required}")
        private String name = "";

        /** One redirect URI per line. */
        @NotBlank(message = "{validation.required}")
        private String redirectUris = "";

        @NotEmpty(message = "{validation.required}")
        private Set<String> scopes = Set.of();

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getRedirectUris() { return redirectUris; }
        public void setRedirectUris(String redirectUris) { this.redirectUris = redirectUris; }
        public Set<String> getScopes() { return scopes; }
        public void setScopes(Set<String> scopes) { this.scopes = scopes; }

        List<String> redirectUriList() {
            return Arrays.stream(redirectUris.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        }
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new SmartAppForm());
        }
        return view(model);
    }

    @PostMapping
    String create(@Valid @ModelAttribute("form") SmartAppForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return view(model);
        }
        try {
            redirect.addFlashAttribute("registered", apps.register(form.getName(), form.redirectUriList(), form.getScopes()));
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
