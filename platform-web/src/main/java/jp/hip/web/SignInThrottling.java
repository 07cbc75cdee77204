package jp.hip.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import jp.hip.identity.throttling.Throttle;

/**
 * Growing delays for wrong passwords (ADR 0007, probe M3): by client address and by address and e-mail pair, never
 * by the account alone, so nobody can lock anybody out. While a delay runs, the attempt is not even checked and the
 * answer is one generic message, the same for an e-mail that exists and one that does not.
 */
final class SignInThrottling extends OncePerRequestFilter {

    static final String THROTTLED = "/login?error=throttled";

    private final Throttle throttle;

    SignInThrottling(Throttle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getRequestURI().substring(request.getContextPath().length())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (throttled(request)) {
            response.sendRedirect(request.getContextPath() + THROTTLED);
            return;
        }
        chain.doFilter(request, response);
    }

    boolean throttled(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return !throttle.waitFor(Throttle.SIGN_IN_ADDRESS, address).isZero()
                || !throttle.waitFor(Throttle.SIGN_IN_PAIR, Throttle.pair(address, request.getParameter("email"))).isZero();
    }

    /** A wrong e-mail or password: counts for the address and for the pair. */
    void failed(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        throttle.failed(Throttle.SIGN_IN_ADDRESS, address);
        throttle.failed(Throttle.SIGN_IN_PAIR, Throttle.pair(address, request.getParameter("email")));
    }

    /** The right password: the pair starts from zero (the address does not: one good account must not hide many bad tries). */
    void succeeded(HttpServletRequest request) {
        throttle.succeeded(Throttle.SIGN_IN_PAIR, Throttle.pair(request.getRemoteAddr(), request.getParameter("email")));
    }
}
