package jp.hip.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import jp.hip.HipApplication;
import jp.hip.PlatformTest;
import jp.hip.TestDatabase;

/**
 * Bad input "a database role with too many rights" (issue 16, ADR 0090): the application's role is checked at
 * start-up and each excess right is named. The roles made here are cluster-wide, so their names carry this test
 * database's name and they are dropped again.
 */
@PlatformTest
class DatabaseRoleCheckTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theApplicationRunsAsARoleWithNoExcessRight() {
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo(TestDatabase.APP_ROLE);
        assertThat(DatabaseRoleCheck.tooManyRights(jdbc)).isEmpty();
        assertThat(jdbc.sql("select count(*) from pg_class where relnamespace = 'public'::regnamespace "
                + "and pg_get_userbyid(relowner) = current_user").query(Integer.class).single()).isZero();
    }

    @Test
    void aSuperuserIsNamed() throws SQLException {
        asOwner(null, rights -> assertThat(rights).anySatisfy(r -> assertThat(r).contains("superuser (SUPERUSER)")));
    }

    @Test
    void bypassRlsIsNamed() throws SQLException {
        withRole("nobypass", "nologin bypassrls", null, rights -> assertThat(rights)
                .containsExactly("it bypasses row-level security (BYPASSRLS)"));
    }

    @Test
    void owningATableIsNamed() throws SQLException {
        withRole("owner", "nologin", "alter table plat_tenant owner to %s", rights -> assertThat(rights)
                .containsExactly("it owns tables (OWNER of plat_tenant)"));
    }

    @Test
    void mayBecomeASuperuserIsNamed() throws SQLException {
        String owner = TestDatabase.parameterOf("user");
        withRole("member", "nologin", "grant " + owner + " to %s", rights -> assertThat(rights)
                .anySatisfy(r -> assertThat(r).startsWith("it may act as ").contains(owner + " (SUPERUSER)")));
    }

    @Test
    void theApplicationRefusesToStartAsASuperuserAndSaysWhichRight() {
        String url = TestDatabase.ownerUrl();
        assertThatThrownBy(() -> new SpringApplicationBuilder(HipApplication.class)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=", "--spring.datasource.password=",
                        "--spring.flyway.url=" + url, "--spring.flyway.user=", "--server.port=0", "--hip.mail.poll-ms=3600000")
                .close())
                .hasStackTraceContaining("The application's database role \"" + TestDatabase.parameterOf("user")
                        + "\" has too many rights: it is a superuser (SUPERUSER)");
    }

    private static void asOwner(String setRole, Consumer<List<String>> check) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.ownerUrl())) {
            connection.setAutoCommit(false);
            try {
                if (setRole != null) {
                    connection.createStatement().execute("set local role " + setRole);
                }
                check.accept(DatabaseRoleCheck.tooManyRights(JdbcClient.create(new SingleConnectionDataSource(connection, true))));
            } finally {
                connection.rollback();
            }
        }
    }

    /** A role made for one check, in a transaction rolled back afterwards (roles are transactional in PostgreSQL). */
    private static void withRole(String suffix, String options, String grant, Consumer<List<String>> check) throws SQLException {
        String role = "hip_check_" + suffix + "_" + TestDatabase.databaseName();
        try (Connection connection = DriverManager.getConnection(TestDatabase.ownerUrl())) {
            connection.setAutoCommit(false);
            try {
                connection.createStatement().execute("create role " + role + " " + options);
                if (grant != null) {
                    connection.createStatement().execute(grant.formatted(role));
                }
                connection.createStatement().execute("set local role " + role);
                check.accept(DatabaseRoleCheck.tooManyRights(JdbcClient.create(new SingleConnectionDataSource(connection, true))));
            } finally {
                connection.rollback();
            }
        }
    }
}
