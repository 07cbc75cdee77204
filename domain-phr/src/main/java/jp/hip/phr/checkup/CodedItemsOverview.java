package jp.hip.phr.checkup;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.hip.identity.AuditLog;
import jp.hip.phr.Accessor;
import jp.hip.phr.access.AccessJoin;
import jp.hip.phr.aggregates.MembersOverviews;
import jp.hip.phr.checkup.file.CheckupItem;
import jp.hip.phr.checkup.file.CheckupItemTable;

/**
 * The coded items of the members overview (counts only, like the numeric items): for the 年度, how many members
 * whose records the insurer may read (its own 特定健診 by law, others by consent: the one access join) gave each answer of 保健指導レベル, メタボリックシンドローム判定, 服薬, 喫煙, 飲酒, 運動, 睡眠 and 尿 (their
 * latest answer in the year). Cells under {@link MembersOverviews#MIN_CELL} persons are suppressed (null, shown ×);
 * where one cell of an item is suppressed, the next smallest is too, so it cannot be worked out from the total.
 */
@Service
public class CodedItemsOverview {

    /** The items summarised, in display order. */
    public static final List<String> ITEMS = List.of(GuidanceLevel.LEVEL_CODE, GuidanceLevel.METABOLIC_CODE,
            "9N701000000000011", "9N706000000000011", "9N711000000000011", "9N736000000000011", "9N786000000000011",
            "9N746000000000011", "9N796000000000011", "1A010000000191111", "1A020000000191111");

    public record Answer(String label, Integer persons) {}

    public record Item(String code, String name, Integer persons, List<Answer> answers) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;

    CodedItemsOverview(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Item> overview(Accessor accessor, int fiscalYear) {
        CheckupRecords.requireTenant(accessor);
        ZoneId japan = ZoneId.of("Asia/Tokyo");
        Timestamp from = Timestamp.from(LocalDate.of(fiscalYear, 4, 1).atStartOfDay(japan).toInstant());
        Timestamp to = Timestamp.from(LocalDate.of(fiscalYear + 1, 4, 1).atStartOfDay(japan).toInstant());
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        jdbc.sql("""
                select code, value_code, count(*) from (
                  select distinct on (o.person_id, o.code) o.code, o.value_code
                    from phr_observation o
                    %s
                   where o.data_category = 'CHECKUP' and o.code = any(:codes) and o.value_code is not null
                     and o.effective_start >= :from and o.effective_start < :to
                   order by o.person_id, o.code, o.effective_start desc) latest
                 group by code, value_code""".formatted(AccessJoin.JOIN))
                .param("accessor", accessor.tenantId()).param("codes", ITEMS.toArray(String[]::new))
                .param("from", from).param("to", to)
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
                });
        CheckupItemTable table = CheckupItemTable.standard();
        List<Item> items = new ArrayList<>();
        for (String code : ITEMS) {
            CheckupItem item = table.item(code).orElseThrow();
            Map<String, Integer> byAnswer = counts.getOrDefault(code, Map.of());
            int total = byAnswer.values().stream().mapToInt(Integer::intValue).sum();
            List<String> keys = new ArrayList<>(table.answers(item.valueSetOid()).keySet());
            List<Integer> shown = new ArrayList<>();
            for (String k : keys) {
                shown.add(cell(byAnswer.getOrDefault(k, 0)));
            }
            // complementary suppression: a single hidden cell could be worked out from the total and the others
            if (shown.stream().filter(n -> n == null).count() == 1) {
                int smallest = -1;
                for (int i = 0; i < keys.size(); i++) {
                    Integer n = shown.get(i);
                    if (n != null && n > 0 && (smallest < 0 || n < shown.get(smallest))) {
                        smallest = i;
                    }
                }
                if (smallest >= 0) {
                    shown.set(smallest, null);
                }
            }
            List<Answer> answers = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                answers.add(new Answer(table.answers(item.valueSetOid()).get(keys.get(i)), total < MembersOverviews.MIN_CELL ? null : shown.get(i)));
            }
            items.add(new Item(code, item.nameJa(), cell(total), answers));
        }
        audit.record("PHR_CODED_OVERVIEW_READ", "MembersOverview", String.valueOf(fiscalYear),
                Map.of("channel", accessor.channel().name(), "actor", accessor.actorName()));
        return items;
    }

    private static Integer cell(int count) {
        return count == 0 || count >= MembersOverviews.MIN_CELL ? count : null;
    }
}
