package jp.hip.phr.search;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A prefixed quantity search value, {@code [prefix][number]|[system]|[code]} (FHIR R4 search.html#quantity).
 * The number's precision is its range: {@code 5.4} means [5.35, 5.45); {@code eq} matches a value inside it,
 * {@code ne} outside, {@code sa}/{@code eb} above/below the whole range; {@code gt lt ge le} compare with the
 * number itself (as HAPI FHIR JPA does); {@code ap} is within 10% of the number (the spec's recommendation).
 * A system other than UCUM matches nothing (every stored unit is UCUM); the code is compared with the stored unit.
 */
public record QuantityBound(SearchPrefix prefix, BigDecimal number, Optional<String> system, Optional<String> unit) {

    public static final String UCUM = "http://unitsofmeasure.org";

    public String sql(String valueColumn, String unitColumn, SqlWhere where) {
        BigDecimal half = BigDecimal.ONE.movePointLeft(Math.max(number.scale(), 0)).divide(BigDecimal.valueOf(2));
        BigDecimal tenth = number.abs().divide(BigDecimal.TEN);
        String v = where.bind(number);
        String clause = switch (prefix) {
            case EQ -> valueColumn + " >= " + where.bind(number.subtract(half)) + " and " + valueColumn + " < " + where.bind(number.add(half));
            case NE -> valueColumn + " < " + where.bind(number.subtract(half)) + " or " + valueColumn + " >= " + where.bind(number.add(half));
            case GT -> valueColumn + " > " + v;
            case LT -> valueColumn + " < " + v;
            case GE -> valueColumn + " >= " + v;
            case LE -> valueColumn + " <= " + v;
            case SA -> valueColumn + " >= " + where.bind(number.add(half));
            case EB -> valueColumn + " < " + where.bind(number.subtract(half));
            case AP -> valueColumn + " between " + where.bind(number.subtract(tenth)) + " and " + where.bind(number.add(tenth));
        };
        clause = "(" + clause + ")";
        if (system.filter(s -> !s.isEmpty()).isPresent() && !system.get().equals(UCUM)) {
            return "false";
        }
        if (unit.filter(u -> !u.isEmpty()).isPresent()) {
            clause += " and " + unitColumn + " = " + where.bind(unit.get());
        }
        return clause;
    }
}
