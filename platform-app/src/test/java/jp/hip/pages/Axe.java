package jp.hip.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque, MPL-2.0), the npm package as Maven Central serves it (the WebJar org.webjars.npm:axe-core;
 * test scope only, so a fresh clone needs nothing but Maven), injected into the page open in Chromium. WebDriver runs the script through the
 * DevTools protocol, so the page's strict CSP does not apply to it and the app needs no change (ADR 0101).
 */
final class Axe {

    /** The version in platform-app/pom.xml; the jar holds the package under this path. */
    static final String VERSION = "4.6.3";
    private static final String SOURCE = load("META-INF/resources/webjars/axe-core/" + VERSION + "/axe.min.js");

    private Axe() {
    }

    /**
     * Runs every axe rule of WCAG 2.x A/AA and axe's best practices on the document and returns the violations of
     * impact serious or critical, one line each: rule, impact, help text and up to five offending elements.
     */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        js.executeScript(SOURCE);
        return (List<String>) js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                window.axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                    .map(function (v) {
                      return v.id + ' (' + v.impact + '): ' + v.help + ' → ' + v.nodes.slice(0, 5).map(function (n) {
                        return n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ']';
                      }).join(' | ');
                    }));
                }, function (e) { done(['axe did not run: ' + e]); });
                """);
    }

    private static String load(String path) {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test class path (org.webjars.npm:axe-core " + VERSION + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
