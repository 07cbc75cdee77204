package jp.hip.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import jp.hip.identity.SignedInUser;

/** The public front page, sign-in, and the hop from "/home" to the signed-in role's own home. */
@Controller
class HomeController {

    @GetMapping("/")
    String index() {
        return "index";
    }

    @GetMapping("/login")
    String login(@AuthenticationPrincipal SignedInUser user) {
        return user != null ? "redirect:/home" : "signin/login";
    }

    @GetMapping("/home")
    String home(@AuthenticationPrincipal SignedInUser user) {
        return "redirect:" + Navigation.homeOf(user);
    }
}
