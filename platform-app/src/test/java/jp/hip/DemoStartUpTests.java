package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import jp.hip.demo.DemoData;

/**
 * The README's run command as production runs it (issue 16): the application's main class in its own JVM with the
 * demo profile, on a new, empty database, migrations by the owner and the app as {@code hip_app} under row-level
 * security, and none of the test harness's settings (no {@code hip.db.scope-without-principal}): every demo loader
 * must complete in its own explicit scope, or the node exits. Then the public register answers, every loader's
 * rows are there, and the insurer's demo user signs in with the README's password and TOTP secret.
 */
class DemoStartUpTests {

    static final String INSURER_STAFF = "kenpo@sakura-kenpo.example";

    @Test
    void theDemoStartsOnAFreshDatabaseAsInProductionAndADemoUserSignsInWithTheReadmesTotp() throws Exception {
        String name = TestDatabase.databaseName().replaceFirst("_test$", "") + "_startup_test";
        String admin = TestDatabase.ownerUrl().replaceFirst("/" + TestDatabase.databaseName() + "(\\?|$)", "/postgres$1");
        String owner = TestDatabase.ownerUrl().replaceFirst("/" + TestDatabase.databaseName() + "(\\?|$)", "/" + name + "$1");
        execute(admin, "drop database if exists \"" + name + "\" with (force)", "create database \"" + name + "\"");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", "demo-start-up.log");
        Files.createDirectories(log.getParent());
        // the application's classes and dependencies, without the tests' own classes (no test bean is scanned)
        String classPath = java.util.Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(java.io.File.pathSeparator)).filter(entry -> !entry.replaceAll("[/\\\\]$", "").endsWith("test-classes"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-cp", classPath, "jp.hip.HipApplication",
                "--spring.profiles.active=demo", "--server.port=" + port,
                "--spring.datasource.url=" + TestDatabase.appUrl(owner), "--spring.datasource.username=" + TestDatabase.APP_ROLE,
                "--spring.datasource.password=", "--spring.flyway.url=" + owner,
                "--spring.flyway.user=" + TestDatabase.parameterOf("user"),
                "--spring.flyway.password=" + TestDatabase.parameterOf("password"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("HIP_") || k.startsWith("SPRING_"));
        Process node = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            awaitDemoLoaded(node, http, base, log);

            try (Connection db = DriverManager.getConnection(owner)) {
                assertThat(count(db, "select count(*) from plat_tenant where name in ('" + String.join("','",
                        List.of(DemoData.OPERATOR, DemoData.COMPANY, DemoData.INSURER, DemoData.ASSOCIATION, DemoData.METI)) + "')"))
                        .as("the demo tenants").isEqualTo(5);
                assertThat(count(db, "select count(*) from gl_declaration")).as("guideline declarations").isPositive();
                assertThat(count(db, "select count(*) from phr_person")).as("PHR persons").isPositive();
                assertThat(count(db, "select count(*) from phr_observation")).as("PHR observations").isPositive();
                assertThat(count(db, "select count(*) from collabo_link")).as("collabo links").isPositive();
                assertThat(count(db, "select count(*) from acc_measure")).as("accounting measures").isPositive();
                assertThat(count(db, "select count(*) from oauth2_registered_client")).as("API clients and the SMART app").isPositive();
                assertThat(count(db, "select count(*) from plat_user where totp_secret like 'v1:%'"))
                        .as("the demo users' TOTP secrets, sealed (ADR 0091)").isGreaterThanOrEqualTo(DemoData.TOTP_SECRETS.size());
                assertThat(count(db, "select count(*) from plat_user where totp_secret like 'HIPDEMO%'"))
                        .as("TOTP secrets in clear").isZero();
            }
            assertThat(get(http, base + "/guidelines").statusCode()).isEqualTo(200);

            HttpResponse<String> signIn = post(http, base + "/login", csrf(get(http, base + "/login").body()),
                    "email", INSURER_STAFF, "password", DemoData.PASSWORD);
            assertThat(signIn.headers().firstValue("Location").orElse("")).as(signIn.body()).endsWith("/login/second-factor");
            HttpResponse<String> code = post(http, base + "/login/second-factor", csrf(get(http, base + "/login/second-factor").body()),
                    "code", Accounts.code(DemoData.TOTP_SECRETS.get(INSURER_STAFF)));
            assertThat(code.headers().firstValue("Location").orElse("")).as("the README's TOTP secret").endsWith("/home");
            String roleHome = URI.create(get(http, base + "/home").headers().firstValue("Location").orElse("/home")).getPath();
            assertThat(roleHome).as("the insurer's own home").isNotIn("/home", "/login", "/login/second-factor");
            HttpResponse<String> home = get(http, base + roleHome);
            assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        } finally {
            node.destroy();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor();
            }
            execute(admin, "drop database if exists \"" + name + "\" with (force)");
        }
    }

    /** The demo filter answers 503 until the last loader (an ApplicationRunner) has run; a failing loader ends the JVM. */
    private static void awaitDemoLoaded(Process node, HttpClient http, String base, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(node.isAlive()).as("the node exited while starting or loading the demo; see %s", log.toAbsolutePath()).isTrue();
            try {
                if (get(http, base + "/guidelines/about").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the demo was not loaded within 300 s; see " + log.toAbsolutePath());
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String csrf, String... fields) throws Exception {
        StringBuilder form = new StringBuilder("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        for (int i = 0; i < fields.length; i += 2) {
            form.append('&').append(fields[i]).append('=').append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher matcher = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
        assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
        return matcher.group(1);
    }

    private static int count(Connection db, String sql) throws SQLException {
        try (var statement = db.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
