package jp.hip.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * 監査ログ: appends who did what to which record, when (UTC) and from where. The table refuses updates and
 * deletes (a trigger), so the trail cannot be rewritten. The acting user comes from the security context,
 * the address from {@link Origin}, which the web and API layers bind for each request.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.json = JsonMapper.builder().build();
        this.clock = clock;
    }

    /** Records an action of the signed-in user (or API client) in its own tenant. */
    public void record(String action, String recordType, Object recordId, Map<String, ?> details) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String actorId = "system";
        String actorName = null;
        UUID tenantId = CurrentTenant.tenantId().orElse(null);
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            actorId = user.id().toString();
            actorName = user.displayName();
            tenantId = tenantId == null ? user.tenantId() : tenantId;
        } else if (authentication != null && authentication.isAuthenticated()) {
            actorId = authentication.getName();
        }
        recordFor(tenantId, actorId, actorName, action, recordType, recordId == null ? null : recordId.toString(), details);
    }

    /** Records an action for an explicitly named tenant and actor (sign-in events, system jobs). */
    public void recordFor(
            UUID tenantId, String actorId, String actorName, String action, String recordType, String recordId,
            Map<String, ?> details) {
        jdbc.sql("""
                insert into plat_audit_event
                    (tenant_id, occurred_at, actor_id, actor_name, action, record_type, record_id, remote_address, details)
                values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))
                """)
                .params(tenantId, Timestamp.from(clock.instant()), actorId, actorName, action, recordType, recordId,
                        Origin.current(), details == null ? null : json.writeValueAsString(details))
                .update();
    }

    /** The latest events of one tenant, newest first. */
    public List<AuditEntry> latestOf(UUID tenantId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from plat_audit_event where tenant_id = ? order by occurred_at desc, id desc limit ?")
                .params(tenantId, limit)
                .query(AuditLog::entry)
                .list();
    }

    /**
     * Every event about one record, oldest first, whichever tenant acted. Only for callers that have already checked
     * that their user may see the record's whole history (e.g. METI's audit trail of a declaration).
     */
    public List<AuditEntry> historyOf(String recordType, String recordId) {
        return jdbc.sql("select " + COLUMNS + " from plat_audit_event where record_type = ? and record_id = ? order by id")
                .params(recordType, recordId)
                .query(AuditLog::entry)
                .list();
    }

    private static final String COLUMNS =
            "occurred_at, actor_id, actor_name, action, record_type, record_id, remote_address, details::text";

    private static AuditEntry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
    }

    public record AuditEntry(
            Instant occurredAt, String actorId, String actorName, String action, String recordType, String recordId,
            String remoteAddress, String details) {}

    /** The client address of the request being served on this thread. */
    public static final class Origin {

        private static final ThreadLocal<String> ADDRESS = new ThreadLocal<>();

        private Origin() {}

        public static void bind(String address) {
            ADDRESS.set(address);
        }

        public static void clear() {
            ADDRESS.remove();
        }

        static String current() {
            return ADDRESS.get();
        }
    }
}
