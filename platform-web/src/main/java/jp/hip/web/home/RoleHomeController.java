package jp.hip.web.home;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.hip.identity.IdentityManagement;
import jp.hip.identity.SignedInUser;

/** Each role's home page. Security ({@code WebSecurityConfiguration}) decides who reaches which. */
@Controller
class RoleHomeController {

    private final IdentityManagement identity;

    RoleHomeController(IdentityManagement identity) {
        this.identity = identity;
    }

    @GetMapping("/company")
    String company(@AuthenticationPrincipal SignedInUser me, Model model) {
        return page("home/company", me, model);
    }

    @GetMapping("/insurer")
    String insurer(@AuthenticationPrincipal SignedInUser me, Model model) {
        return page("home/insurer", me, model);
    }

    @GetMapping("/registry")
    String registry(@AuthenticationPrincipal SignedInUser me, Model model) {
        return page("home/registry", me, model);
    }

    @GetMapping("/association")
    String association(@AuthenticationPrincipal SignedInUser me, Model model) {
        return page("home/association", me, model);
    }

    @GetMapping("/me")
    String personal(@AuthenticationPrincipal SignedInUser me, Model model) {
        return page("home/personal", me, model);
    }

    private String page(String view, SignedInUser me, Model model) {
        model.addAttribute("tenant", identity.tenant(me.tenantId()).orElseThrow());
        model.addAttribute("fiscalYear", jp.hip.accounting.FiscalYear.current().startYear());
        return view;
    }
}
