package jp.hip.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the demo loaders run (they are ApplicationRunners: the server is already listening), every request gets a
 * short "demo data is being prepared" answer (503, Retry-After, a page that reloads itself) instead of a half-filled
 * demo. {@link ApplicationReadyEvent} comes after the last runner, so from then on requests pass through untouched.
 */
@Component
@Profile("demo")
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DemoLoadingFilter extends OncePerRequestFilter {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="ja"><head><meta charset="UTF-8"><meta http-equiv="refresh" content="5">
            <title>デモデータを準備しています | 健康経営プラットフォーム</title>
            <style>body{font-family:sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1a1a1c}
            progress{width:100%}</style></head>
            <body><h1>デモデータを準備しています</h1>
            <p>初回の起動では、健診データなどのデモデータを読み込むまで30秒ほどかかります。このページは5秒ごとに自動で更新されます。</p>
            <progress aria-label="準備中"></progress>
            <p lang="en">Loading the demo data (about half a minute on a new database). This page reloads itself.</p>
            </body></html>
            """;

    private volatile boolean ready;

    @EventListener(ApplicationReadyEvent.class)
    void demoDataLoaded() {
        ready = true;
    }

    boolean ready() {
        return ready;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ready;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "5");
        response.setHeader("Cache-Control", "no-store");
        String accept = request.getHeader("Accept");
        if (accept != null && !accept.contains("text/html") && (accept.contains("json"))) {
            response.setContentType("application/problem+json");
            response.getOutputStream().write("""
                    {"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Demo data is still loading; retry in a few seconds."}"""
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(PAGE.getBytes(StandardCharsets.UTF_8));
    }
}
