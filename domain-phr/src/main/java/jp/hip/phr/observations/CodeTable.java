package jp.hip.phr.observations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.phr.DataCategory;
import jp.hip.phr.ObservationCode;

/** The current code table (phr_code of the current phr_code_table), read once, and the ingest rules built on it. */
@Component
public class CodeTable {

    private final JdbcClient jdbc;
    private volatile Map<String, ObservationCode> codesByKey;
    private volatile ObservationRules rules;

    CodeTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current code table, in display order. */
    public List<ObservationCode> codes() {
        return List.copyOf(byKey().values());
    }

    public Optional<ObservationCode> code(String code) {
        return byKey().values().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** Codes by {@link ObservationRules#key(String, String)} (system and code), in display order. */
    public Map<String, ObservationCode> byKey() {
        Map<String, ObservationCode> map = codesByKey;
        if (map == null) {
            map = new LinkedHashMap<>();
            for (ObservationCode c : jdbc.sql("""
                    select c.* from phr_code c join phr_code_table t on t.table_version = c.table_version and t.current
                     order by c.sort_order""").query(CodeTable::code).list()) {
                map.put(ObservationRules.key(c.system(), c.code()), c);
            }
            codesByKey = map;
        }
        return map;
    }

    /** Codes by the code alone (the first of a code in several systems). */
    public Map<String, ObservationCode> byCode() {
        return byKey().values().stream().collect(Collectors.toMap(ObservationCode::code, c -> c, (a, b) -> a));
    }

    public ObservationRules rules() {
        ObservationRules r = rules;
        if (r == null) {
            r = new ObservationRules(byKey());
            rules = r;
        }
        return r;
    }

    private static ObservationCode code(ResultSet rs, int n) throws SQLException {
        return new ObservationCode(rs.getString("table_version"), rs.getString("code_system"), rs.getString("code"),
                rs.getString("name_ja"), rs.getString("name_en"), rs.getString("identity_code"), rs.getString("loinc"),
                rs.getString("loinc_display"), rs.getString("unit"), rs.getString("category_jp"),
                rs.getString("category_hl7"), DataCategory.valueOf(rs.getString("data_category")),
                rs.getBigDecimal("ref_low"), rs.getBigDecimal("ref_high"), rs.getBigDecimal("min_value"),
                rs.getBigDecimal("max_value"), rs.getInt("sort_order"));
    }
}
