package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import jp.hip.identity.Role;

/** Boots the whole platform on a real port and signs in over HTTP, as a browser would. */
// Plain http here, so the session cookie may not be Secure (SecurityHeadersTests checks the production flags).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "server.servlet.session.cookie.secure=false")
@ContextConfiguration(initializers = TestDatabase.class)
class SmokeTests {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Test
    void signsInAndSeesTheRoleHomeInJapanese() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);

        HttpResponse<String> login = http.send(get("/login"), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("ログイン");
        assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith("SESSION=").contains("HttpOnly").contains("SameSite=Lax"));

        String form = "email=" + encode(hr.email()) + "&password=" + encode(Accounts.PASSWORD) + "&_csrf=" + encode(csrf(login.body()));
        HttpResponse<String> home = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.uri().getPath()).isEqualTo("/company");
        assertThat(home.body()).contains("健康経営ホーム").contains("テスト 利用者");
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = http.send(get("/actuator/health"), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** A forged Host or X-Forwarded-Host never reaches a link: the OAuth issuer (and every URL) keeps the public base. */
    @Test
    void aForgedHostOverRealHttpDoesNotChangeTheIssuer() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /.well-known/oauth-authorization-server HTTP/1.1\r\nHost: evil.example\r\n"
                    + "X-Forwarded-Host: evil2.example\r\nX-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.9\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"issuer\":\"http://localhost:" + port + "\"")
                    .doesNotContain("evil");
        }
    }

    /** X-Forwarded-For from a peer that is not a configured proxy is ignored: the audit log keeps the real address. */
    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerIsNotTheClientAddress() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        HttpResponse<String> login = http.send(get("/login"), HttpResponse.BodyHandlers.ofString());
        String form = "email=" + encode(hr.email()) + "&password=" + encode("wrong-password-123") + "&_csrf=" + encode(csrf(login.body()));
        http.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", "203.0.113.9")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        java.util.List<String> addresses = jdbc.sql("select remote_address from plat_audit_event where action = 'SIGN_IN_FAILED' and actor_name = ?")
                .param(hr.email()).query(String.class).list();
        assertThat(addresses).isNotEmpty().allSatisfy(a -> assertThat(a).isNotEqualTo("203.0.113.9").isIn("127.0.0.1", "0:0:0:0:0:0:0:1"));
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET().build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String csrf(String html) {
        Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("the page has a CSRF token").isTrue();
        return matcher.group(1);
    }
}
