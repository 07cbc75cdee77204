package jp.hip.web.signin;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.IdentityException;
import jp.hip.identity.secondfactor.SecondFactors;
import jp.hip.identity.SignedInUser;

/**
 * The second factor at sign-in (ADR 0008): the code page, enrolment with a QR code, and the recovery codes shown
 * once. Users whose roles require it come here after the password and cannot go anywhere else until done; others
 * may enrol here of their own accord.
 */
@Controller
@RequestMapping("/login/second-factor")
class SecondFactorController {

    private static final String NEW_SECRET = SecondFactorController.class.getName() + ".secret";
    private static final String NEW_RECOVERY_CODES = SecondFactorController.class.getName() + ".recovery";

    private final SecondFactors factors;

    SecondFactorController(SecondFactors factors) {
        this.factors = factors;
    }

    /** A six-digit code or a recovery code; the code itself is checked by {@link SecondFactors}. */
    record CodeForm(@NotBlank(message = "{validation.required}") @Size(max = 40, message = "{secondFactor.error.WRONG}") String code) {

        static CodeForm empty() {
            return new CodeForm("");
        }
    }

    private static boolean pending() {
        return SecondFactorGate.isPending(SecurityContextHolder.getContext().getAuthentication());
    }

    @GetMapping
    String codePage(@AuthenticationPrincipal SignedInUser me, Model model) {
        if (!pending()) {
            return "redirect:/home";
        }
        if (!factors.enrolled(me.id())) {
            return "redirect:" + SecondFactorGate.ENROL_PAGE;
        }
        model.addAttribute("form", CodeForm.empty());
        return "signin/second-factor";
    }

    @PostMapping
    String check(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("form") CodeForm form, BindingResult errors,
            HttpServletRequest request, HttpServletResponse response) {
        if (!pending()) {
            return "redirect:/home";
        }
        if (errors.hasErrors()) {
            return "signin/second-factor";
        }
        SecondFactors.Check check = factors.verify(me, form.code());
        if (check.accepted()) {
            return "redirect:" + SecondFactorGate.release(me, request, response);
        }
        errors.rejectValue("code", "secondFactor.error." + check.outcome().name(),
                new Object[] {Math.max(1, check.delay().toSeconds())}, null);
        return "signin/second-factor";
    }

    @GetMapping("/enrol")
    String enrolPage(@AuthenticationPrincipal SignedInUser me, HttpSession session, Model model) {
        if (factors.enrolled(me.id())) {
            return pending() ? "redirect:" + SecondFactorGate.CODE_PAGE : "redirect:/home";
        }
        model.addAttribute("form", CodeForm.empty());
        return enrolView(me, session, model);
    }

    @PostMapping("/enrol")
    String enrol(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("form") CodeForm form, BindingResult errors,
            HttpSession session, Model model) {
        String secret = (String) session.getAttribute(NEW_SECRET);
        if (secret == null || factors.enrolled(me.id())) {
            return "redirect:" + SecondFactorGate.ENROL_PAGE;
        }
        if (errors.hasErrors()) {
            return enrolView(me, session, model);
        }
        try {
            List<String> codes = factors.enrol(me, secret, form.code());
            session.removeAttribute(NEW_SECRET);
            session.setAttribute(NEW_RECOVERY_CODES, codes);
        } catch (IdentityException e) {
            errors.rejectValue("code", e.messageKey());
            return enrolView(me, session, model);
        }
        return "redirect:/login/second-factor/recovery-codes";
    }

    @GetMapping("/recovery-codes")
    String recoveryCodes(HttpSession session, Model model) {
        Object codes = session.getAttribute(NEW_RECOVERY_CODES);
        if (codes == null) {
            return "redirect:/home";
        }
        model.addAttribute("codes", codes);
        return "signin/recovery-codes";
    }

    /** The user has noted the recovery codes: they are not shown again, and enrolment counted as the second factor. */
    @PostMapping("/recovery-codes")
    String recoveryCodesNoted(@AuthenticationPrincipal SignedInUser me, HttpSession session, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        session.removeAttribute(NEW_RECOVERY_CODES);
        if (pending() && factors.enrolled(me.id())) {
            return "redirect:" + SecondFactorGate.release(me, request, response);
        }
        redirect.addFlashAttribute("done", "secondFactor.enrolled");
        return "redirect:/home";
    }

    private String enrolView(SignedInUser me, HttpSession session, Model model) {
        String secret = (String) session.getAttribute(NEW_SECRET);
        if (secret == null) {
            secret = SecondFactors.newSecret();
            session.setAttribute(NEW_SECRET, secret);
        }
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("otpauth", SecondFactors.otpauthUri(me.email(), secret));
        model.addAttribute("qr", jp.hip.web.QrCodes.svgDataUri(SecondFactors.otpauthUri(me.email(), secret)));
        model.addAttribute("required", SecondFactors.required(me.roles()));
        return "signin/second-factor-enrol";
    }
}
