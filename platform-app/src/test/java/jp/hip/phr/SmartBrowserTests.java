package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import com.sun.net.httpserver.HttpServer;

import jp.hip.Accounts;
import jp.hip.BrowserTests;
import jp.hip.api.SmartApps;
import jp.hip.identity.Role;

/**
 * Chromium through the SMART standalone launch (ADR 0033): the app's redirect URI is a small HTTP server on the
 * loopback address, so the browser really follows the redirects (and the pages' CSP) to the app.
 */
class SmartBrowserTests extends BrowserTests {

    @Autowired PhrFixture fixture;
    @Autowired Accounts accounts;
    @Autowired SmartApps apps;

    HttpServer app;
    final LinkedBlockingQueue<String> callbacks = new LinkedBlockingQueue<>();

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.stop(0);
        }
    }

    @Test
    void anIndividualAuthorisesAnAppInTheBrowserAndTheAppGetsAPatientToken() throws Exception {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/callback", exchange -> {
            callbacks.add(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
            byte[] body = "<html><body><p id=\"app\">app received</p></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        String redirect = "http://127.0.0.1:" + app.getAddress().getPort() + "/callback";
        String clientId = "browser-app-" + UUID.randomUUID();
        apps.register(clientId, "歩数記録アプリ", List.of(redirect), SmartApps.SCOPES);

        PhrFixture.Member person = fixture.member(fixture.insurer());
        Accounts.Account individual = accounts.user(person.personalTenantId(), Role.INDIVIDUAL);

        SmartLaunchTests.Pkce pkce = SmartLaunchTests.Pkce.create();
        String authorize = "/oauth2/authorize?response_type=code&client_id=" + SmartLaunchTests.enc(clientId)
                + "&redirect_uri=" + SmartLaunchTests.enc(redirect)
                + "&scope=" + SmartLaunchTests.enc("launch/patient patient/Observation.rs patient/Observation.c")
                + "&state=b1&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
        open(authorize);
        assertThat(browser.getCurrentUrl()).contains("/login");
        browser.findElement(By.id("email")).sendKeys(individual.email());
        browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();

        // wait for the consent page itself: reading h1 at once can catch the sign-in page as it goes (stale element)
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h1"), "アプリへの許可"));
        assertThat(text("h1")).isEqualTo("アプリへの許可");
        assertThat(text("#app-name")).contains("歩数記録アプリ");
        assertThat(text("#approve-form")).contains("ライフログ（歩数、体重など）を新しく記録する");
        screenshot("smart-consent");
        find("#approve").click();

        String query = callbacks.poll(10, TimeUnit.SECONDS);
        assertThat(query).as("the app's redirect URI was reached").isNotNull().contains("state=b1").contains("code=");
        assertThat(text("#app")).isEqualTo("app received");
        String code = SmartLaunchTests.query(URI.create("http://x/?" + query)).get("code");
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + SmartLaunchTests.enc(code)
                        + "&redirect_uri=" + SmartLaunchTests.enc(redirect) + "&client_id=" + SmartLaunchTests.enc(clientId)
                        + "&code_verifier=" + pkce.verifier())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(SmartLaunchTests.field(token.body(), "patient")).isEqualTo(person.personId().toString());

        // signed out and back: the stored approval sends the browser from the sign-in straight to the app
        open("/me");
        signOut();
        open(authorize.replace("state=b1", "state=b2"));
        browser.findElement(By.id("email")).sendKeys(individual.email());
        browser.findElement(By.id("password")).sendKeys(Accounts.PASSWORD);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        String second = callbacks.poll(10, TimeUnit.SECONDS);
        assertThat(second).as("the app's redirect URI was reached after sign-in").isNotNull().contains("state=b2").contains("code=");

        // the individual sees the app and withdraws it
        open("/me/apps");
        assertThat(text("#apps")).contains("歩数記録アプリ");
        find("#apps button").click();
        waitFor(ExpectedConditions.alertIsPresent()).accept(); // the confirmation before an irreversible step
        assertThat(text("[role=status]")).contains("アプリへの許可を取り消しました");
        assertThat(browser.findElements(By.id("apps"))).isEmpty();
    }
}
