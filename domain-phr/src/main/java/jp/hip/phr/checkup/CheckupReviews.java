package jp.hip.phr.checkup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.hip.identity.AuditLog;
import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.access.AccessLog;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * 要確認: a well-formed value outside the item's input range, or an answer outside its value set, is stored and
 * flagged, never refused (ADR 0040). The insurer looks at each flagged checkup and either confirms it as it stands
 * (this service: 確認済み, who and when, audited) or has the institution send a corrected file, which replaces the
 * result. The insurer reads its own members' 特定健診 on the statutory basis (法令, 高確法), logged per person.
 */
@Service
public class CheckupReviews {

    /** One flagged item: its name, the value as written and the message key of the reason. */
    public record Flagged(String code, String name, String value, String reason) {}

    /** A current checkup with flagged items not yet confirmed. */
    public record Pending(UUID checkupId, UUID personId, String nameKana, String card, LocalDate checkupDate,
            String institution, List<Flagged> items) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final AccessLog accessLog;
    private final JsonMapper json = JsonMapper.builder().build();

    CheckupReviews(JdbcClient jdbc, Clock clock, AuditLog audit, AccessLog accessLog) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.accessLog = accessLog;
    }

    /** The insurer's current checkups still waiting for 確認, oldest checkup first, at most {@code limit}. */
    public List<Pending> pending(Accessor accessor, int limit) {
        CheckupRecords.requireTenant(accessor);
        record Row(UUID id, UUID person, String kana, String card, LocalDate date, String institution, String review) {}
        List<Row> rows = jdbc.sql("""
                select c.id, c.person_id,
                       trim(coalesce(p.family_name_kana, p.family_name) || ' ' || coalesce(p.given_name_kana, p.given_name)),
                       concat_ws('・', m.insured_symbol, m.insured_number, m.branch_number),
                       c.checkup_date, coalesce(c.institution_name, c.institution_number), c.review::text
                  from phr_checkup c
                  join phr_person p on p.id = c.person_id
                  join phr_membership m on m.tenant_id = c.tenant_id and m.person_id = c.person_id and m.kind = 'INSURED'
                  join plat_tenant reader on reader.id = c.tenant_id and reader.kind = 'INSURER'
                 where c.tenant_id = :tenant and c.status = 'CURRENT' and c.reviewed_at is null
                   and jsonb_array_length(c.review) > 0
                 order by c.checkup_date, c.id
                 limit :limit""")
                .param("tenant", accessor.tenantId()).param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7)))
                .list();
        List<Pending> pending = new ArrayList<>();
        for (Row r : rows) {
            List<Map<String, Object>> flagged = json.readValue(r.review(), new TypeReference<List<Map<String, Object>>>() {});
            pending.add(new Pending(r.id(), r.person(), r.kana(), r.card(), r.date(), r.institution(), flagged.stream()
                    .map(f -> new Flagged(text(f.get("code")), text(f.get("name")), text(f.get("value")), text(f.get("reason"))))
                    .toList()));
            accessLog.logRead(accessor, r.person(), "CheckupReview.read", AccessBasis.STATUTE_INSURER,
                    List.of("Checkup/" + r.id()), List.of());
        }
        return pending;
    }

    /**
     * Confirms a flagged checkup as it stands. Another insurer's checkup, a superseded one or one without flagged
     * items is not found; one confirmed already is a conflict. Nothing else changes.
     */
    public void confirm(Accessor accessor, UUID checkupId) {
        CheckupRecords.requireTenant(accessor);
        var found = jdbc.sql("""
                select reviewed_at is not null from phr_checkup
                 where tenant_id = ? and id = ? and status = 'CURRENT' and jsonb_array_length(review) > 0""")
                .params(accessor.tenantId(), checkupId).query(Boolean.class).optional();
        if (found.isEmpty()) {
            throw PhrException.of(PhrException.Kind.NOT_FOUND, "phr.review.notFound");
        }
        int updated = jdbc.sql("""
                update phr_checkup set reviewed_at = ?, reviewed_by = ?
                 where tenant_id = ? and id = ? and reviewed_at is null""")
                .params(Timestamp.from(clock.instant()), accessor.actorName(), accessor.tenantId(), checkupId).update();
        if (updated == 0) {
            throw PhrException.of(PhrException.Kind.CONFLICT, "phr.review.already");
        }
        audit.record("PHR_CHECKUP_REVIEW_CONFIRMED", "Checkup", checkupId.toString(),
                Map.of("actor", accessor.actorName(), "channel", accessor.channel().name()));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
