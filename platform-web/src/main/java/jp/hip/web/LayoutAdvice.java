package jp.hip.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import jp.hip.identity.SignedInUser;

/**
 * What the layout needs on every page: who is signed in, their navigation, the current path. The error pages
 * (Boot's error controller, on the error dispatch) get the same, so a signed-in user keeps the menu there.
 */
@ControllerAdvice(basePackages = "jp.hip.web", assignableTypes = org.springframework.boot.webmvc.error.ErrorController.class)
class LayoutAdvice {

    @ModelAttribute("me")
    SignedInUser me(@AuthenticationPrincipal SignedInUser user) {
        return user;
    }

    @ModelAttribute("navigation")
    List<Navigation.Item> navigation(@AuthenticationPrincipal SignedInUser user) {
        boolean pending = jp.hip.web.signin.SecondFactorGate.isPending(
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication());
        return user == null || pending ? List.of() : Navigation.itemsFor(user);
    }

    /** The address the visitor used to reach us, for links shown to be copied (invitations). */
    @ModelAttribute("baseUrl")
    String baseUrl() {
        return org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
