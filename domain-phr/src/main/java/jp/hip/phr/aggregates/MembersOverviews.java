package jp.hip.phr.aggregates;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.hip.identity.AuditLog;
import jp.hip.phr.Accessor;
import jp.hip.phr.DataCategory;
import jp.hip.phr.ObservationCode;
import jp.hip.phr.access.AccessJoin;
import jp.hip.phr.observations.CodeTable;
import jp.hip.phr.persons.PhrPersons;

/** The insurer's members overview (facade): counts over its members, never a person, small cells suppressed. */
@Service
public class MembersOverviews {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CodeTable codeTable;
    private final PhrPersons persons;

    MembersOverviews(JdbcClient jdbc, AuditLog audit, CodeTable codeTable, PhrPersons persons) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.codeTable = codeTable;
        this.persons = persons;
    }

    /** Cells under this many persons are not shown (NDB rule, ref-phr.md §5.2; product.md §6). */
    public static final int MIN_CELL = 10;

    /**
     * One checkup item (lab items grouped by their 同一性項目コード) over the members whose consent lets the insurer
     * read it: persons with a value in the 年度 (their latest), how many lie outside the 保健指導判定値, the mean.
     * {@code null} means suppressed (×): under {@link #MIN_CELL} persons, or an outside/inside split that would
     * show a group under that size.
     */
    public record ItemSummary(String group, String nameJa, String unit, Integer persons, Integer outside,
            BigDecimal mean, boolean judged) {
        public BigDecimal outsideShare() {
            return persons == null || outside == null || persons == 0 ? null
                    : BigDecimal.valueOf(outside * 100L).divide(BigDecimal.valueOf(persons), 1, java.math.RoundingMode.HALF_UP);
        }
    }

    /** The insurer's members overview for one 年度: counts only, never a person. */
    public record MembersOverview(int fiscalYear, long members, long consenting, Integer examined, List<ItemSummary> items) {}

    /**
     * Counts of the accessor's members for 年度 {@code fiscalYear} (April–March, Japan time). Only observations
     * the member's consent lets this tenant read count: the same consent join as every read, inside the query.
     * Logged in the audit log as one aggregate read (it names no person, so no person's access log gets a line).
     */
    public MembersOverview membersOverview(Accessor accessor, int fiscalYear) {
        accessor.requireTenant();
        java.time.ZoneId japan = java.time.ZoneId.of("Asia/Tokyo");
        Timestamp from = Timestamp.from(LocalDate.of(fiscalYear, 4, 1).atStartOfDay(japan).toInstant());
        Timestamp to = Timestamp.from(LocalDate.of(fiscalYear + 1, 4, 1).atStartOfDay(japan).toInstant());
        long members = persons.memberCount(accessor.tenantId());
        long consenting = jdbc.sql("""
                select count(distinct c.person_id) from phr_consent c
                  join phr_membership m on m.tenant_id = :accessor and m.person_id = c.person_id
                 where c.recipient_tenant_id = :accessor and c.data_category = 'CHECKUP' and c.superseded_at is null
                   and c.status = 'active' and c.decision = 'permit'
                   and c.period_start < cast(:to as timestamptz) and (c.period_end is null or c.period_end + 1 > cast(:from as timestamptz))""")
                .param("accessor", accessor.tenantId()).param("from", from).param("to", to).query(Long.class).single();
        Map<String, ObservationCode> byCode = new LinkedHashMap<>();
        codeTable.byKey().values().stream().filter(c -> c.dataCategory() == DataCategory.CHECKUP)
                .forEach(c -> byCode.putIfAbsent(c.identityCode() == null ? c.code() : c.identityCode(), c));
        record Latest(String group, String code, BigDecimal value) {}
        // The latest consented value per member and item group in the year; membership drives (timeline index).
        List<Latest> latest = jdbc.sql("""
                select distinct on (o.person_id, coalesce(o.identity_code, o.code))
                       coalesce(o.identity_code, o.code), o.code, o.value_num
                  from phr_observation o
                %s
                 where o.data_category = 'CHECKUP' and o.value_num is not null
                   and o.effective_start >= :from and o.effective_start < :to
                 order by o.person_id, coalesce(o.identity_code, o.code), o.effective_start desc""".formatted(AccessJoin.CONSENT))
                .param("accessor", accessor.tenantId()).param("from", from).param("to", to)
                .query((rs, n) -> new Latest(rs.getString(1), rs.getString(2), rs.getBigDecimal(3))).list();
        Integer examined = suppressed(jdbc.sql("""
                select count(distinct o.person_id) from phr_observation o
                %s
                 where o.data_category = 'CHECKUP' and o.effective_start >= :from and o.effective_start < :to""".formatted(AccessJoin.CONSENT))
                .param("accessor", accessor.tenantId()).param("from", from).param("to", to).query(Integer.class).single());
        Map<String, List<Latest>> byGroup = latest.stream().collect(Collectors.groupingBy(Latest::group));
        Map<String, ObservationCode> codes = codeTable.byKey().values().stream()
                .collect(Collectors.toMap(ObservationCode::code, c -> c, (a, b) -> a));
        List<ItemSummary> items = new ArrayList<>();
        for (Map.Entry<String, ObservationCode> item : byCode.entrySet()) {
            ObservationCode c = item.getValue();
            List<Latest> values = byGroup.getOrDefault(item.getKey(), List.of());
            boolean judged = c.refLow() != null || c.refHigh() != null;
            int persons = values.size();
            if (persons < MIN_CELL) {
                items.add(new ItemSummary(item.getKey(), c.nameJa(), c.unit(), persons == 0 ? 0 : null, null, null, judged));
                continue;
            }
            int outside = (int) values.stream().filter(v -> {
                ObservationCode own = codes.getOrDefault(v.code(), c);
                return own.outsideReference(v.value());
            }).count();
            // Complementary suppression: neither the outside nor the inside group may be under MIN_CELL persons.
            Integer shownOutside = !judged ? null : (outside < MIN_CELL || persons - outside < MIN_CELL) ? null : outside;
            BigDecimal mean = values.stream().map(Latest::value).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(persons), 1, java.math.RoundingMode.HALF_UP);
            items.add(new ItemSummary(item.getKey(), c.nameJa(), c.unit(), persons, shownOutside, mean, judged));
        }
        audit.record("PHR_MEMBERS_OVERVIEW_READ", "MembersOverview", String.valueOf(fiscalYear),
                Map.of("channel", accessor.channel().name(), "actor", accessor.actorName()));
        return new MembersOverview(fiscalYear, members, consenting, examined, items);
    }

    /** The 年度 in which the accessor may read any member's checkup values (consent applied), newest first. */
    public List<Integer> checkupYears(Accessor accessor) {
        accessor.requireTenant();
        return jdbc.sql("""
                select distinct cast(extract(year from (o.effective_start at time zone 'Asia/Tokyo') - interval '3 months') as int) as fy
                  from phr_observation o
                %s
                 where o.data_category = 'CHECKUP' order by fy desc""".formatted(AccessJoin.CONSENT))
                .param("accessor", accessor.tenantId()).query(Integer.class).list();
    }

    private static Integer suppressed(int count) {
        return count == 0 || count >= MIN_CELL ? count : null;
    }
}
