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

    /** 被保険者番号 as "記号:番号" under the platform's system; another system matches nothing. */
    private static String identifier(Token t, SqlWhere where) {
        if (t.system().isPresent() && !t.system().get().equals(PhrFhir.INSURED_NUMBER_SYSTEM)) {
            return "false";
        }
        return "(coalesce(m.insured_symbol, '') || ':' || m.insured_number) = " + where.bind(t.code());
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
