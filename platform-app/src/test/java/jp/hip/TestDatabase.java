package jp.hip;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one seam through which tests get PostgreSQL (conventions.md, Tests): the JDBC URL in
 * {@code HIP_TEST_DB_URL} when set (bin/test and CI set it to the machine's own PostgreSQL); otherwise a
 * Testcontainers PostgreSQL when a Docker engine answers; otherwise the tests fail, saying what to do.
 *
 * <p>A database whose name ends in {@code _test} is dropped and created afresh once per test JVM, so every
 * run starts from the real migrations on an empty schema.
 */
public final class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The application's role in tests: cluster-wide, shared by every test database (grants are per database). */
    public static final String APP_ROLE = "hip_app";

    private static String url;

    /** The owner's (superuser's) JDBC URL, with its credentials: for tests that must act as the owner. */
    public static String ownerUrl() {
        return url();
    }

    /**
     * Runs maintenance SQL (ANALYZE, VACUUM) as the owner role, as autovacuum would: the application's role owns no
     * table (ADR 0090), and PostgreSQL silently skips such maintenance for a caller that does not own the table.
     */
    public static void asOwner(String sql) {
        try (java.sql.Connection owner = java.sql.DriverManager.getConnection(ownerUrl());
                java.sql.Statement statement = owner.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + " as the owner failed", e);
        }
    }

    /** The JDBC URL without credentials: the application role's connections. */
    public static String appUrl(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        String kept = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(p -> !p.startsWith("user=") && !p.startsWith("password="))
                .collect(java.util.stream.Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }

    /** A credential of the owner's URL ("user", "password"). */
    public static String parameterOf(String name) {
        return parameter(url(), name);
    }

    /** The test database's name. */
    public static String databaseName() {
        String path = URI.create(url().substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    static String parameter(String jdbcUrl, String name) {
        var matcher = java.util.regex.Pattern.compile("[?&]" + name + "=([^&]*)").matcher(jdbcUrl);
        return matcher.find() ? java.net.URLDecoder.decode(matcher.group(1), java.nio.charset.StandardCharsets.UTF_8) : "";
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String jdbcUrl = url();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("hipTestDatabase", Map.of(
                // Flyway as the owner (the URL's superuser, who also creates the application role); the app as
                // APP_ROLE, which owns nothing and is subject to row-level security (ADR 0090)
                "spring.flyway.url", jdbcUrl,
                "spring.flyway.user", parameter(jdbcUrl, "user"),
                "spring.flyway.password", parameter(jdbcUrl, "password"),
                "spring.datasource.url", appUrl(jdbcUrl),
                "spring.datasource.username", APP_ROLE,
                "spring.datasource.password", "",
                // the tests' own SQL (on a thread with no authentication at all) sees every tenant's rows; requests,
                // anonymous ones included, never do (jp.hip.identity.database.TenantConnections, ADR 0090)
                "hip.db.scope-without-principal", "system",
                // tests send outbox mail explicitly (MailOutbox#deliverDue), never a background job of a cached context
                "hip.mail.poll-ms", "3600000")));
    }

    static synchronized String url() {
        if (url == null) {
            url = locate();
        }
        return url;
    }

    private static String locate() {
        String fromEnvironment = System.getenv("HIP_TEST_DB_URL");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            recreateIfTestDatabase(fromEnvironment);
            return fromEnvironment;
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            return container.getJdbcUrl() + "&user=" + container.getUsername() + "&password=" + container.getPassword();
        }
        throw new IllegalStateException("""
                No test database. Run the tests with bin/test (it starts the local PostgreSQL and sets HIP_TEST_DB_URL), \
                or set HIP_TEST_DB_URL yourself, e.g. jdbc:postgresql://127.0.0.1:5432/hip_test?user=postgres, \
                or start a Docker engine for Testcontainers.""");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** jdbc:postgresql://host:port/name?params → drop and create "name" from the postgres database. */
    private static void recreateIfTestDatabase(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String name = uri.getPath().substring(1);
        if (!name.endsWith("_test")) {
            return;
        }
        String admin = jdbcUrl.replaceFirst("/" + name + "(\\?|$)", "/postgres$1");
        try (Connection connection = DriverManager.getConnection(admin);
                var statement = connection.createStatement()) {
            statement.execute("drop database if exists \"" + name + "\" with (force)");
            statement.execute("create database \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the test database " + name + " at " + admin, e);
        }
    }
}
