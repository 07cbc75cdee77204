package jp.hip.web.signin;

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

    /** The new password twice; its length rules are the account's (12 to 256 characters), all reported at once. */
    record PasswordForm(
            @NotNull(message = "{validation.required}") @Size(min = 12, message = "{identity.user.password.tooShort}")
            @Size(max = 256, message = "{identity.user.password.tooLong}") String password,
            @NotBlank(message = "{validation.required}") String passwordConfirmation) {

        static PasswordForm empty() {
            return new PasswordForm("", "");
        }
    }

    @GetMapping
    String form(@PathVariable String token, Model model) {
        model.addAttribute("form", PasswordForm.empty());
        model.addAttribute("token", token);
        return "signin/invitation";
    }

    @PostMapping
    String accept(@PathVariable String token, @jakarta.validation.Valid @ModelAttribute("form") PasswordForm form,
            BindingResult errors, Model model) {
        model.addAttribute("token", token);
        if (!errors.hasFieldErrors("passwordConfirmation") && form != null && !form.password().equals(form.passwordConfirmation())) {
            errors.rejectValue("passwordConfirmation", "invitation.password.mismatch");
        }
        if (errors.hasErrors()) {
            return "signin/invitation";
        }
        try {
            identity.acceptInvitation(token, form.password());
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
