package jp.hip.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The two database roles (ADR 0090). Flyway connects as the owner role ({@code spring.flyway.user},
 * {@code HIP_DB_OWNER_USER}), which owns every table; the application connects as the application role
 * ({@code spring.datasource.username}, {@code HIP_DB_USER}), which owns nothing, is no superuser and has no
 * {@code BYPASSRLS}, so row-level security holds for it ({@link DatabaseRoleCheck} refuses anything else).
 *
 * <p>After every migration this callback, on the owner's connection: creates the application role when it is
 * missing and the owner may create roles (the role is cluster-wide and shared by every database of the server, so
 * creating it twice at once is harmless), and grants it data rights (select, insert, update, delete; sequences)
 * on every table of the schema, so tables added by any later migration are covered. Never ownership, never DDL.
 * Nothing happens when both credentials name the same role: the start-up check then refuses to start.
 */
@Component
class DatabaseRoles implements Callback {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoles.class);
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Duplicate role (42710) or the catalogue's unique index (23505) when two servers create it at once. */
    private static final java.util.Set<String> ALREADY_THERE = java.util.Set.of("42710", "23505");

    private final String appRole;
    private final String appPassword;

    DatabaseRoles(@Value("${spring.datasource.username:}") String appRole,
            @Value("${spring.datasource.password:}") String appPassword) {
        this.appRole = appRole;
        this.appPassword = appPassword;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public String getCallbackName() {
        return "hip-database-roles";
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            prepare(context.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the application's database role \"" + appRole
                    + "\" (HIP_DB_USER) as the owner role (HIP_DB_OWNER_USER): SQL state " + e.getSQLState(), e);
        }
    }

    void prepare(Connection owner) throws SQLException {
        if (appRole.isBlank()) {
            return;
        }
        if (!ROLE_NAME.matcher(appRole).matches()) {
            throw new IllegalStateException("The application's database role \"" + appRole
                    + "\" (HIP_DB_USER) must be a plain lower-case name (letters, digits, underscore)");
        }
        String ownerRole = single(owner, "select current_user");
        if (ownerRole.equals(appRole)) {
            log.warn("Flyway and the application use the same database role \"{}\"; the start-up check will refuse it", appRole);
            return;
        }
        if (single(owner, "select count(*) from pg_roles where rolname = '" + appRole + "'").equals("0")) {
            create(owner);
        }
        try (Statement statement = owner.createStatement()) {
            statement.execute("grant connect on database \"" + single(owner, "select current_database()") + "\" to " + appRole);
            statement.execute("grant usage on schema public to " + appRole);
            statement.execute("grant select, insert, update, delete on all tables in schema public to " + appRole);
            statement.execute("grant usage, select on all sequences in schema public to " + appRole);
            statement.execute("revoke all on table flyway_schema_history from " + appRole);
        }
        secureTenantTables(owner);
    }

    /**
     * Row-level security on every table with a {@code tenant_id} that does not have it yet, with the default policy
     * of V91. V91 covers the tables that exist when it runs; migrations of a module's own number range can run after
     * it (Flyway's out-of-order, ADR 0090), so the same rule is applied after every migration. Idempotent.
     */
    static void secureTenantTables(Connection owner) throws SQLException {
        java.util.List<String> unsecured = new java.util.ArrayList<>();
        try (Statement statement = owner.createStatement(); var rows = statement.executeQuery("""
                select c.relname from pg_class c
                  join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
                 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
                   and not (c.relrowsecurity and c.relforcerowsecurity and exists (select 1 from pg_policy p where p.polrelid = c.oid))
                 order by c.relname""")) {
            while (rows.next()) {
                unsecured.add(rows.getString(1));
            }
        }
        try (Statement statement = owner.createStatement()) {
            for (String table : unsecured) {
                String name = "\"" + table.replace("\"", "\"\"") + "\"";
                statement.execute("alter table " + name + " enable row level security");
                statement.execute("alter table " + name + " force row level security");
                if (single(owner, "select count(*) from pg_policy where polrelid = 'public." + name.replace("'", "''") + "'::regclass").equals("0")) {
                    statement.execute("create policy hip_tenant_rows on " + name + " using (tenant_id = hip_tenant() or hip_scope() = 'system') "
                            + "with check (tenant_id = hip_tenant() or hip_scope() = 'system')");
                }
                log.info("Row-level security enabled on {} (a table created after V91)", table);
            }
        }
    }

    private void create(Connection owner) throws SQLException {
        boolean mayCreate = single(owner, "select rolsuper or rolcreaterole from pg_roles where rolname = current_user").equals("t");
        if (!mayCreate) {
            throw new IllegalStateException("The application's database role \"" + appRole + "\" (HIP_DB_USER) does not exist "
                    + "and the owner role may not create roles: create it (login, no superuser, no BYPASSRLS, owning nothing)");
        }
        String password = appPassword.isEmpty() ? "" : " password '" + appPassword.replace("'", "''") + "'";
        java.sql.Savepoint savepoint = owner.getAutoCommit() ? null : owner.setSavepoint();
        try (Statement statement = owner.createStatement()) {
            statement.execute("create role " + appRole + " login nosuperuser nocreatedb nocreaterole nobypassrls" + password);
            log.info("Created the application's database role \"{}\"", appRole);
        } catch (SQLException e) {
            if (!ALREADY_THERE.contains(e.getSQLState())) {
                throw e;
            }
            if (savepoint != null) {
                owner.rollback(savepoint);
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
