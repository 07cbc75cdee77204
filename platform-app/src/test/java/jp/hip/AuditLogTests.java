package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.AuditLog;
import jp.hip.identity.Role;

/** 監査ログ: sign-ins are recorded with who, when and from where, and the trail cannot be rewritten. */
@PlatformTest
class AuditLogTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void recordsASignInWithActorTimeAndAddress() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        Accounts.signIn(mvc, hr.email());
        var entries = audit.latestOf(hr.tenantId(), 10);
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("SIGN_IN");
            assertThat(e.actorId()).isEqualTo(hr.userId().toString());
            assertThat(e.remoteAddress()).isEqualTo("127.0.0.1");
            assertThat(e.occurredAt()).isNotNull();
        });
    }

    @Test
    void tenantAdministratorReadsOnlyTheOwnTenantsTrail() throws Exception {
        Accounts.Account adminA = accounts.user(accounts.tenant(jp.hip.identity.TenantKind.INSURER), Role.INSURER_STAFF, Role.TENANT_ADMIN);
        Accounts.Account userB = accounts.withRole(Role.INSURER_STAFF);
        Accounts.signIn(mvc, userB.email());
        var session = Accounts.signIn(mvc, adminA.email());
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/tenant/audit").cookie(session))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("操作履歴").contains("ログイン").contains(adminA.userId().toString())
                .doesNotContain(userB.userId().toString());
    }

    @Test
    void refusesUpdatesAndDeletes() {
        audit.recordFor(null, "system", null, "TEST_EVENT", "Test", "1", null);
        assertThatThrownBy(() -> jdbc.sql("update plat_audit_event set action = 'CHANGED' where action = 'TEST_EVENT'").update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from plat_audit_event where action = 'TEST_EVENT'").update())
                .rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from plat_audit_event where action = 'TEST_EVENT'").query(Integer.class).single())
                .isPositive();
    }
}
