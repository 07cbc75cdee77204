package jp.hip.web.phr;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.SignedInUser;
import jp.hip.phr.PhrException;
import jp.hip.phr.invitations.MemberInvitations;
import jp.hip.phr.invitations.MemberInvitations.Delivery;
import jp.hip.phr.invitations.MemberInvitations.InviteRequest;

/**
 * Insurer staff: invite a member to see their records (ADR 0043). The one-time code goes out by mail (through the
 * outbox) or is printed on a 結果通知, shown once on a printable page.
 */
@Controller
@RequestMapping("/insurer/members/invitations")
class MemberInvitationsController {

    static final int SHOWN = 50;

    /**
     * The member's card numbers, how the code goes out, and the address for a mail: a validated record (ADR 0097),
     * every error at once by field. The branch is the card's two digits (full width accepted, the sign-up's rule and
     * message), checked here because the lookup would only say "no such member"; the address a mail needs is the domain's.
     */
    public record InviteForm(
            @Size(max = 80, message = "{validation.tooLong}") String symbol,
            @NotBlank(message = "{validation.required}") @Size(max = 40, message = "{validation.tooLong}") String number,
            @Size(max = 8, message = "{validation.tooLong}")
            @Pattern(regexp = "\\s*[0-9０-９]{0,2}\\s*", message = "{phr.join.invalid.branch}") String branch,
            @NotNull(message = "{validation.required}") Delivery delivery,
            @Size(max = 254, message = "{validation.tooLong}") String email) {

        static InviteForm empty() {
            return new InviteForm("", "", "", Delivery.PRINT, "");
        }

        InviteRequest request() {
            return new InviteRequest(orEmpty(symbol), number, orEmpty(branch), delivery, orEmpty(email));
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }
    }

    private final MemberInvitations invitations;

    MemberInvitationsController(MemberInvitations invitations) {
        this.invitations = invitations;
    }

    @GetMapping
    String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", InviteForm.empty());
        }
        model.addAttribute("invitations", invitations.recent(CheckupImportController.insurer(me), SHOWN));
        model.addAttribute("now", Instant.now());
        model.addAttribute("validityDays", invitations.validity().toDays());
        return "phr/member-invitations";
    }

    @PostMapping
    String invite(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("form") InviteForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                var issued = invitations.invite(CheckupImportController.insurer(me), form.request());
                if (issued.delivery() == Delivery.PRINT) {
                    redirect.addFlashAttribute("issued", issued);
                    return "redirect:/insurer/members/invitations/notice";
                }
                redirect.addFlashAttribute("done", "phr.invite.mailed");
                return "redirect:/insurer/members/invitations";
            } catch (PhrException e) {
                e.problems().forEach(p -> {
                    if (p.where() == null) {
                        errors.reject(p.key());
                    } else {
                        errors.rejectValue(p.where(), p.key());
                    }
                });
            }
        }
        return list(me, model);
    }

    /** The printable 結果通知 with the code: shown once, right after the invitation was made. */
    @GetMapping("/notice")
    String notice(Model model) {
        model.addAttribute("joinPath", "/join");
        // the sign-up page's QR code, drawn on the server like every QR code of the platform (ADR 0098)
        model.addAttribute("qr", jp.hip.web.QrCodes.svgDataUri(org.springframework.web.servlet.support.ServletUriComponentsBuilder
                .fromCurrentContextPath().toUriString() + "/join"));
        return "phr/member-invitation-notice";
    }
}
