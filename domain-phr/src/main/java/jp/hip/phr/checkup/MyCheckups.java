package jp.hip.phr.checkup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.access.Individuals;
import jp.hip.phr.checkup.file.CheckupItem;
import jp.hip.phr.checkup.file.CheckupItemTable;

/**
 * The individual's own checkups (their /me/records page): per checkup the measured values, the 問診 answers and
 * the judgements (メタボリックシンドローム判定, 保健指導レベル, 医師の判断) side by side, decoded into Japanese.
 * The individual reads only their own person; the read is logged.
 */
@Service
public class MyCheckups {

    /**
     * One item as the person reads it. {@code flag} is the file's interpretation (H/L) where given; {@code nameEn} and
     * {@code valueEn} are for the English pages, null where there is no translation (free text, an unlisted item).
     */
    public record Item(String code, String name, String value, String flag, String nameEn, String valueEn) {

        /** The name in the page's language (English where translated). */
        public String name(boolean english) {
            return english && nameEn != null ? nameEn : name;
        }

        public String value(boolean english) {
            return english && valueEn != null ? valueEn : value;
        }
    }

    public record Checkup(LocalDate date, String institution, String programType, int version, List<Item> values,
            List<Item> questionnaire, List<Item> judgements) {}

    private final JdbcClient jdbc;
    private final Individuals individuals;
    private final AccessLog accessLog;
    private final Map<String, Integer> order = new HashMap<>();

    MyCheckups(JdbcClient jdbc, Individuals individuals, AccessLog accessLog) {
        this.jdbc = jdbc;
        this.individuals = individuals;
        this.accessLog = accessLog;
        List<CheckupItem> items = CheckupItemTable.standard().items();
        for (int i = 0; i < items.size(); i++) {
            order.put(items.get(i).code(), i);
        }
    }

    public List<Checkup> mine(Accessor individual, int limit) {
        UUID person = individuals.myPerson(individual);
        record Head(UUID id, LocalDate date, String institution, String program, int version) {}
        List<Head> heads = jdbc.sql("""
                select id, checkup_date, institution_name, program_type, version from phr_checkup
                 where person_id = ? and status = 'CURRENT' order by checkup_date desc limit ?""")
                .params(person, limit)
                .query((rs, n) -> new Head(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getString(4), rs.getInt(5)))
                .list();
        if (heads.isEmpty()) {
            return List.of();
        }
        record Row(UUID checkup, String code, Item item) {}
        CheckupItemTable table = CheckupItemTable.standard();
        List<Row> rows = jdbc.sql("""
                select o.checkup_id, o.code, o.value_num, o.unit,
                       coalesce(o.resource -> 'valueCodeableConcept' ->> 'text', o.resource ->> 'valueString',
                                o.resource -> 'dataAbsentReason' ->> 'text'),
                       o.resource -> 'interpretation' -> 0 -> 'coding' -> 0 ->> 'code',
                       o.resource -> 'valueCodeableConcept' -> 'coding' -> 0 ->> 'system',
                       o.resource -> 'valueCodeableConcept' -> 'coding' -> 0 ->> 'code'
                  from phr_observation o where o.person_id = ? and o.checkup_id = any(?)""")
                .params(person, heads.stream().map(Head::id).toArray(UUID[]::new))
                .query((rs, n) -> {
                    String code = rs.getString(2);
                    BigDecimal number = rs.getBigDecimal(3);
                    String unit = rs.getString(4);
                    String shown;
                    String shownEn;
                    if (number != null) {
                        String plain = number.stripTrailingZeros().toPlainString();
                        shown = plain + (unit == null ? "" : " " + jp.hip.phr.DisplayUnits.label(unit));
                        shownEn = plain + (unit == null ? "" : " " + jp.hip.phr.DisplayUnits.label(unit, java.util.Locale.ENGLISH));
                    } else {
                        shown = rs.getString(5);
                        String system = rs.getString(7);
                        shownEn = system == null ? null : table.answerLabelEn(system.replaceFirst("^urn:oid:", ""), rs.getString(8)).orElse(null);
                    }
                    return new Row(rs.getObject(1, UUID.class), code,
                            new Item(code, table.nameOf(code), shown, rs.getString(6), table.nameEn(code).orElse(null), shownEn));
                })
                .list();
        List<Checkup> checkups = new ArrayList<>();
        for (Head h : heads) {
            List<Item> values = new ArrayList<>();
            List<Item> questionnaire = new ArrayList<>();
            List<Item> judgements = new ArrayList<>();
            rows.stream().filter(r -> r.checkup().equals(h.id()))
                    .sorted(Comparator.comparingInt(r -> order.getOrDefault(r.code(), Integer.MAX_VALUE)))
                    .forEach(r -> {
                        String group = table.item(r.code()).map(CheckupItem::group).orElse("その他");
                        (group.equals("問診") ? questionnaire : group.equals("判定") ? judgements : values).add(r.item());
                    });
            checkups.add(new Checkup(h.date(), h.institution(), h.program(), h.version(), values, questionnaire, judgements));
        }
        accessLog.logRead(individual, person, "Checkups.read", AccessBasis.SELF, List.of("Checkup (" + checkups.size() + ")"), List.of(),
                new AccessLog.Items(checkups.stream().map(c -> c.institution() == null ? "特定健診" : c.institution()).distinct().toList(),
                        List.of(), checkups.size(), checkups.stream().map(Checkup::date).min(java.util.Comparator.naturalOrder()).orElse(null),
                        checkups.stream().map(Checkup::date).max(java.util.Comparator.naturalOrder()).orElse(null)));
        return checkups;
    }
}
