package jp.hip.phr.checkup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.hip.identity.AuditLog;
import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.checkup.file.CheckupItemTable;

/**
 * The 特定保健指導 対象者 list of a 年度 (April–March): the members whose latest checkup of the year reports
 * 保健指導レベル 積極的支援 or 動機付け支援 (9N506), with their age at the end of the 年度 (the age rule of the
 * 特定健康診査及び特定保健指導の実施に関する基準), 服薬 and the items behind the level (腹囲, BMI, 血圧, 中性脂肪, HDL,
 * 血糖/HbA1c, 喫煙). The insurer reads its own members' 特定健診 records on the statutory basis (法令,
 * 高確法 第24条: 特定保健指導 is the insurer's duty; ADR 0036), so no consent is needed; every person listed is written
 * to the access log with that basis.
 */
@Service
public class GuidanceTargets {

    /** One person on the list. Values are shown as written ("92 cm", "はい"); null where the file has none. */
    public record Target(UUID checkupId, UUID personId, String nameKana, String card, String gender, Integer age,
            LocalDate checkupDate, String level, String levelLabel, String metabolicLabel, String bloodPressureDrug,
            String glucoseDrug, String lipidDrug, String waist, String bmi, String bloodPressure, String triglycerides,
            String hdl, String glucose, String hba1c, String smoking) {}

    private static final Map<String, String> ITEMS_BY_PREFIX = Map.ofEntries(Map.entry("9N016", "waist"),
            Map.entry("9N011", "bmi"), Map.entry("9A751", "sbp"), Map.entry("9A752", "sbp2"), Map.entry("9A755", "sbp3"),
            Map.entry("9A761", "dbp"), Map.entry("9A762", "dbp2"), Map.entry("9A765", "dbp3"), Map.entry("3F015", "tg"),
            Map.entry("3F070", "hdl"), Map.entry("3D010", "glucose"), Map.entry("3D046", "hba1c"), Map.entry("9N736", "smoking"),
            Map.entry("9N701", "drugBp"), Map.entry("9N706", "drugGlucose"), Map.entry("9N711", "drugLipid"));

    private final JdbcClient jdbc;
    private final AccessLog accessLog;
    private final AuditLog audit;

    GuidanceTargets(JdbcClient jdbc, AccessLog accessLog, AuditLog audit) {
        this.jdbc = jdbc;
        this.accessLog = accessLog;
        this.audit = audit;
    }

    public List<Target> list(Accessor accessor, int fiscalYear) {
        CheckupRecords.requireTenant(accessor);
        LocalDate from = LocalDate.of(fiscalYear, 4, 1);
        LocalDate to = LocalDate.of(fiscalYear + 1, 3, 31);
        record Head(UUID checkup, UUID person, String kana, String card, String gender, LocalDate birth, LocalDate date,
                String level, String metabolic) {}
        List<Head> heads = jdbc.sql("""
                select * from (
                  select distinct on (c.person_id) c.id, c.person_id,
                         trim(coalesce(p.family_name_kana, p.family_name) || ' ' || coalesce(p.given_name_kana, p.given_name)) as kana,
                         concat_ws('・', m.insured_symbol, m.insured_number, m.branch_number) as card, p.gender, p.birth_date,
                         c.checkup_date, c.guidance_level, c.metabolic
                    from phr_checkup c
                    join phr_person p on p.id = c.person_id
                    join phr_membership m on m.tenant_id = c.tenant_id and m.person_id = c.person_id
                    join plat_tenant reader on reader.id = c.tenant_id and reader.kind = 'INSURER'
                   where c.tenant_id = :tenant and m.kind = 'INSURED' and c.status = 'CURRENT' and c.checkup_date between :from and :to
                   order by c.person_id, c.checkup_date desc, c.received_at desc) latest
                 where guidance_level in ('1', '2')
                 order by guidance_level, kana""")
                .param("tenant", accessor.tenantId()).param("from", from).param("to", to)
                .query((rs, n) -> new Head(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
                        rs.getString(8), rs.getString(9)))
                .list();
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, String>> values = new HashMap<>();
        jdbc.sql("""
                select checkup_id, code, value_num, unit, resource -> 'valueCodeableConcept' ->> 'text'
                  from phr_observation where checkup_id = any(:ids) and identity_code = any(:prefixes)""")
                .param("ids", heads.stream().map(Head::checkup).toArray(UUID[]::new))
                .param("prefixes", ITEMS_BY_PREFIX.keySet().toArray(String[]::new))
                .query(rs -> {
                    String key = ITEMS_BY_PREFIX.get(rs.getString(2).substring(0, 5));
                    BigDecimal number = rs.getBigDecimal(3);
                    String shown = number != null ? number.stripTrailingZeros().toPlainString() : rs.getString(5);
                    values.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>()).put(key, shown);
                });
        CheckupItemTable table = CheckupItemTable.standard();
        List<Target> targets = new ArrayList<>();
        for (Head h : heads) {
            Map<String, String> v = values.getOrDefault(h.checkup(), Map.of());
            String sbp = first(v, "sbp", "sbp2", "sbp3");
            String dbp = first(v, "dbp", "dbp2", "dbp3");
            targets.add(new Target(h.checkup(), h.person(), h.kana(), h.card(), h.gender(),
                    h.birth() == null ? null : Period.between(h.birth(), to).getYears(), h.date(), h.level(),
                    table.answerLabel("1.2.392.200119.6.3001", h.level()).orElse(h.level()),
                    h.metabolic() == null ? null : table.answerLabel("1.2.392.200119.6.1008", h.metabolic()).orElse(h.metabolic()),
                    v.get("drugBp"), v.get("drugGlucose"), v.get("drugLipid"), v.get("waist"), v.get("bmi"),
                    sbp == null && dbp == null ? null : (sbp == null ? "－" : sbp) + "/" + (dbp == null ? "－" : dbp),
                    v.get("tg"), v.get("hdl"), v.get("glucose"), v.get("hba1c"), v.get("smoking")));
        }
        for (Target t : targets) {
            accessLog.logRead(accessor, t.personId(), "GuidanceTargets.read", AccessBasis.STATUTE_INSURER,
                    List.of("Checkup/" + t.checkupId()), List.of());
        }
        audit.record("PHR_GUIDANCE_TARGETS_READ", "GuidanceTargets", String.valueOf(fiscalYear),
                Map.of("persons", targets.size(), "channel", accessor.channel().name(), "actor", accessor.actorName()));
        return targets;
    }

    private static String first(Map<String, String> v, String... keys) {
        for (String k : keys) {
            if (v.get(k) != null) {
                return v.get(k);
            }
        }
        return null;
    }

    /** The list as CSV for Excel ({@link jp.hip.identity.ExcelCsv}), one row per person, the columns of the page. */
    public byte[] csv(Accessor accessor, int fiscalYear) {
        List<Target> targets = list(accessor.via(Accessor.Channel.EXPORT), fiscalYear);
        List<List<String>> csv = new java.util.ArrayList<>();
        csv.add(List.of("保健指導レベル", "氏名カナ", "記号・番号・枝番", "性別", "年度末年齢", "健診実施日", "メタボリックシンドローム判定",
                "服薬(血圧)", "服薬(血糖)", "服薬(脂質)", "腹囲(cm)", "BMI", "血圧(mmHg)", "中性脂肪(mg/dL)", "HDL(mg/dL)", "血糖(mg/dL)",
                "HbA1c(%)", "喫煙"));
        for (Target t : targets) {
            csv.add(List.of(t.levelLabel(), t.nameKana(), t.card(),
                    "male".equals(t.gender()) ? "男" : "female".equals(t.gender()) ? "女" : "", t.age() == null ? "" : t.age().toString(),
                    t.checkupDate().toString(), n(t.metabolicLabel()), n(t.bloodPressureDrug()), n(t.glucoseDrug()),
                    n(t.lipidDrug()), n(t.waist()), n(t.bmi()), n(t.bloodPressure()), n(t.triglycerides()), n(t.hdl()),
                    n(t.glucose()), n(t.hba1c()), n(t.smoking())));
        }
        return jp.hip.identity.ExcelCsv.write(csv);
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}
