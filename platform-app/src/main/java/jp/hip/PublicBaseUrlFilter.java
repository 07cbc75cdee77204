package jp.hip;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every absolute link the app builds (permalinks, QR codes, logo and API links, the OAuth issuer and its endpoints,
 * FHIR and SMART URLs, invitation links) comes from one setting, {@code hip.public-url} ({@code HIP_PUBLIC_URL}),
 * never from the request's {@code Host} header. This filter, first of all, presents every request to the rest of
 * the app as addressed to that URL: scheme, host, port, {@code getRequestURL()} and the {@code Host} header, and it
 * hides {@code Forwarded} / {@code X-Forwarded-*} headers, so nothing downstream can be steered by them.
 *
 * <p>Client addresses behind a proxy are Tomcat's business ({@code server.forward-headers-strategy: native}): its
 * RemoteIpValve honours {@code X-Forwarded-For} only from {@code server.tomcat.remoteip.internal-proxies}
 * ({@code HIP_TRUSTED_PROXIES}, empty by default: no proxy trusted).
 *
 * <p>Unset (local runs and tests), the base is {@code http(s)://localhost:<the port the connection arrived on>}
 * (https when the connection is secure): still nothing taken from the request's headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PublicBaseUrlFilter extends OncePerRequestFilter {

    private static final List<String> FORWARDING = List.of("forwarded", "x-forwarded-host", "x-forwarded-proto",
            "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-server", "x-forwarded-ssl", "x-forwarded-for");

    private final URI configured;

    PublicBaseUrlFilter(@Value("${hip.public-url:}") String publicUrl) {
        this.configured = parse(publicUrl);
    }

    static URI parse(String publicUrl) {
        if (publicUrl == null || publicUrl.isBlank()) {
            return null;
        }
        URI uri = URI.create(publicUrl.strip());
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalStateException("HIP_PUBLIC_URL must be like https://hip.example.jp (scheme and host, "
                    + "optionally a port, no path): " + publicUrl);
        }
        return uri;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Unset: localhost on the connection's own port and scheme (TLS at the connector, or a trusted proxy's
        // X-Forwarded-Proto through the RemoteIpValve), never the request's headers.
        URI base = configured != null ? configured
                : URI.create((request.isSecure() ? "https" : "http") + "://localhost:" + request.getLocalPort());
        chain.doFilter(new PublicRequest(request, base), response);
    }

    /** The request as addressed to the public base URL. */
    static final class PublicRequest extends HttpServletRequestWrapper {

        private final String scheme;
        private final String host;
        private final int port;

        PublicRequest(HttpServletRequest request, URI base) {
            super(request);
            this.scheme = base.getScheme();
            this.host = base.getHost();
            this.port = base.getPort() > 0 ? base.getPort() : ("https".equals(scheme) ? 443 : 80);
        }

        private boolean defaultPort() {
            return ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        }

        private String authority() {
            return defaultPort() ? host : host + ":" + port;
        }

        @Override public String getScheme() { return scheme; }
        @Override public String getServerName() { return host; }
        @Override public int getServerPort() { return port; }
        @Override public boolean isSecure() { return "https".equals(scheme); }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(scheme).append("://").append(authority()).append(getRequestURI());
        }

        @Override
        public String getHeader(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("host")) {
                return authority();
            }
            return FORWARDING.contains(n) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String value = getHeader(name);
            if (name.equalsIgnoreCase("host")) {
                return Collections.enumeration(List.of(value));
            }
            return value == null ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(h -> !FORWARDING.contains(h.toLowerCase(Locale.ROOT))).toList());
        }
    }
}
