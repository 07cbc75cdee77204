package jp.hip.database;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jp.hip.identity.CurrentTenant;

/**
 * Marks each request's thread (ADR 0090), so that a database connection taken while serving a request never gets the
 * test harness's scope ({@code hip.db.scope-without-principal}), even before the security context is loaded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestMarkFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (CurrentTenant.RequestMark mark = CurrentTenant.requestStarted()) {
            chain.doFilter(request, response);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
