package jp.hip.web.phr;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.SignedInUser;
import jp.hip.phr.PhrException;
import jp.hip.phr.checkup.CheckupReviews;
import jp.hip.web.PageNotFoundException;

/** Insurer staff: the checkups flagged 要確認, each confirmed as it stands (or corrected by a new file). */
@Controller
@RequestMapping("/insurer/checkups/review")
class CheckupReviewController {

    static final int SHOWN = 200;

    private final CheckupReviews reviews;

    CheckupReviewController(CheckupReviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping
    String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("pending", reviews.pending(CheckupImportController.insurer(me), SHOWN));
        model.addAttribute("shown", SHOWN);
        return "phr/checkup-review";
    }

    @PostMapping("/{id}/confirm")
    String confirm(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            reviews.confirm(CheckupImportController.insurer(me), id);
            redirect.addFlashAttribute("done", "phr.review.confirmed");
        } catch (PhrException e) {
            if (e.kind() == PhrException.Kind.NOT_FOUND) {
                throw new PageNotFoundException();
            }
            redirect.addFlashAttribute("failed", e.problems().get(0).key());
        }
        return "redirect:/insurer/checkups/review";
    }
}
