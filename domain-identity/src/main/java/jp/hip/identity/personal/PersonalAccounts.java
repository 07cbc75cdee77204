package jp.hip.identity.personal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.hip.identity.AuditLog;
import jp.hip.identity.IdentityException;
import jp.hip.identity.TenantKind;

/**
 * The individual's own account (a PERSONAL tenant and its user). Closed when the person asks for deletion (issue 17
 * item 4, ADR 0041): the user, their sessions, second factor and the SMART apps they authorised go for real; the
 * tenant row stays (the access log and audit trail name it) with its name, which was the person's, replaced.
 */
@Service
public class PersonalAccounts {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    PersonalAccounts(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Closes the PERSONAL tenant's account inside the caller's transaction; any other kind of tenant is refused. */
    public void close(UUID personalTenantId) {
        String kind = jdbc.sql("select kind from plat_tenant where id = ?").param(personalTenantId).query(String.class)
                .optional().orElseThrow(() -> new IdentityException("identity.tenant.notFound"));
        if (!TenantKind.PERSONAL.name().equals(kind)) {
            throw new IdentityException("identity.tenant.notPersonal");
        }
        record User(UUID id, String email) {}
        List<User> users = jdbc.sql("select id, email from plat_user where tenant_id = ?").param(personalTenantId)
                .query((rs, n) -> new User(rs.getObject(1, UUID.class), rs.getString(2))).list();
        for (User user : users) {
            // SMART apps the person authorised (principal = user id) and every signed-in session (principal = e-mail)
            jdbc.sql("delete from oauth2_authorization_consent where principal_name = ?").param(user.id().toString()).update();
            jdbc.sql("delete from oauth2_authorization where principal_name = ?").param(user.id().toString()).update();
            jdbc.sql("delete from spring_session where principal_name = ?").param(user.email()).update();
        }
        jdbc.sql("delete from plat_user where tenant_id = ?").param(personalTenantId).update();
        jdbc.sql("update plat_tenant set active = false, name = ? where id = ?")
                .params("削除済みの利用者 " + personalTenantId, personalTenantId).update();
        audit.record("PERSONAL_ACCOUNT_CLOSED", "Tenant", personalTenantId, Map.of("users", users.size()));
    }
}
