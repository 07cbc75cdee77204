package jp.hip.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.TestDatabase;
import jp.hip.identity.CrossTenantScope;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;
import jp.hip.phr.DataCategory;
import jp.hip.phr.PhrFixture;

/**
 * Row-level security alone keeps tenants apart (issue 16, ADR 0090): these tests use plain SQL as the application's
 * role, so neither Hibernate's tenant filter nor any {@code where tenant_id = ?} of the application is there to help.
 */
@PlatformTest
class RowLevelSecurityTests {

    /**
     * Tables whose tenant column has another name and that are not under row-level security (ADR 0090): none since
     * V96. A new such table fails {@link #everyTableWithATenantIsUnderRowLevelSecurity} until it has its policies.
     */
    static final Set<String> OTHER_TENANT_COLUMNS_WITHOUT_RLS = Set.of();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Accounts accounts;

    @Autowired
    PhrFixture phr;

    @Test
    void everyTableWithATenantIsUnderRowLevelSecurity() {
        List<String> tables = jdbc.sql("""
                select c.relname from pg_class c
                 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
                   and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
                 order by 1""").query(String.class).list();
        assertThat(tables).contains("plat_user", "acc_measure", "gl_declaration", "phr_observation");
        List<String> unprotected = jdbc.sql("""
                select c.relname || case when not c.relrowsecurity then ' (RLS not enabled)'
                                         when not c.relforcerowsecurity then ' (RLS not forced)'
                                         else ' (no policy)' end
                  from pg_class c
                 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
                   and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
                   and (not c.relrowsecurity or not c.relforcerowsecurity
                        or not exists (select 1 from pg_policy p where p.polrelid = c.oid))
                 order by 1""").query(String.class).list();
        assertThat(unprotected).as("tables with a tenant_id but without forced row-level security and a policy").isEmpty();

        Set<String> otherColumns = new TreeSet<>(jdbc.sql("""
                select distinct c.relname from pg_class c join pg_attribute a on a.attrelid = c.oid and not a.attisdropped
                 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and a.attname like '%\\_tenant\\_id'
                   and (not c.relrowsecurity or not c.relforcerowsecurity
                        or not exists (select 1 from pg_policy p where p.polrelid = c.oid))""").query(String.class).list());
        assertThat(otherColumns).as("tables with another tenant column and no row-level security: the documented exceptions only")
                .isEqualTo(new TreeSet<>(OTHER_TENANT_COLUMNS_WITHOUT_RLS));
    }

    @Test
    void aTenantTableCreatedAfterV91GetsRowLevelSecurityFromTheAfterMigrateCallback() throws SQLException {
        // A module's migration numbered below V91 can run after it on an existing database (out-of-order): the
        // callback that runs after every migration must secure its table as V91 does, and leave secured ones alone.
        try (Connection owner = DriverManager.getConnection(TestDatabase.ownerUrl())) {
            owner.setAutoCommit(false);
            try (var statement = owner.createStatement()) {
                statement.execute("create table rls_late_table (id uuid primary key, tenant_id uuid not null)");
                DatabaseRoles.secureTenantTables(owner);
                try (var rows = statement.executeQuery("""
                        select c.relrowsecurity, c.relforcerowsecurity, (select count(*) from pg_policy p where p.polrelid = c.oid)
                          from pg_class c where c.relname = 'rls_late_table'""")) {
                    rows.next();
                    assertThat(rows.getBoolean(1)).as("enabled").isTrue();
                    assertThat(rows.getBoolean(2)).as("forced").isTrue();
                    assertThat(rows.getInt(3)).as("policies").isEqualTo(1);
                }
                DatabaseRoles.secureTenantTables(owner);
                try (var rows = statement.executeQuery(
                        "select count(*) from pg_policy p join pg_class c on c.oid = p.polrelid where c.relname = 'rls_late_table'")) {
                    rows.next();
                    assertThat(rows.getInt(1)).as("a second run adds nothing").isEqualTo(1);
                }
            } finally {
                owner.rollback();
            }
        }
    }

    @Test
    void asTenantAPlainSqlNeitherReadsNorChangesNorAddsTenantBsRows() throws SQLException {
        Accounts.Account a = accounts.withRole(Role.HR_STAFF);
        Accounts.Account b = accounts.withRole(Role.HR_STAFF);
        try (Connection connection = appConnection(a.tenantId().toString(), "")) {
            JdbcClient sql = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            assertThat(sql.sql("select count(*) from plat_user where id = ?").param(a.userId()).query(Integer.class).single()).isEqualTo(1);
            assertThat(sql.sql("select count(*) from plat_user where id = ?").param(b.userId()).query(Integer.class).single()).isZero();
            assertThat(sql.sql("select count(*) from plat_user where tenant_id <> ?").param(a.tenantId()).query(Integer.class).single()).isZero();
            assertThat(sql.sql("update plat_user set display_name = 'taken' where id = ?").param(b.userId()).update()).isZero();
            assertThat(sql.sql("delete from plat_role_membership where tenant_id = ?").param(b.tenantId()).update()).isZero();
            // moving one's own row to the other tenant, or writing a row for it, is refused
            assertThatThrownBy(() -> sql.sql("update plat_user set tenant_id = ? where id = ?").param(b.tenantId()).param(a.userId()).update())
                    .hasStackTraceContaining("row-level security");
            // B's user is invisible, so the trigger finds no tenant for the role: refused either way
            assertThatThrownBy(() -> sql.sql("insert into plat_role_membership (tenant_id, user_id, role) values (?, ?, 'TENANT_ADMIN')")
                    .param(b.tenantId()).param(b.userId()).update())
                    .isInstanceOf(org.springframework.dao.DataAccessException.class);
        }
        assertThat(jdbc.sql("select display_name from plat_user where id = ?").param(b.userId()).query(String.class).single())
                .isNotEqualTo("taken");
        assertThat(jdbc.sql("select count(*) from plat_role_membership where user_id = ? and role = 'TENANT_ADMIN'")
                .param(b.userId()).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from plat_role_membership where tenant_id = ?").param(b.tenantId())
                .query(Integer.class).single()).isPositive();
    }

    @Test
    void asTenantAEveryTenantTableShowsOnlyTenantAsRowsAndWithoutATenantNothing() throws SQLException {
        Accounts.Account a = accounts.withRole(Role.HR_STAFF);
        accounts.withRole(Role.INSURER_STAFF);
        List<String> tables = tenantTables();
        try (Connection tenantA = appConnection(a.tenantId().toString(), "");
                Connection nobody = appConnection("", "");
                Connection publicView = appConnection("", CrossTenantScope.PUBLIC.setting())) {
            for (String table : tables) {
                assertThat(count(tenantA, "select count(*) from " + table + " where tenant_id is distinct from '" + a.tenantId() + "'"))
                        .as("other tenants' rows of %s seen by tenant A", table).isZero();
                assertThat(count(nobody, "select count(*) from " + table)).as("rows of %s seen without a tenant", table).isZero();
                if (!table.startsWith("gl_")) {
                    assertThat(count(publicView, "select count(*) from " + table)).as("rows of %s seen by the public view", table).isZero();
                }
            }
        }
        assertThat(jdbc.sql("select count(distinct tenant_id) from plat_user").query(Integer.class).single())
                .as("the rows are there for the owner to see").isGreaterThan(1);
    }

    @Test
    void theApplicationsOwnConnectionsCarryTheTenantAndPlainJdbcCannotCross() {
        UUID a = accounts.tenant(TenantKind.COMPANY);
        Accounts.Account b = accounts.withRole(Role.HR_STAFF);
        assertThat(CurrentTenant.runAs(a, () -> jdbc.sql("select current_setting('hip.tenant_id')").query(String.class).single()))
                .isEqualTo(a.toString());
        assertThat(CurrentTenant.runAs(a, () -> jdbc.sql("select count(*) from plat_user where id = ?").param(b.userId())
                .query(Integer.class).single())).isZero();
        assertThat(CurrentTenant.runAsSystem(() -> jdbc.sql("select count(*) from plat_user where id = ?").param(b.userId())
                .query(Integer.class).single())).isEqualTo(1);
        assertThat(CurrentTenant.runInScope(CrossTenantScope.PUBLIC, "test", () -> jdbc.sql("select count(*) from plat_user")
                .query(Integer.class).single())).isZero();
    }

    @Test
    void thePublicViewOnlyReadsTheRegistry() throws SQLException {
        try (Connection publicView = appConnection("", CrossTenantScope.PUBLIC.setting())) {
            JdbcClient sql = JdbcClient.create(new SingleConnectionDataSource(publicView, true));
            assertThat(sql.sql("update gl_declaration set status = status").update()).isZero();
            assertThat(sql.sql("delete from gl_guideline").update()).isZero();
            assertThat(sql.sql("select count(*) from gl_review_comment").query(Integer.class).single()).isZero();
        }
    }

    @Test
    void phrPersonsConsentsEvidenceAndAccessLogAreKeptApartByRowLevelSecurityAlone() throws SQLException {
        // insurer A holds person a; insurer B and B's employee employer E hold person b, who consented to E
        UUID insurerA = phr.insurer();
        UUID insurerB = phr.insurer();
        PhrFixture.Member a = phr.member(insurerA);
        PhrFixture.Member b = phr.member(insurerB);
        UUID employer = phr.employerOf(b);
        UUID consent = phr.consent(b, employer, DataCategory.LIFELOG);
        jdbc.sql("""
                insert into phr_consent_evidence (consent_id, consent_version, person_id, recorder_tenant_id, recorder_id,
                    title, media_type, size_bytes, sha256, content) values (?, 1, ?, ?, 'staff', '同意書', 'application/pdf', 1, 'x', ?)""")
                .params(consent, b.personId(), insurerB, new byte[] {1}).update();
        for (UUID[] line : new UUID[][] {{a.personId(), insurerA}, {b.personId(), insurerB}}) {
            jdbc.sql("insert into phr_access_log (person_id, accessor_tenant_id, accessor_id, channel, action, basis) "
                    + "values (?, ?, 'staff', 'PAGE', 'read', 'SUPPLIER')").params(line[0], line[1]).update();
        }
        String aboutB = " where person_id = '" + b.personId() + "'";
        try (Connection asA = appConnection(insurerA.toString(), "")) {
            JdbcClient sql = JdbcClient.create(new SingleConnectionDataSource(asA, true));
            assertThat(count(asA, "select count(*) from phr_person where id = '" + a.personId() + "'")).as("its own member").isEqualTo(1);
            assertThat(count(asA, "select count(*) from phr_person where id = '" + b.personId() + "'")).as("another's member").isZero();
            for (String table : List.of("phr_consent", "phr_consent_evidence", "phr_access_log")) {
                assertThat(count(asA, "select count(*) from " + table + aboutB)).as("%s about B's member, seen by A", table).isZero();
            }
            assertThat(count(asA, "select count(*) from phr_access_log where accessor_tenant_id <> '" + insurerA + "'")).isZero();
            assertThat(sql.sql("update phr_person set family_name = 'taken' where id = ?").param(b.personId()).update()).isZero();
            assertThat(sql.sql("update phr_consent set status = 'inactive'" + aboutB).update()).isZero();
            assertThat(sql.sql("delete from phr_person where id = ?").param(a.personId()).update()).as("erasure is the system's").isZero();
            assertThatThrownBy(() -> sql.sql("""
                    insert into phr_consent (id, version, person_id, recipient_tenant_id, data_category, decision, status,
                        period_start, recorded_by) values (?, 1, ?, ?, 'CHECKUP', 'permit', 'active', '2000-01-01', 'forged')""")
                    .params(UUID.randomUUID(), b.personId(), insurerA).update()).hasStackTraceContaining("row-level security");
            assertThatThrownBy(() -> sql.sql("""
                    insert into phr_access_log (person_id, accessor_tenant_id, accessor_id, channel, action)
                    values (?, ?, 'forged', 'PAGE', 'read')""").params(a.personId(), insurerB).update())
                    .hasStackTraceContaining("row-level security");
            assertThatThrownBy(() -> sql.sql("""
                    insert into phr_person (id, family_name, given_name, personal_tenant_id) values (?, '偽', '名', ?)""")
                    .params(UUID.randomUUID(), b.personalTenantId()).update()).hasStackTraceContaining("row-level security");
            // a holder never links a person to itself (which would make it 本人 to every holder's records)
            assertThatThrownBy(() -> sql.sql("update phr_person set personal_tenant_id = ? where id = ?")
                    .params(insurerA, a.personId()).update()).hasStackTraceContaining("only in the system scope");
        }
        try (Connection self = appConnection(b.personalTenantId().toString(), "");
                Connection recipient = appConnection(employer.toString(), "")) {
            assertThat(count(self, "select count(*) from phr_person")).as("本人 sees their own person only").isEqualTo(1);
            assertThat(count(self, "select count(*) from phr_consent" + aboutB)).isEqualTo(1);
            assertThat(count(self, "select count(*) from phr_consent_evidence" + aboutB)).isEqualTo(1);
            assertThat(count(self, "select count(*) from phr_access_log" + aboutB)).isEqualTo(1);
            assertThat(count(self, "select count(*) from phr_access_log where person_id <> '" + b.personId() + "'")).isZero();
            assertThat(count(recipient, "select count(*) from phr_person where id = '" + b.personId() + "'")).as("a co-holder").isEqualTo(1);
            assertThat(count(recipient, "select count(*) from phr_consent_evidence" + aboutB)).as("the consent's recipient").isEqualTo(1);
            assertThat(count(recipient, "select count(*) from phr_access_log" + aboutB)).as("another holder's reads").isZero();
        }
        try (Connection nobody = appConnection("", ""); Connection publicView = appConnection("", CrossTenantScope.PUBLIC.setting())) {
            for (String table : List.of("phr_person", "phr_consent", "phr_consent_evidence", "phr_access_log")) {
                assertThat(count(nobody, "select count(*) from " + table)).as("%s without a tenant", table).isZero();
                assertThat(count(publicView, "select count(*) from " + table)).as("%s in the public view", table).isZero();
            }
        }
        assertThat(jdbc.sql("select family_name from phr_person where id = ?").param(b.personId()).query(String.class).single())
                .isNotEqualTo("taken");
    }

    private List<String> tenantTables() {
        return jdbc.sql("""
                select c.relname from pg_class c
                 where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
                   and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
                 order by 1""").query(String.class).list();
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** A plain connection as the application's role with the two settings as given. */
    static Connection appConnection(String tenant, String scope) throws SQLException {
        String url = TestDatabase.appUrl(TestDatabase.ownerUrl());
        Connection connection = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "user=" + TestDatabase.APP_ROLE);
        try (var statement = connection.prepareStatement("select set_config('hip.tenant_id', ?, false), set_config('hip.scope', ?, false)")) {
            statement.setString(1, tenant);
            statement.setString(2, scope);
            statement.execute();
        }
        return connection;
    }
}
