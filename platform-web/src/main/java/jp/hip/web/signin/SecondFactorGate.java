package jp.hip.web.signin;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import jp.hip.identity.SignedInUser;

/**
 * Between password and second factor (ADR 0008). A right password for a user who needs a code leaves only a
 * "pending" authentication whose one authority is {@value #PENDING}: no role page lets it in, and this filter sends
 * every other request to the code page (or the enrolment page) until the code is given; then the user's real
 * authorities take its place under a new session id.
 */
public final class SecondFactorGate extends OncePerRequestFilter {

    public static final String PENDING = "SECOND_FACTOR_PENDING";
    public static final String CODE_PAGE = "/login/second-factor";
    public static final String ENROL_PAGE = "/login/second-factor/enrol";
    /** Where to go after the code (the role home or a SMART authorize request), kept in the session. */
    static final String TARGET = SecondFactorGate.class.getName() + ".target";

    private static final List<String> OPEN = List.of(CODE_PAGE, ENROL_PAGE, "/login/second-factor/recovery-codes", "/logout",
            "/error", "/favicon.ico");
    private static final List<String> OPEN_PREFIXES = List.of("/css/", "/js/", "/images/");
    private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

    public static boolean isPending(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream().anyMatch(a -> PENDING.equals(a.getAuthority()));
    }

    /** After the right password: only the pending authority until the code is given. */
    public static void holdForCode(SignedInUser user, String target, HttpServletRequest request, HttpServletResponse response) {
        request.getSession().setAttribute(TARGET, target);
        store(new UsernamePasswordAuthenticationToken(user, null, List.of(new SimpleGrantedAuthority(PENDING))), request, response);
    }

    /** After the right code: the user's own authorities, a new session id, and the way on. */
    static String release(SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
        String target = (String) request.getSession().getAttribute(TARGET);
        request.getSession().removeAttribute(TARGET);
        request.changeSessionId();
        store(new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities()), request, response);
        return target == null ? "/home" : target;
    }

    private static void store(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        CONTEXTS.saveContext(context, request, response);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isPending(SecurityContextHolder.getContext().getAuthentication())) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!OPEN.contains(path) && OPEN_PREFIXES.stream().noneMatch(path::startsWith)) {
                response.sendRedirect(request.getContextPath() + CODE_PAGE);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
