package jp.hip.phr.observations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hl7.fhir.r4.model.Observation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.StoredResource;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.access.StoredRows;
import jp.hip.phr.access.StoredRows.Row;
import jp.hip.phr.access.StoredRows.Table;

/**
 * Versions of an observation (FHIR vread and instance {@code _history}; issue 10, ADR 0048). The current version is
 * the row in phr_observation, earlier ones are in phr_observation_version (copied there by an update). Each version
 * is read through the same access join as a read, on that version's own person, writer, category and time, and
 * logged as a read: a version that moved to another person is not shown to a reader of the new one.
 */
@Service
public class ObservationVersions {

    /** The most versions one history page holds. */
    public static final int MAX_COUNT = 500;

    private final StoredRows stored;
    private final AccessLog accessLog;

    ObservationVersions(StoredRows stored, AccessLog accessLog) {
        this.stored = stored;
        this.accessLog = accessLog;
    }

    /** Before an update replaces the current row of {@code id}: keeps it as an earlier version. */
    static void keep(JdbcClient jdbc, UUID id, UUID writer) {
        jdbc.sql("""
                insert into phr_observation_version (id, version_id, person_id, tenant_id, data_category, effective_start,
                    resource, last_updated)
                select id, version_id, person_id, tenant_id, data_category, effective_start, resource, last_updated
                  from phr_observation where id = ? and tenant_id = ?
                on conflict (id, version_id) do nothing""")
                .params(id, writer).update();
    }

    /** One version (vread); 404 when it does not exist or the caller may not read it. */
    public StoredResource<Observation> version(Accessor accessor, UUID id, int version) {
        Map<String, Object> params = Map.of("id", id, "version", version);
        String where = "o.id = :id and o.version_id = :version";
        List<Row<Observation>> rows = stored.read(Table.OBSERVATION, Observation.class, accessor, where, params, 1, 0);
        if (rows.isEmpty()) {
            rows = stored.read(Table.OBSERVATION_VERSION, Observation.class, accessor, where, params, 1, 0);
        }
        if (rows.isEmpty()) {
            throw PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Observation/" + id + "/_history/" + version);
        }
        accessLog.logRows(accessor, "Observation.read", rows);
        return new StoredResource<>(rows.get(0).resource(), rows.get(0).version(), false);
    }

    /**
     * The versions of an observation the caller may read, newest first, {@code count} from {@code offset}; 404 when
     * there is none. {@code more} tells whether a later page exists.
     */
    public History history(Accessor accessor, UUID id, int count, int offset) {
        return history(accessor, id, count, offset, null, null);
    }

    /**
     * As {@link #history(Accessor, UUID, int, int)}, narrowed as FHIR R4 http.html#history says: {@code since}
     * (when given) keeps the versions whose lastUpdated is at or after it; {@code at} (when given) keeps the versions
     * that were current at some moment of that period, [start, end): written before its end and not replaced before
     * its start. Where the next version is one the caller may not read, it is not known here when the version was
     * replaced, so such a version counts as current only at the moment it was written. Narrowing leaves nothing
     * when no version matches (an empty page, not 404); the total counts the matching versions.
     */
    public History history(Accessor accessor, UUID id, int count, int offset, Instant since, Period at) {
        Map<String, Object> params = Map.of("id", id);
        List<Row<Observation>> current = stored.read(Table.OBSERVATION, Observation.class, accessor, "o.id = :id",
                params, "o.version_id desc", 1, 0);
        List<Row<Observation>> all = new ArrayList<>(current);
        all.addAll(stored.read(Table.OBSERVATION_VERSION, Observation.class, accessor, "o.id = :id", params,
                "o.version_id desc", MAX_COUNT * 4, 0));
        if (all.isEmpty()) {
            throw PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Observation/" + id);
        }
        all.sort(Comparator.comparingInt((Row<Observation> r) -> r.version()).reversed());
        if (since != null || at != null) {
            Integer currentVersion = current.isEmpty() ? null : current.get(0).version();
            Map<Integer, Instant> written = new HashMap<>();
            all.forEach(r -> written.put(r.version(), lastUpdated(r)));
            all = all.stream().filter(r -> {
                Instant from = written.get(r.version());
                if (since != null && (from == null || from.isBefore(since))) {
                    return false;
                }
                if (at == null) {
                    return true;
                }
                if (from == null || !from.isBefore(at.end())) {
                    return false;
                }
                // replaced when the next version was written; the newest (current) row is never replaced
                if (currentVersion != null && r.version() == currentVersion) {
                    return true;
                }
                Instant until = written.get(r.version() + 1);
                return until == null ? !from.isBefore(at.start()) : until.isAfter(at.start());
            }).toList();
        }
        List<Row<Observation>> page = all.subList(Math.min(offset, all.size()), Math.min(offset + count, all.size()));
        if (!page.isEmpty()) {
            accessLog.logRows(accessor, "Observation.read", page);
        }
        return new History(page.stream().map(r -> new StoredResource<>(r.resource(), r.version(), false)).toList(),
                all.size(), offset + count < all.size());
    }

    private static Instant lastUpdated(Row<Observation> row) {
        java.util.Date value = row.resource().getMeta().getLastUpdated();
        return value == null ? null : value.toInstant();
    }

    /** A period [start, end) of FHIR {@code _at}. */
    public record Period(Instant start, Instant end) {}

    /** A page of versions, newest first, and how many the caller may read in all. */
    public record History(List<StoredResource<Observation>> versions, int total, boolean more) {}
}
