package jp.hip.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import jp.hip.identity.apiclients.SmartAppDirectory;

/**
 * The pages of the SMART standalone patient launch (ADR 0033): the consent page the authorization server sends
 * the signed-in individual to (approve posts the chosen scopes back to /oauth2/authorize, deny posts none, which
 * the server answers with error=access_denied), and the page for users who may not authorise apps.
 */
@Controller
@RequestMapping("/smart")
class SmartConsentController {

    private final SmartAppDirectory apps;

    SmartConsentController(SmartAppDirectory apps) {
        this.apps = apps;
    }

    @GetMapping("/consent")
    String consent(@RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(required = false) String scope, @RequestParam(required = false) String state,
            Model model, HttpServletResponse response) {
        SmartAppDirectory.SmartApp app = apps.app(clientId).orElse(null);
        if (app == null || state == null || state.isBlank()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("unknown", true);
            return "smart/consent";
        }
        // only scopes the app is registered for are shown (the server refuses anything else anyway)
        List<String> asked = Arrays.asList(Objects.requireNonNullElse(scope, "").split(" "));
        List<String> requested = app.scopes().stream().filter(asked::contains).toList(); // in a fixed order
        model.addAttribute("app", app);
        model.addAttribute("scopes", requested);
        model.addAttribute("state", state);
        // the approval's redirect goes to the app: the form's CSP must allow that origin as a form target
        String origins = app.redirectUris().stream().map(SmartConsentController::origin).filter(Objects::nonNull)
                .distinct().reduce("", (a, b) -> a + " " + b);
        response.setHeader("Content-Security-Policy", WebSecurityConfiguration.CSP.replace("form-action 'self'", "form-action 'self'" + origins));
        return "smart/consent";
    }

    /** Where the sign-in success handler keeps the authorize request to continue with (ADR 0033). */
    static final String CONTINUE_ATTRIBUTE = "hip.smart.continue";

    /**
     * After sign-in for an app: a page that goes on to the saved authorize request by a Refresh header (with a link
     * as fallback). A new navigation, so the app's redirect that may follow is not held to the login form's CSP.
     */
    @GetMapping("/continue")
    String proceed(jakarta.servlet.http.HttpSession session, Model model, HttpServletResponse response) {
        Object target = session.getAttribute(CONTINUE_ATTRIBUTE);
        session.removeAttribute(CONTINUE_ATTRIBUTE);
        if (!(target instanceof String url)) {
            return "redirect:/home";
        }
        response.setHeader("Refresh", "0;url=" + url);
        model.addAttribute("target", url);
        return "smart/continue";
    }

    @GetMapping("/refused")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String refused() {
        return "smart/refused";
    }

    private static String origin(String uri) {
        try {
            URI parsed = new URI(uri);
            return parsed.getScheme() + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
