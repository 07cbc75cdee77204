package jp.hip.database;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Bad input "a database role with too many rights" (issue 16, ADR 0090): at start-up, after the migrations, the
 * application checks the role it connects as and refuses to start, naming the right, when that role is a superuser,
 * has {@code BYPASSRLS}, owns a table (directly or through a role it belongs to), or may switch to a role that is a
 * superuser or has {@code BYPASSRLS}. Each of these would switch row-level security off for the application.
 */
@Component
@DependsOnDatabaseInitialization
public class DatabaseRoleCheck implements InitializingBean {

    private final JdbcClient jdbc;

    DatabaseRoleCheck(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public void afterPropertiesSet() {
        List<String> rights = tooManyRights(jdbc);
        if (!rights.isEmpty()) {
            String role = jdbc.sql("select current_user").query(String.class).single();
            throw new IllegalStateException("The application's database role \"" + role + "\" has too many rights: "
                    + String.join("; ", rights) + ". The application must connect as a role that is no superuser, has no "
                    + "BYPASSRLS and owns no table, so that row-level security holds (ADR 0090): set HIP_DB_USER / "
                    + "HIP_DB_PASSWORD to such a role and HIP_DB_OWNER_USER / HIP_DB_OWNER_PASSWORD to the owner that runs "
                    + "the migrations (README, Configuration).");
        }
    }

    /** Each right, in words; empty when the role is fit to run the application. */
    public static List<String> tooManyRights(JdbcClient jdbc) {
        List<String> rights = new ArrayList<>();
        var role = jdbc.sql("select rolsuper, rolbypassrls from pg_roles where rolname = current_user")
                .query((rows, n) -> new boolean[] {rows.getBoolean(1), rows.getBoolean(2)}).single();
        if (role[0]) {
            rights.add("it is a superuser (SUPERUSER)");
        }
        if (role[1]) {
            rights.add("it bypasses row-level security (BYPASSRLS)");
        }
        List<String> viaRoles = jdbc.sql("""
                select r.rolname || case when r.rolsuper then ' (SUPERUSER)' else ' (BYPASSRLS)' end from pg_roles r
                 where (r.rolsuper or r.rolbypassrls) and r.rolname <> current_user
                   and pg_has_role(current_user, r.oid, 'MEMBER') order by r.rolname""").query(String.class).list();
        if (!viaRoles.isEmpty()) {
            rights.add("it may act as " + String.join(", ", viaRoles));
        }
        List<String> owned = jdbc.sql("""
                select c.relname from pg_class c
                 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S')
                   and pg_has_role(current_user, c.relowner, 'USAGE') order by c.relname limit 6""").query(String.class).list();
        if (!owned.isEmpty()) {
            rights.add("it owns tables (OWNER of " + String.join(", ", owned.subList(0, Math.min(5, owned.size())))
                    + (owned.size() > 5 ? ", …" : "") + ")");
        }
        return rights;
    }
}
