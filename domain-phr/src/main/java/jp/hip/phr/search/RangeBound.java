package jp.hip.phr.search;

/**
 * A prefixed date search value against a column holding one point in time (or a day): the value names the range
 * [lo, hi) (its precision: a day, a month, a second), and the prefix compares the column with that range as FHIR R4
 * search.html#prefix does for a target that is a point. {@code ap} arrives already widened by the caller (10% of
 * the distance from now, the spec's recommendation) and then matches like {@code eq}. {@code sa} and {@code eb}
 * equal {@code gt} and {@code lt} for a point: it starts after (ends before) the range exactly when it lies above
 * (below) it.
 */
public record RangeBound(SearchPrefix prefix, Object lo, Object hi) {

    public String sql(String column, SqlWhere where) {
        String lo = where.bind(this.lo);
        String hi = where.bind(this.hi);
        return switch (prefix) {
            case EQ, AP -> column + " >= " + lo + " and " + column + " < " + hi;
            case NE -> column + " < " + lo + " or " + column + " >= " + hi;
            case GT, SA -> column + " >= " + hi;
            case LT, EB -> column + " < " + lo;
            case GE -> column + " >= " + lo;
            case LE -> column + " < " + hi;
        };
    }
}
