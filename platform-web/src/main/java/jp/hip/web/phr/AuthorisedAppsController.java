package jp.hip.web.phr;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.SignedInUser;
import jp.hip.identity.apiclients.SmartAppDirectory;

/** The individual's apps (SMART, ADR 0033): which apps they authorised for what, and one-click withdrawal. */
@Controller
@RequestMapping("/me/apps")
class AuthorisedAppsController {

    private final SmartAppDirectory apps;

    AuthorisedAppsController(SmartAppDirectory apps) {
        this.apps = apps;
    }

    @GetMapping
    String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("apps", apps.authorisedBy(me.id()));
        return "phr/apps";
    }

    @PostMapping("/revoke")
    String revoke(@AuthenticationPrincipal SignedInUser me, @RequestParam("clientId") String clientId, RedirectAttributes redirect) {
        apps.revoke(me.id(), clientId);
        redirect.addFlashAttribute("done", "phr.apps.revoked");
        return "redirect:/me/apps";
    }
}
