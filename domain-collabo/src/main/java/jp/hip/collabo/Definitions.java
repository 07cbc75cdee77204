package jp.hip.collabo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.phr.statistics.CheckupStatistics.Condition;
import jp.hip.phr.statistics.CheckupStatistics.ConditionKind;
import jp.hip.phr.statistics.CheckupStatistics.Metric;

/**
 * The current definition set (V51): each metric's rule, source and conditions, and the health issue ↔ outcome
 * mapping (V52). Public reference data, the same for every tenant.
 */
@Component
class Definitions {

    /** 対象年齢 (特定健診: 40–74歳, 年度末時点) and the age bands of the breakdown. */
    static final int MIN_AGE = 40;
    static final int MAX_AGE = 74;
    static final List<Integer> AGE_BANDS = List.of(40, 50, 60);

    /** 第4期 特定健診等実施計画の保険者種別目標 (単一健保組合): 特定健診 90%, 特定保健指導 60%. */
    static final BigDecimal CHECKUP_TARGET = BigDecimal.valueOf(90);
    static final BigDecimal GUIDANCE_TARGET = BigDecimal.valueOf(60);

    record MetricDefinition(String key, String section, String nameJa, String nameEn, String ruleJa, String ruleEn,
            String source, boolean confirmed, List<Condition> conditions) {
        boolean risk() {
            return "RISK".equals(section);
        }

        Metric metric(boolean medicationIsRisk) {
            return new Metric(key, conditions.stream()
                    .filter(c -> medicationIsRisk || c.kind() != ConditionKind.MEDICATION).toList());
        }
    }

    record DefinitionSet(String version, String description, List<MetricDefinition> metrics, Map<String, List<String>> outcomesByIssue) {}

    private final JdbcClient jdbc;
    private volatile DefinitionSet current;

    Definitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    DefinitionSet current() {
        DefinitionSet loaded = current;
        if (loaded == null) {
            loaded = load();
            current = loaded;
        }
        return loaded;
    }

    private DefinitionSet load() {
        record Head(String version, String description) {}
        Head head = jdbc.sql("select version, description from collabo_definition_set where current")
                .query((rs, n) -> new Head(rs.getString(1), rs.getString(2))).single();
        Map<String, List<Condition>> conditions = new LinkedHashMap<>();
        jdbc.sql("""
                select metric_key, kind, items, op, male, female, codes_male, codes_female from collabo_metric_condition
                 where version = ? order by metric_key, sort""").param(head.version()).query(rs -> {
            conditions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Condition(
                    ConditionKind.valueOf(rs.getString(2)), List.of(rs.getString(3).split(",")), rs.getString(4),
                    rs.getBigDecimal(5), rs.getBigDecimal(6), codes(rs.getString(7)), codes(rs.getString(8))));
        });
        List<MetricDefinition> metrics = jdbc.sql("""
                select key, section, name_ja, name_en, rule_ja, rule_en, source, confirmed from collabo_metric
                 where version = ? order by sort""").param(head.version())
                .query((rs, n) -> new MetricDefinition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                        conditions.getOrDefault(rs.getString(1), List.of()))).list();
        Map<String, List<String>> outcomes = new LinkedHashMap<>();
        jdbc.sql("select issue_code, metric_key from collabo_issue_outcome where version = ? order by issue_code")
                .param(head.version())
                .query(rs -> {
                    outcomes.computeIfAbsent(String.valueOf(rs.getInt(1)), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return new DefinitionSet(head.version(), head.description(), metrics, outcomes);
    }

    private static Set<String> codes(String list) {
        return list == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(list.split(",")));
    }
}
