package jp.hip.phr.persons;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jp.hip.phr.PhrFhir;
import jp.hip.phr.search.NameMatchSql;
import jp.hip.phr.search.PatientSearch;
import jp.hip.phr.search.RangeBound;
import jp.hip.phr.search.SqlWhere;
import jp.hip.phr.search.Token;

/** The WHERE clause of a Patient search over {@code p} (phr_person) and {@code m} (the accessor's membership). */
final class PatientCriteria {

    private PatientCriteria() {}

    static SqlWhere where(PatientSearch search) {
        SqlWhere where = new SqlWhere();
        for (List<Token> any : search.identifiers()) {
            where.and(any.stream().map(t -> identifier(t, where)).collect(Collectors.joining(" or ")));
        }
        for (List<String> any : search.names()) {
            where.and(any.stream().map(n -> name(n, search.nameMatch(), where)).collect(Collectors.joining(" or ")));
        }
        for (RangeBound birthdate : search.birthdates()) {
            where.and(birthdate.sql("p.birth_date", where));
        }
        for (List<String> any : search.genders()) {
            where.and("p.gender in (" + where.bind(any) + ")");
        }
        for (List<java.util.UUID> any : search.ids()) {
            where.and(any.isEmpty() ? "false" : "p.id in (" + where.bind(any) + ")");
        }
        for (RangeBound updated : search.lastUpdated()) {
            where.and(updated.sql("p.updated_at", where));
        }
        return where;
    }

    /**
     * The insurance card under JP Core's 被保険者個人識別子 or the platform's 被保険者番号 (ADR 0038), read as a create
     * reads it ({@link InsuredCard}); without a system, either. A 保険者番号 or 枝番 the search names must be the
     * stored one; another system, or a value neither form can read, matches nothing.
     */
    private static String identifier(Token t, SqlWhere where) {
        String system = t.system().orElse(null); // "|value" (explicitly no system) matches nothing: every card has one
        if (system != null && !system.equals(PhrFhir.INSURED_NUMBER_SYSTEM) && !system.equals(PhrFhir.JP_INSURANCE_MEMBER_SYSTEM)) {
            return "false";
        }
        java.util.Optional<InsuredCard> parsed = InsuredCard.parse(system == null ? PhrFhir.INSURED_NUMBER_SYSTEM : system, t.code());
        if (parsed.isEmpty()) {
            return "false";
        }
        InsuredCard card = parsed.get();
        String sql = "coalesce(m.insured_symbol, '') = " + where.bind(card.symbol() == null ? "" : card.symbol())
                + " and m.insured_number = " + where.bind(card.number());
        if (card.insurerNumber() != null) {
            sql += " and m.insurer_number = " + where.bind(card.insurerNumber())
                    + " and coalesce(m.branch_number, '') = " + where.bind(card.branch() == null ? "" : card.branch());
        }
        return "(" + sql + ")";
    }

    /** Any of the person's name parts, the kanji and kana full names. */
    private static String name(String value, PatientSearch.NameMatch match, SqlWhere where) {
        boolean exact = match == PatientSearch.NameMatch.EXACT;
        String p = where.bind(exact ? value : NameMatchSql.pattern(value.toLowerCase(Locale.ROOT), match));
        return List.of("p.family_name", "p.given_name", "p.family_name_kana", "p.given_name_kana",
                        "p.family_name || ' ' || p.given_name", "p.family_name || p.given_name",
                        "p.family_name_kana || ' ' || p.given_name_kana")
                .stream().map(c -> exact ? c + " = " + p : "lower(" + c + ") like " + p + " escape '\\'").collect(Collectors.joining(" or "));
    }
}
