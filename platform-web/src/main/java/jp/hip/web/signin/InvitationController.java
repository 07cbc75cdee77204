package jp.hip.web.signin;

import jakarta.validation.constraints.NotBlank;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import jp.hip.identity.IdentityException;
import jp.hip.identity.IdentityManagement;

/** An invited user sets a password through the link they were sent. */
@Controller
@RequestMapping("/invitation/{token}")
class InvitationController {

    private final IdentityManagement identity;

    InvitationController(IdentityManagement identity) {
        this.identity = identity;
    }

    static final class PasswordForm {
        @NotBlank(message = "{validation.required}")
        private String password = "";

        @NotBlank(message = "{validation.required}")
        private String passwordConfirmation = "";

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getPasswordConfirmation() {
            return passwordConfirmation;
        }

        public void setPasswordConfirmation(String passwordConfirmation) {
            this.passwordConfirmation = passwordConfirmation;
        }
    }

    @GetMapping
    String form(@PathVariable String token, Model model) {
        model.addAttribute("form", new PasswordForm());
        model.addAttribute("token", token);
        return "signin/invitation";
    }

    @PostMapping
    String accept(@PathVariable String token, @jakarta.validation.Valid @ModelAttribute("form") PasswordForm form,
            BindingResult errors, Model model) {
        model.addAttribute("token", token);
        if (!errors.hasErrors() && !form.getPassword().equals(form.getPasswordConfirmation())) {
            errors.rejectValue("passwordConfirmation", "invitation.password.mismatch");
        }
        if (errors.hasErrors()) {
            return "signin/invitation";
        }
        try {
            identity.acceptInvitation(token, form.getPassword());
        } catch (IdentityException e) {
            if (e.messageKey().startsWith("identity.user.password")) {
                errors.rejectValue("password", e.messageKey());
            } else {
                errors.reject(e.messageKey());
            }
            return "signin/invitation";
        }
        return "redirect:/login?activated";
    }
}
