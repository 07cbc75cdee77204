package jp.hip.phr.observations;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Observation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.hip.phr.Accessor;
import jp.hip.phr.ObservationCode;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.access.StoredRows;
import jp.hip.phr.access.StoredRows.Row;
import jp.hip.phr.access.StoredRows.Table;
import jp.hip.phr.search.ObservationSearch;
import jp.hip.phr.search.QuantityBound;
import jp.hip.phr.search.RangeBound;
import jp.hip.phr.search.SortKey;
import jp.hip.phr.search.SqlWhere;
import jp.hip.phr.search.Token;

/**
 * FHIR Observation search (issue 10): every criterion becomes part of the one statement that carries the access
 * join ({@link StoredRows}), so paging and totals count only what the accessor may read; nothing is filtered
 * afterwards, and every row returned or counted is written to the access log.
 * <p>Index-friendly shape: a code is matched as {@code o.code in (…)} (the LOINC of a search resolved to the local
 * codes that carry it, from the code table) so the person's rows of a code are read from
 * {@code phr_observation_person_code_ix} (V45) newest first, instead of every row of the person.
 */
@Service
public class ObservationSearches {

    private final JdbcClient jdbc;
    private final StoredRows stored;
    private final AccessLog accessLog;

    ObservationSearches(JdbcClient jdbc, StoredRows stored, AccessLog accessLog) {
        this.jdbc = jdbc;
        this.stored = stored;
        this.accessLog = accessLog;
    }

    /** The page of observations matching {@code search} the accessor may read, logged as a search. */
    public List<Row<Observation>> search(Accessor accessor, ObservationSearch search, String action) {
        if (search.count() == 0) {
            return List.of();
        }
        SqlWhere where = where(search);
        String order = SortKey.orderBy(search.sort(), StoredRows.DEFAULT_ORDER, "o.id");
        List<Row<Observation>> rows = stored.read(Table.OBSERVATION, Observation.class, accessor, where.sql(), where.params(),
                order, search.count(), search.offset());
        accessLog.logRows(accessor, action, rows);
        return rows;
    }

    /**
     * How many observations match and the accessor may read (the same join as the search, so the number reveals
     * nothing the pages would not), logged per person as a count read.
     */
    public long count(Accessor accessor, ObservationSearch search) {
        SqlWhere where = where(search);
        List<StoredRows.Count> counts = stored.count(Table.OBSERVATION, accessor, where.sql(), where.params());
        for (StoredRows.Count c : counts) {
            accessLog.logRead(accessor, c.personId(), "Observation.count", c.basis(),
                    List.of("Observation?_summary=count (" + c.count() + ")"), c.consentRefs());
        }
        return counts.stream().mapToLong(StoredRows.Count::count).sum();
    }

    /**
     * How many match for the accessor, not logged: only for working out a paging position ($everything moving
     * from observations to statements); nothing is returned to the caller from it.
     */
    public long positionCount(Accessor accessor, ObservationSearch search) {
        SqlWhere where = where(search);
        return stored.count(Table.OBSERVATION, accessor, where.sql(), where.params()).stream().mapToLong(StoredRows.Count::count).sum();
    }

    SqlWhere where(ObservationSearch search) {
        SqlWhere where = new SqlWhere();
        search.subject().ifPresent(s -> where.and("o.person_id = " + where.bind(s)));
        for (List<Token> any : search.codes()) {
            where.and(codes(any, where));
        }
        for (List<Token> any : search.notCodes()) {
            where.and("not (" + codes(any, where) + ")");
        }
        for (List<Token> any : search.categories()) {
            where.and(any.stream().map(t -> category(t, where)).collect(Collectors.joining(" or ")));
        }
        for (List<Token> any : search.identifiers()) {
            where.and(any.stream().map(t -> identifier(t, where)).collect(Collectors.joining(" or ")));
        }
        for (RangeBound date : search.dates()) {
            where.and(date.sql("o.effective_start", where));
        }
        for (RangeBound updated : search.lastUpdated()) {
            where.and(updated.sql("o.last_updated", where));
        }
        for (List<QuantityBound> any : search.quantities()) {
            where.and("o.value_num is not null and (" + any.stream().map(q -> q.sql("o.value_num", "o.unit", where))
                    .collect(Collectors.joining(" or ")) + ")");
        }
        search.since().ifPresent(s -> where.and("o.last_updated >= " + where.bind(Timestamp.from(s))));
        return where;
    }

    /**
     * Codes: {@code o.code in (candidates)} (indexable: the local codes named, and those whose LOINC is named) and
     * the exact rule per token — no system: the local code or the LOINC; LOINC: the LOINC (or a local code stored
     * under the LOINC system); another system: that system and code; an empty system ({@code |x}): nothing, as every
     * stored code has a system.
     */
    String codes(List<Token> any, SqlWhere where) {
        Set<String> candidates = new LinkedHashSet<>();
        List<String> exact = new ArrayList<>();
        for (Token t : any) {
            String code = where.bind(t.code());
            Optional<String> system = t.system();
            if (system.isPresent() && system.get().isEmpty()) {
                exact.add("false");
                continue;
            }
            candidates.add(t.code());
            if (system.isEmpty() || system.get().equals(ObservationCode.LOINC)) {
                candidates.addAll(localCodesOf(t.code()));
                exact.add(system.isEmpty() ? "(o.code = " + code + " or o.loinc = " + code + ")"
                        : "(o.loinc = " + code + " or (o.code_system = " + where.bind(system.get()) + " and o.code = " + code + "))");
            } else {
                exact.add("(o.code_system = " + where.bind(system.get()) + " and o.code = " + code + ")");
            }
        }
        if (candidates.isEmpty()) {
            return "false";
        }
        return "o.code in (" + where.bind(List.copyOf(candidates)) + ") and (" + String.join(" or ", exact) + ")";
    }

    /** The local codes that carry a LOINC in any version of the code table (rows copy their code's LOINC). */
    private List<String> localCodesOf(String loinc) {
        return jdbc.sql("select distinct code from phr_code where loinc = ?").param(loinc).query(String.class).list();
    }

    private static String category(Token t, SqlWhere where) {
        String code = where.bind(t.code());
        if (t.system().isEmpty()) {
            return "o.category_jp = " + code + " or o.category_hl7 = " + code;
        }
        return switch (t.system().get()) {
            case ObservationCode.JP_CATEGORY -> "o.category_jp = " + code;
            case ObservationCode.HL7_CATEGORY -> "o.category_hl7 = " + code;
            default -> "false";
        };
    }

    /** identifier_key is "system|value" of the observation's first identifier (conditional create's key). */
    private static String identifier(Token t, SqlWhere where) {
        if (t.system().isPresent()) {
            return "o.identifier_key = " + where.bind(t.system().get() + "|" + t.code());
        }
        return "right(o.identifier_key, " + where.bind(t.code().length() + 1) + ") = " + where.bind("|" + t.code());
    }
}
