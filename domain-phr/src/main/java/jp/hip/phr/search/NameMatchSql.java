package jp.hip.phr.search;

/** A LIKE pattern for FHIR string search: the value's own % _ \ escaped (escape character backslash). */
public final class NameMatchSql {

    private NameMatchSql() {}

    public static String pattern(String value, PatientSearch.NameMatch match) {
        String escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return switch (match) {
            case STARTS -> escaped + "%";
            case EXACT -> escaped;
            case CONTAINS -> "%" + escaped + "%";
        };
    }
}
