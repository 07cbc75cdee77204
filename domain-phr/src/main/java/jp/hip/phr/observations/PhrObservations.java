package jp.hip.phr.observations;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.DataCategory;
import jp.hip.phr.ObservationCode;
import jp.hip.phr.ObservationQuery;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.StoredResource;
import jp.hip.phr.TimelinePoint;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.access.Individuals;
import jp.hip.phr.access.StoredRows;
import jp.hip.phr.access.StoredRows.Row;
import jp.hip.phr.access.StoredRows.Table;
import jp.hip.phr.access.Tombstones;
import jp.hip.phr.persons.PatientStore;
import jp.hip.phr.search.SqlWhere;
import jp.hip.phr.search.Token;

/**
 * Observations (facade): create, update, read and search through FHIR, the individual's timeline and summary.
 * Every read goes through {@link StoredRows} (the access join inside the SQL) and is written to the access log.
 */
@Service
public class PhrObservations {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CodeTable codes;
    private final StoredRows stored;
    private final AccessLog accessLog;
    private final Individuals individuals;
    private final PatientStore patients;
    private final ObservationSearches searches;
    private final Tombstones tombstones;

    PhrObservations(JdbcClient jdbc, TransactionTemplate tx, Clock clock, CodeTable codes, StoredRows stored,
            AccessLog accessLog, Individuals individuals, PatientStore patients, ObservationSearches searches,
            Tombstones tombstones) {
        this.tombstones = tombstones;
        this.searches = searches;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.codes = codes;
        this.stored = stored;
        this.accessLog = accessLog;
        this.individuals = individuals;
        this.patients = patients;
    }

    /** Creates an observation; with {@code ifNoneExist} ("identifier=system|value") an earlier one is returned instead. */
    public StoredResource<Observation> createObservation(Accessor accessor, Observation observation, Optional<String> ifNoneExist) {
        return tx.execute(status -> createInTransaction(accessor, observation, ifNoneExist, PhrFhir::subjectOf, null));
    }

    /**
     * A create that runs inside the caller's transaction (a Bundle entry, a checkup import): {@code subjects}
     * resolves the subject reference (a Bundle's urn:uuid), {@code sourceDocument} is the original file it came from.
     */
    public StoredResource<Observation> createInTransaction(Accessor accessor, Observation observation,
            Optional<String> ifNoneExist, Function<String, UUID> subjects, UUID sourceDocument) {
        if (ifNoneExist.isPresent()) {
            String key = PhrFhir.identifierCondition(ifNoneExist.get());
            // A match is a read: through the access join (returned only where the caller may read it), and logged.
            List<Row<Observation>> matched = rows(accessor, "o.tenant_id = :writer and o.identifier_key = :key",
                    Map.of("writer", accessor.tenantId(), "key", key), 1, 0);
            if (!matched.isEmpty()) {
                accessLog.logRows(accessor, "Observation.match", matched);
                List<Problem> notices = accessor.individual() ? List.of()
                        : tombstones.afterDeletion(accessor.tenantId(), matched.get(0).personId())
                                .map(after -> List.of(after.notice("Observation.subject"))).orElse(List.of());
                return new StoredResource<>(matched.get(0).resource(), matched.get(0).version(), false, notices);
            }
            if (ObservationRules.identifierKey(observation).map(k -> !k.equals(key)).orElse(true)) {
                throw PhrException.of(Kind.INVALID, "phr.error.ifNoneExistMismatch");
            }
        }
        ObservationRules.Checked checked = codes.rules().check(observation, clock.instant(), subjects);
        List<Problem> notices = List.of();
        if (accessor.individual()) {
            requireOwnLifeLog(accessor, checked);
        } else {
            individuals.requireMember(accessor, checked.personId(), "Observation.subject");
            // after the person's deletion on request only the holder's statutory record, and said so (ADR 0046)
            notices = tombstones.checkWrite(accessor.tenantId(), checked.personId(), checked.code().dataCategory(),
                    "Observation.subject");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        observation.setId(id.toString());
        observation.getMeta().setVersionId("1").setLastUpdated(Date.from(now));
        observation.setSubject(new Reference("Patient/" + checked.personId()));
        int inserted = jdbc.sql("""
                insert into phr_observation (person_id, id, tenant_id, version_id, data_category, code_system, code,
                    identity_code, loinc, category_jp, category_hl7, effective_start, value_num, unit, identifier_key,
                    source_document_id, resource, last_updated)
                values (:person, :id, :tenant, 1, :category, :system, :code, :identity, :loinc, :catJp, :catHl7,
                    :effective, :value, :unit, :identifier, :source, cast(:resource as jsonb), :now)
                on conflict (tenant_id, identifier_key) where identifier_key is not null do nothing""")
                .params(ObservationRows.columns(checked))
                .param("person", checked.personId()).param("id", id).param("tenant", accessor.tenantId())
                .param("source", sourceDocument).param("resource", PhrFhir.parser().encodeResourceToString(observation))
                .param("now", Timestamp.from(now))
                .update();
        if (inserted == 0) {
            throw PhrException.of(Kind.CONFLICT, "phr.error.duplicateIdentifier", checked.identifierKey().orElse(""));
        }
        return new StoredResource<>(observation, 1, true, notices);
    }

    /** Updates an observation its tenant wrote; {@code ifMatch} is the version the client last saw. */
    public StoredResource<Observation> updateObservation(Accessor accessor, UUID id, Observation observation, Optional<Integer> ifMatch) {
        return tx.execute(status -> {
            accessor.requireTenant();
            Integer current = jdbc.sql("select version_id from phr_observation where id = ? and tenant_id = ? for update")
                    .params(id, accessor.tenantId()).query(Integer.class).optional()
                    .orElseThrow(() -> PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Observation/" + id));
            if (ifMatch.isPresent() && !ifMatch.get().equals(current)) {
                throw PhrException.of(Kind.PRECONDITION_FAILED, "phr.error.versionConflict", current);
            }
            if (observation.hasIdElement() && observation.getIdElement().hasIdPart()
                    && !id.toString().equals(observation.getIdElement().getIdPart())) {
                throw PhrException.of(Kind.INVALID, "phr.error.idMismatch");
            }
            ObservationRules.Checked checked = codes.rules().check(observation, clock.instant(), PhrFhir::subjectOf);
            individuals.requireMember(accessor, checked.personId(), "Observation.subject");
            ObservationVersions.keep(jdbc, id, accessor.tenantId());
            List<Problem> notices = tombstones.checkWrite(accessor.tenantId(), checked.personId(), checked.code().dataCategory(),
                    "Observation.subject");
            int version = current + 1;
            Instant now = clock.instant();
            observation.setId(id.toString());
            observation.getMeta().setVersionId(String.valueOf(version)).setLastUpdated(Date.from(now));
            observation.setSubject(new Reference("Patient/" + checked.personId()));
            jdbc.sql("""
                    update phr_observation set person_id = :person, version_id = :version, data_category = :category,
                        code_system = :system, code = :code, identity_code = :identity, loinc = :loinc,
                        category_jp = :catJp, category_hl7 = :catHl7, effective_start = :effective, value_num = :value,
                        unit = :unit, identifier_key = :identifier, resource = cast(:resource as jsonb), last_updated = :now
                     where id = :id and tenant_id = :tenant""")
                    .params(ObservationRows.columns(checked)).param("person", checked.personId()).param("version", version)
                    .param("resource", PhrFhir.parser().encodeResourceToString(observation)).param("now", Timestamp.from(now))
                    .param("id", id).param("tenant", accessor.tenantId())
                    .update();
            return new StoredResource<>(observation, version, false, notices);
        });
    }

    public StoredResource<Observation> readObservation(Accessor accessor, UUID id) {
        List<Row<Observation>> rows = rows(accessor, "o.id = :id", Map.of("id", id), 1, 0);
        if (rows.isEmpty()) {
            throw PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "Observation/" + id);
        }
        accessLog.logRows(accessor, "Observation.read", rows);
        Row<Observation> row = rows.get(0);
        return new StoredResource<>(row.resource(), row.version(), false);
    }

    public List<Observation> searchObservations(Accessor accessor, ObservationQuery query) {
        StringBuilder where = new StringBuilder("true");
        Map<String, Object> params = new HashMap<>();
        query.subject().ifPresent(s -> {
            where.append(" and o.person_id = :subject");
            params.put("subject", s);
        });
        query.code().ifPresent(c -> {
            // the index-friendly shape of the FHIR search (o.code in (…), issue 10)
            SqlWhere codeWhere = new SqlWhere();
            where.append(" and (").append(searches.codes(List.of(new Token(query.codeSystem(), c)), codeWhere)).append(")");
            params.putAll(codeWhere.params());
        });
        query.category().ifPresent(c -> {
            where.append(" and (o.category_jp = :cat or o.category_hl7 = :cat)");
            params.put("cat", c);
        });
        query.from().ifPresent(f -> {
            where.append(query.fromInclusive() ? " and o.effective_start >= :from" : " and o.effective_start > :from");
            params.put("from", Timestamp.from(f));
        });
        query.to().ifPresent(t -> {
            where.append(query.toInclusive() ? " and o.effective_start <= :to" : " and o.effective_start < :to");
            params.put("to", Timestamp.from(t));
        });
        List<Row<Observation>> rows = rows(accessor, where.toString(), params, query.count(), query.offset());
        accessLog.logRows(accessor, "Observation.search", rows);
        return rows.stream().map(Row::resource).toList();
    }

    private List<Row<Observation>> rows(Accessor accessor, String where, Map<String, Object> params, int limit, int offset) {
        return stored.read(Table.OBSERVATION, Observation.class, accessor, where, params, limit, offset);
    }

    /**
     * The individual (for example through a SMART app they authorised, ADR 0033) writes only their own life-log:
     * the subject must be their own person (anyone else looks unknown), and the code's category must be life-log,
     * so checkup results keep coming only from the insurer's import.
     */
    private void requireOwnLifeLog(Accessor accessor, ObservationRules.Checked checked) {
        UUID own = individuals.personOf(accessor.tenantId()).orElse(null);
        if (!checked.personId().equals(own)) {
            throw new PhrException(Kind.INVALID, List.of(Problem.of("phr.error.subjectUnknown", "Observation.subject", "Patient/" + checked.personId())));
        }
        if (checked.code().dataCategory() != DataCategory.LIFELOG) {
            throw PhrException.of(Kind.FORBIDDEN, "phr.error.individualCategory", checked.code().code());
        }
    }

    /**
     * Patient/$everything for a tenant: the Patient (membership) and the observations its consents allow, up to
     * {@code limit}, newest first; the same consent join as every other read, logged like them.
     */
    public List<Resource> everything(Accessor accessor, UUID personId, int limit) {
        Patient patient = patients.readPatient(accessor, personId);
        ObservationQuery query = new ObservationQuery(Optional.of(personId), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), true, Optional.empty(), false, Math.min(limit, ObservationQuery.MAX_COUNT), 0);
        List<Resource> all = new ArrayList<>();
        all.add(patient);
        all.addAll(searchObservations(accessor, query));
        return all;
    }

    /** The individual's values of one code (or all), oldest first, for charts and tables. Logged as a page read. */
    public List<TimelinePoint> myTimeline(Accessor individual, Optional<String> code, int limit) {
        UUID person = individuals.myPerson(individual);
        Map<String, Object> params = new HashMap<>();
        params.put("person", person);
        params.put("limit", limit);
        String where = "o.person_id = :person";
        if (code.isPresent()) {
            where += " and o.code = :code";
            params.put("code", code.get());
        }
        Map<String, ObservationCode> byCode = codes.byCode();
        List<Object[]> raw = jdbc.sql("""
                select o.id, o.code, o.effective_start, o.value_num, o.unit, t.name from phr_observation o
                  join phr_person p on p.id = o.person_id
                  left join plat_tenant t on t.id = o.tenant_id
                 where %s order by o.effective_start desc limit :limit""".formatted(where))
                .params(params)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getBigDecimal(4), rs.getString(5), rs.getString(6)})
                .list();
        List<TimelinePoint> points = new ArrayList<>();
        for (int i = raw.size() - 1; i >= 0; i--) {
            Object[] r = raw.get(i);
            ObservationCode c = byCode.get((String) r[1]);
            BigDecimal value = (BigDecimal) r[3];
            points.add(new TimelinePoint((String) r[1], c == null ? (String) r[1] : c.nameJa(), (Instant) r[2], value,
                    (String) r[4], c != null && value != null && c.outsideReference(value), (String) r[5]));
        }
        if (!points.isEmpty()) {
            accessLog.logRead(individual, person, "Timeline.read", AccessBasis.SELF, List.of("Observation?code=" + code.orElse("*") + " (" + points.size() + ")"), List.of(),
                    itemsOf(points));
        }
        return points;
    }

    /** What a page of points shows, for the access log: the item names, codes and dates. */
    private static AccessLog.Items itemsOf(List<TimelinePoint> points) {
        java.time.ZoneId japan = java.time.ZoneId.of("Asia/Tokyo");
        return new AccessLog.Items(points.stream().map(TimelinePoint::nameJa).distinct().limit(20).toList(),
                points.stream().map(TimelinePoint::code).distinct().limit(20).toList(), points.size(),
                points.stream().map(p -> p.effective().atZone(japan).toLocalDate()).min(java.util.Comparator.naturalOrder()).orElse(null),
                points.stream().map(p -> p.effective().atZone(japan).toLocalDate()).max(java.util.Comparator.naturalOrder()).orElse(null));
    }

    /** The latest value per code (the summary at the top of the individual's page). */
    public List<TimelinePoint> myLatest(Accessor individual) {
        UUID person = individuals.myPerson(individual);
        Map<String, ObservationCode> byCode = codes.byCode();
        List<TimelinePoint> latest = jdbc.sql("""
                select distinct on (o.code) o.code, o.effective_start, o.value_num, o.unit, t.name from phr_observation o
                  left join plat_tenant t on t.id = o.tenant_id
                 where o.person_id = ? order by o.code, o.effective_start desc""")
                .param(person)
                .query((rs, n) -> {
                    ObservationCode c = byCode.get(rs.getString(1));
                    BigDecimal value = rs.getBigDecimal(3);
                    return new TimelinePoint(rs.getString(1), c == null ? rs.getString(1) : c.nameJa(),
                            rs.getTimestamp(2).toInstant(), value, rs.getString(4),
                            c != null && value != null && c.outsideReference(value), rs.getString(5));
                })
                .list();
        List<TimelinePoint> sorted = new ArrayList<>(latest);
        sorted.sort(java.util.Comparator.comparingInt(p -> byCode.containsKey(p.code()) ? byCode.get(p.code()).sortOrder() : 9999));
        if (!sorted.isEmpty()) {
            accessLog.logRead(individual, person, "Summary.read", AccessBasis.SELF, List.of("Observation?_latest (" + sorted.size() + ")"), List.of(),
                    itemsOf(sorted));
        }
        return sorted;
    }

}
