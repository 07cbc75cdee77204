package jp.hip.web.phr;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import jp.hip.identity.IdentityException;
import jp.hip.phr.PhrException;
import jp.hip.phr.invitations.MemberJoining;
import jp.hip.web.FormErrors;

/**
 * Public: a member signs up with the numbers on their insurance card, their 生年月日 and the code their insurer
 * sent or printed (ADR 0043); their account is then linked to their records and they sign in to /me.
 */
@Controller
@RequestMapping("/join")
class JoinController {

    private final MemberJoining joining;

    JoinController(MemberJoining joining) {
        this.joining = joining;
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("form", JoinForm.empty());
        return "phr/join";
    }

    @PostMapping
    String join(@Valid @ModelAttribute("form") JoinForm form, BindingResult errors, HttpServletRequest request) {
        if (!errors.hasFieldErrors("passwordConfirmation") && !form.password().equals(form.passwordConfirmation())) {
            errors.rejectValue("passwordConfirmation", "invitation.password.mismatch");
        }
        if (errors.hasErrors()) {
            return "phr/join";
        }
        try {
            joining.join(form.request(), request.getRemoteAddr());
        } catch (PhrException e) {
            CardForm.reject(errors, e);
            return "phr/join";
        } catch (IdentityException e) {
            FormErrors.reject(errors, e, "identity.user.password", "password", "identity.user.email", "email");
            return "phr/join";
        }
        return "redirect:/login?joined";
    }
}
