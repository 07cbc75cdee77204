package jp.hip.web.phr;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.SignedInUser;
import jp.hip.phr.PhrException;
import jp.hip.phr.invitations.MemberLinking;

/**
 * A signed-in individual links an insurer's records to their existing account with the insurer's one-time code and
 * their card details (ADR 0047), e.g. after changing insurer; then the holders page lists the new holder.
 */
@Controller
@RequestMapping("/me/link")
class PersonalLinkController {

    private final MemberLinking linking;

    PersonalLinkController(MemberLinking linking) {
        this.linking = linking;
    }

    @GetMapping
    String form(org.springframework.ui.Model model) {
        model.addAttribute("form", LinkForm.empty());
        return "phr/link";
    }

    @PostMapping
    String link(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("form") LinkForm form, BindingResult errors,
            HttpServletRequest request, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return "phr/link";
        }
        MemberLinking.Linked linked;
        try {
            linked = linking.link(PersonalRecordsController.me(me), form.request(), request.getRemoteAddr());
        } catch (PhrException e) {
            CardForm.reject(errors, e);
            return "phr/link";
        }
        redirect.addFlashAttribute("done", linked.merged() ? "phr.link.doneMerged" : "phr.link.done");
        return "redirect:/me/consents";
    }
}
