package jp.hip.phr.search;

/** One {@code _sort} key: a field the server knows (its column a constant, never request text), ascending or descending. */
public record SortKey(Field field, boolean descending) {

    /** The sortable fields and their columns (alias {@code o} for Observation rows, {@code p} for persons). */
    public enum Field {
        DATE("o.effective_start"), LAST_UPDATED("o.last_updated"), PATIENT_LAST_UPDATED("p.updated_at"), BIRTHDATE("p.birth_date");

        final String column;

        Field(String column) {
            this.column = column;
        }
    }

    public String sql() {
        return field.column + (descending ? " desc" : " asc") + (field == Field.BIRTHDATE ? " nulls last" : "");
    }

    /** The ORDER BY of {@code keys}, or {@code fallback} when there are none; {@code tieBreak} keeps paging stable. */
    public static String orderBy(java.util.List<SortKey> keys, String fallback, String tieBreak) {
        if (keys.isEmpty()) {
            return fallback;
        }
        return String.join(", ", keys.stream().map(SortKey::sql).toList()) + ", " + tieBreak;
    }
}
