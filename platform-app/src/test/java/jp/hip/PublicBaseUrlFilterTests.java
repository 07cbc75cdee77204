package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The configured public base URL, not Host or X-Forwarded-*, is what the app sees and builds links from. */
class PublicBaseUrlFilterTests {

    private HttpServletRequest through(String publicUrl, MockHttpServletRequest request) throws Exception {
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        new PublicBaseUrlFilter(publicUrl).doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set((HttpServletRequest) req));
        return seen.get();
    }

    private static MockHttpServletRequest forged() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/guidelines/HG-0001");
        request.setServerName("evil.example");
        request.addHeader("Host", "evil.example");
        request.addHeader("X-Forwarded-Host", "evil2.example");
        request.addHeader("X-Forwarded-Proto", "http");
        request.addHeader("Forwarded", "host=evil3.example");
        request.setLocalPort(8080);
        return request;
    }

    @Test
    void aForgedHostOrForwardedHeaderNeverReachesALink() throws Exception {
        HttpServletRequest seen = through("https://hip.example.jp", forged());
        assertThat(seen.getRequestURL().toString()).isEqualTo("https://hip.example.jp/guidelines/HG-0001");
        assertThat(seen.getHeader("Host")).isEqualTo("hip.example.jp");
        assertThat(seen.isSecure()).isTrue();
        assertThat(seen.getHeader("X-Forwarded-Host")).isNull();
        assertThat(seen.getHeader("Forwarded")).isNull();
        assertThat(Collections.list(seen.getHeaderNames())).noneMatch(h -> h.toLowerCase().contains("forwarded"));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(seen));
        try {
            assertThat(ServletUriComponentsBuilder.fromCurrentContextPath().toUriString()).isEqualTo("https://hip.example.jp");
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void withAPortTheLinksKeepIt() throws Exception {
        assertThat(through("http://hip.internal:8443", forged()).getRequestURL().toString())
                .isEqualTo("http://hip.internal:8443/guidelines/HG-0001");
    }

    @Test
    void unsetItIsLocalhostOnTheConnectionsPortNotTheHostHeader() throws Exception {
        HttpServletRequest seen = through("", forged());
        assertThat(seen.getRequestURL().toString()).isEqualTo("http://localhost:8080/guidelines/HG-0001");
        assertThat(seen.getServerName()).isEqualTo("localhost");
    }

    @Test
    void aPublicUrlWithAPathOrWithoutAHostIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new PublicBaseUrlFilter("https://hip.example.jp/app")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PublicBaseUrlFilter("ftp://hip.example.jp")).isInstanceOf(IllegalStateException.class);
    }
}
