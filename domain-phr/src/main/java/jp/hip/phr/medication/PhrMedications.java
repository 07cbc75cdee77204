package jp.hip.phr.medication;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.ObservationQuery;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.StoredResource;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.access.Individuals;
import jp.hip.phr.access.StoredRows;
import jp.hip.phr.access.StoredRows.Row;
import jp.hip.phr.access.StoredRows.Table;

/** MedicationStatement (薬剤情報, ADR 0035), facade: written by a holding tenant, read through the access join. */
@Service
public class PhrMedications {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final StoredRows stored;
    private final AccessLog accessLog;
    private final Individuals individuals;
    private final jp.hip.phr.access.Tombstones tombstones;

    PhrMedications(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, StoredRows stored,
            AccessLog accessLog, Individuals individuals, jp.hip.phr.access.Tombstones tombstones) {
        this.tombstones = tombstones;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.stored = stored;
        this.accessLog = accessLog;
        this.individuals = individuals;
    }

    /** One row of the individual's お薬 table. */
    public record MedicationView(Instant effective, String name, String system, String code, String status, String source) {}

    /**
     * Creates a MedicationStatement for a member of the writing tenant; with {@code ifNoneExist}
     * ("identifier=system|value") an earlier one of the same tenant is returned instead. The individual does not write.
     */
    public StoredResource<MedicationStatement> createMedicationStatement(Accessor accessor, MedicationStatement statement,
            Optional<String> ifNoneExist) {
        return tx.execute(status -> {
            accessor.requireTenant();
            if (ifNoneExist.isPresent()) {
                String key = PhrFhir.identifierCondition(ifNoneExist.get());
                // A match is a read: through the access join, and logged.
                List<Row<MedicationStatement>> matched = medicationRows(accessor, "o.tenant_id = :writer and o.identifier_key = :key",
                        Map.of("writer", accessor.tenantId(), "key", key), 1, 0);
                if (!matched.isEmpty()) {
                    accessLog.logRows(accessor, "MedicationStatement.match", matched);
                    return new StoredResource<>(matched.get(0).resource(), matched.get(0).version(), false);
                }
                if (MedicationStatementRules.identifierKey(statement).map(k -> !k.equals(key)).orElse(true)) {
                    throw PhrException.of(Kind.INVALID, "phr.error.ifNoneExistMismatch");
                }
            }
            Instant now = clock.instant();
            MedicationStatementRules.Checked checked = MedicationStatementRules.check(statement, now, PhrFhir::subjectOf);
            individuals.requireMember(accessor, checked.personId(), "MedicationStatement.subject");
            // after the person's deletion on request a holder's medication data never comes back (ADR 0046)
            tombstones.checkWrite(accessor.tenantId(), checked.personId(), jp.hip.phr.DataCategory.MEDICATION,
                    "MedicationStatement.subject");
            UUID id = UUID.randomUUID();
            statement.setId(id.toString());
            statement.getMeta().setVersionId("1").setLastUpdated(Date.from(now));
            statement.setSubject(new Reference("Patient/" + checked.personId()));
            int inserted = jdbc.sql("""
                    insert into phr_medication_statement (person_id, id, tenant_id, version_id, data_category, status,
                        medication_system, medication_code, medication_display, effective_start, identifier_key, resource, last_updated)
                    values (:person, :id, :tenant, 1, 'MEDICATION', :status, :system, :code, :display, :effective, :identifier,
                        cast(:resource as jsonb), :now)
                    on conflict (tenant_id, identifier_key) where identifier_key is not null do nothing""")
                    .param("person", checked.personId()).param("id", id).param("tenant", accessor.tenantId())
                    .param("status", checked.status()).param("system", checked.medication().getSystem())
                    .param("code", checked.medication().getCode())
                    .param("display", checked.medication().hasDisplay() ? truncate(checked.medication().getDisplay(), 200) : null)
                    .param("effective", Timestamp.from(checked.effective()))
                    .param("identifier", checked.identifierKey().orElse(null))
                    .param("resource", PhrFhir.parser().encodeResourceToString(statement)).param("now", Timestamp.from(now))
                    .update();
            if (inserted == 0) {
                throw PhrException.of(Kind.CONFLICT, "phr.error.duplicateMedicationIdentifier", checked.identifierKey().orElse(""));
            }
            audit.record("PHR_MEDICATION_STATEMENT_CREATED", "MedicationStatement", id, Map.of());
            return new StoredResource<>(statement, 1, true);
        });
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** Reads one statement: the consent join on MEDICATION for a tenant, the own person for the individual; logged. */
    public StoredResource<MedicationStatement> readMedicationStatement(Accessor accessor, UUID id) {
        List<Row<MedicationStatement>> rows = medicationRows(accessor, "o.id = :id", Map.of("id", id), 1, 0);
        if (rows.isEmpty()) {
            throw PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", "MedicationStatement/" + id);
        }
        accessLog.logRows(accessor, "MedicationStatement.read", rows);
        return new StoredResource<>(rows.get(0).resource(), rows.get(0).version(), false);
    }

    /** A person's statements (or all the accessor may see), newest first; the same consent join, logged. */
    public List<MedicationStatement> searchMedicationStatements(Accessor accessor, Optional<UUID> subject, int count, int offset) {
        if (count < 1 || count > ObservationQuery.MAX_COUNT) {
            throw PhrException.of(Kind.INVALID, "phr.error.count", ObservationQuery.MAX_COUNT);
        }
        if (offset < 0) {
            throw PhrException.of(Kind.INVALID, "phr.error.offset");
        }
        Map<String, Object> params = new HashMap<>();
        subject.ifPresent(s -> params.put("subject", s));
        List<Row<MedicationStatement>> rows = medicationRows(accessor, subject.isPresent() ? "o.person_id = :subject" : "true", params, count, offset);
        accessLog.logRows(accessor, "MedicationStatement.search", rows);
        return rows.stream().map(Row::resource).toList();
    }

    /** The individual's own statements for the お薬 table, newest first. Logged as a page read. */
    public List<MedicationView> myMedications(Accessor individual, int limit) {
        UUID person = individuals.myPerson(individual);
        List<MedicationView> found = jdbc.sql("""
                select o.effective_start, coalesce(o.medication_display, o.medication_code), o.medication_system,
                       o.medication_code, o.status, t.name from phr_medication_statement o
                  left join plat_tenant t on t.id = o.tenant_id
                 where o.person_id = ? order by o.effective_start desc, o.id limit ?""")
                .params(person, limit)
                .query((rs, n) -> new MedicationView(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
        if (!found.isEmpty()) {
            java.time.ZoneId japan = java.time.ZoneId.of("Asia/Tokyo");
            accessLog.logRead(individual, person, "MedicationStatement.list", AccessBasis.SELF, List.of("MedicationStatement (" + found.size() + ")"), List.of(),
                    new AccessLog.Items(found.stream().map(MedicationView::name).distinct().limit(20).toList(), List.of(), found.size(),
                            found.stream().map(m -> m.effective().atZone(japan).toLocalDate()).min(java.util.Comparator.naturalOrder()).orElse(null),
                            found.stream().map(m -> m.effective().atZone(japan).toLocalDate()).max(java.util.Comparator.naturalOrder()).orElse(null)));
        }
        return found;
    }

    /**
     * A page of the person's statements for Patient/$everything, newest first, changed since {@code since} when
     * given; the same join, logged.
     */
    public List<MedicationStatement> everythingPage(Accessor accessor, UUID person, Optional<java.time.Instant> since, int count, int offset) {
        Map<String, Object> params = new HashMap<>();
        params.put("subject", person);
        String where = "o.person_id = :subject";
        if (since.isPresent()) {
            where += " and o.last_updated >= :since";
            params.put("since", java.sql.Timestamp.from(since.get()));
        }
        List<Row<MedicationStatement>> rows = medicationRows(accessor, where, params, count, offset);
        accessLog.logRows(accessor, "MedicationStatement.everything", rows);
        return rows.stream().map(Row::resource).toList();
    }

    private List<Row<MedicationStatement>> medicationRows(Accessor accessor, String where, Map<String, Object> params, int limit, int offset) {
        return stored.read(Table.MEDICATION_STATEMENT, MedicationStatement.class, accessor, where, params, limit, offset);
    }

    public static MedicationStatement parseMedicationStatement(String json) {
        return PhrFhir.parser().parseResource(MedicationStatement.class, json);
    }
}
