package jp.hip.phr.bundles;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ca.uhn.fhir.parser.IParser;
import jp.hip.phr.Accessor;
import jp.hip.phr.BundleEntryResult;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.StoredResource;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.access.StoredRows;
import jp.hip.phr.access.Tombstones;
import jp.hip.phr.observations.CodeTable;
import jp.hip.phr.observations.ObservationRows;
import jp.hip.phr.observations.ObservationRules;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PatientStore;

/**
 * FHIR Bundles (facade): {@code transaction} (all entries or none) and {@code batch} (each entry on its own).
 * Each entry goes through the same capability as its single request. If-Match values arrive as versions, parsed
 * by the HTTP layer ({@code ifMatchVersion}).
 */
@Service
public class PhrBundles {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CodeTable codes;
    private final PatientStore patients;
    private final PhrObservations observations;
    private final PhrConsents consents;
    private final StoredRows storedRows;
    private final AccessLog accessLog;
    private final Tombstones tombstones;

    PhrBundles(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, Clock clock, CodeTable codes,
            PatientStore patients, PhrObservations observations, PhrConsents consents, StoredRows storedRows, AccessLog accessLog,
            Tombstones tombstones) {
        this.tombstones = tombstones;
        this.storedRows = storedRows;
        this.accessLog = accessLog;
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.clock = clock;
        this.codes = codes;
        this.patients = patients;
        this.observations = observations;
        this.consents = consents;
    }

    /**
     * A transaction: all entries or none. POSTs get their ids first, so urn:uuid references between entries
     * resolve; processing order follows the FHIR rules (POST, then PUT, then GET).
     */
    public List<BundleEntryResult> transaction(Accessor accessor, Bundle bundle, Function<String, Integer> ifMatchVersion) {
        return transaction(accessor, bundle, ifMatchVersion, () -> {});
    }

    /**
     * As {@link #transaction(Accessor, Bundle, Function)}, then {@code reads} (the searches of the Bundle, run by the
     * HTTP layer) last, inside the same transaction: a read that fails undoes the writes.
     */
    public List<BundleEntryResult> transaction(Accessor accessor, Bundle bundle, Function<String, Integer> ifMatchVersion,
            Runnable reads) {
        accessor.requireTenant();
        return tx.execute(status -> {
            Map<String, String> resolved = new HashMap<>();
            BundleEntryResult[] results = new BundleEntryResult[bundle.getEntry().size()];
            List<Problem> problems = new ArrayList<>();
            // Pass 0: POST Patient first, so that observations in the bundle can refer to them by urn:uuid.
            // Pass 1: POST Observation, checked together and written with one JDBC batch (ref-phr.md §6.5).
            // Pass 2: POST Consent (the createConsent path, ADR 0031), after the Patients it may refer to.
            // Pass 3: PUT and GET.
            for (int pass = 0; pass < 4; pass++) {
                if (pass == 1) {
                    createObservationsInTx(accessor, bundle, resolved, results, problems);
                    continue;
                }
                for (int i = 0; i < bundle.getEntry().size(); i++) {
                    Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
                    if (passOf(entry) != pass) {
                        continue;
                    }
                    try {
                        results[i] = entry(accessor, entry, resolved, ifMatchVersion);
                    } catch (PhrException e) {
                        problems.addAll(located(i, e));
                    }
                }
                if (!problems.isEmpty()) {
                    // a refused consent recording (403, 422) outranks the rest, then an unknown resource (404)
                    Kind kind = problems.stream().anyMatch(p -> p.key().equals("phr.error.consentRecorderNotAllowed")) ? Kind.FORBIDDEN
                            : problems.stream().anyMatch(p -> p.key().startsWith("phr.error.consentEvidence")) ? Kind.UNPROCESSABLE
                            : problems.stream().anyMatch(p -> p.key().equals("phr.error.notFound")) ? Kind.NOT_FOUND : Kind.INVALID;
                    throw new PhrException(kind, problems);
                }
            }
            reads.run();
            return List.of(results);
        });
    }

    private static List<Problem> located(int index, PhrException e) {
        return e.problems().stream()
                .map(p -> new Problem(p.key(), "Bundle.entry[" + index + "]" + (p.where() == null ? "" : "." + p.where()), p.args()))
                .toList();
    }

    private record Pending(int index, Observation observation, ObservationRules.Checked checked, String fullUrl) {}

    /**
     * The POST Observation entries of a transaction: every entry checked (all problems collected), conditional
     * creates and memberships resolved with one query each, the new rows written as one JDBC batch.
     */
    private void createObservationsInTx(Accessor accessor, Bundle bundle, Map<String, String> resolved,
            BundleEntryResult[] results, List<Problem> problems) {
        Function<String, UUID> subjects = reference -> PhrFhir.subjectOf(resolved.getOrDefault(reference, reference));
        Map<Integer, String> conditions = new HashMap<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            if (passOf(entry) == 1) {
                if (!(entry.getResource() instanceof Observation) || !"Observation".equals(entry.getRequest().getUrl())) {
                    problems.add(Problem.of("phr.error.bundleUnsupported", "Bundle.entry[" + i + "]", "POST " + entry.getRequest().getUrl()));
                    continue;
                }
                String condition = entry.getRequest().getIfNoneExist();
                if (condition != null && !condition.isBlank()) {
                    try {
                        conditions.put(i, PhrFhir.identifierCondition(condition));
                    } catch (PhrException e) {
                        problems.addAll(located(i, e));
                    }
                }
            }
        }
        Map<String, StoredResource<Observation>> existing = new HashMap<>();
        if (!conditions.isEmpty()) {
            // Matches are reads: through the access join (only where the caller may read them), and logged.
            List<String> keys = new ArrayList<>(new LinkedHashSet<>(conditions.values()));
            List<StoredRows.Row<Observation>> matched = storedRows.read(StoredRows.Table.OBSERVATION, Observation.class, accessor,
                    "o.tenant_id = :writer and o.identifier_key in (:keys)", Map.of("writer", accessor.tenantId(), "keys", keys),
                    keys.size(), 0);
            matched.forEach(r -> ObservationRules.identifierKey(r.resource())
                    .ifPresent(k -> existing.put(k, new StoredResource<>(r.resource(), r.version(), false))));
            accessLog.logRows(accessor, "Observation.match", matched);
        }
        List<Pending> pending = new ArrayList<>();
        Set<String> keysInBundle = new HashSet<>();
        Instant now = clock.instant();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            if (passOf(entry) != 1 || !(entry.getResource() instanceof Observation observation)) {
                continue;
            }
            String condition = conditions.get(i);
            if (condition != null && existing.containsKey(condition)) {
                StoredResource<Observation> found = existing.get(condition);
                String location = "Observation/" + found.resource().getIdElement().getIdPart();
                if (entry.hasFullUrl()) {
                    resolved.put(entry.getFullUrl(), location);
                }
                results[i] = new BundleEntryResult(false, location, found.versionId(), found.resource(), null);
                continue;
            }
            try {
                ObservationRules.Checked checked = codes.rules().check(observation, now, subjects);
                String key = checked.identifierKey().orElse(null);
                if (condition != null && !condition.equals(key)) {
                    throw PhrException.of(Kind.INVALID, "phr.error.ifNoneExistMismatch");
                }
                if (key != null && !keysInBundle.add(key)) {
                    throw PhrException.of(Kind.CONFLICT, "phr.error.duplicateIdentifier", key);
                }
                pending.add(new Pending(i, observation, checked, entry.getFullUrl()));
            } catch (PhrException e) {
                problems.addAll(located(i, e));
            }
        }
        Set<UUID> persons = pending.stream().map(p -> p.checked().personId()).collect(Collectors.toSet());
        Map<UUID, Tombstones.AfterDeletion> deleted = Map.of();
        if (!persons.isEmpty()) {
            Set<UUID> members = new HashSet<>(jdbc.sql("select person_id from phr_membership where tenant_id = :tenant and person_id in (:persons)")
                    .param("tenant", accessor.tenantId()).param("persons", new ArrayList<>(persons)).query(UUID.class).list());
            // after the person's deletion on request only the holder's statutory record, and said so (ADR 0046)
            deleted = tombstones.afterDeletion(accessor.tenantId(), persons);
            for (Pending p : pending) {
                String where = "Bundle.entry[" + p.index() + "].Observation.subject";
                Tombstones.AfterDeletion after = deleted.get(p.checked().personId());
                if (!members.contains(p.checked().personId())) {
                    problems.add(Problem.of("phr.error.subjectUnknown", where, "Patient/" + p.checked().personId()));
                } else if (after != null && !after.allows(p.checked().code().dataCategory())) {
                    problems.add(after.refusal(where));
                }
            }
        }
        if (!problems.isEmpty()) {
            boolean tombstoneOnly = problems.stream().allMatch(p -> p.key().equals("phr.error.tombstoneNotStatutory"));
            throw new PhrException(tombstoneOnly ? Kind.UNPROCESSABLE : Kind.INVALID, problems);
        }
        if (pending.isEmpty()) {
            return;
        }
        IParser parser = PhrFhir.parser();
        List<Object[]> rows = new ArrayList<>();
        for (Pending p : pending) {
            UUID id = UUID.randomUUID();
            Observation o = p.observation();
            Object[] row = ObservationRows.row(accessor, o, p.checked(), id, now, parser);
            rows.add(row);
            String location = "Observation/" + id;
            if (p.fullUrl() != null) {
                resolved.put(p.fullUrl(), location);
            }
            Tombstones.AfterDeletion after = deleted.get(p.checked().personId());
            // the stored JSON goes back as the entry's resource: encoded once, for the row (ADR 0103)
            results[p.index()] = new BundleEntryResult(true, location, 1, o, null,
                    after == null ? List.of() : List.of(after.notice("Observation.subject")), (String) row[ObservationRows.RESOURCE]);
        }
        int[] counts = batch.batchUpdate(ObservationRows.BATCH_INSERT, rows);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw PhrException.of(Kind.CONFLICT, "phr.error.duplicateIdentifier", String.valueOf(rows.get(i)[ObservationRows.IDENTIFIER_KEY]));
            }
        }
    }

    /** A batch: each entry on its own, each with its own status. */
    public List<BundleEntryResult> batch(Accessor accessor, Bundle bundle, Function<String, Integer> ifMatchVersion) {
        // the individual too: each entry applies its own rule (reads of their own person, life-log create; the rest 403)
        List<BundleEntryResult> results = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            try {
                results.add(tx.execute(status -> entry(accessor, entry, new HashMap<>(), ifMatchVersion)));
            } catch (PhrException e) {
                results.add(new BundleEntryResult(false, null, null, null, e));
            }
        }
        return results;
    }

    private static int passOf(Bundle.BundleEntryComponent entry) {
        Bundle.HTTPVerb verb = entry.getRequest().getMethod();
        if (verb == Bundle.HTTPVerb.POST) {
            return entry.getResource() instanceof Patient ? 0 : entry.getResource() instanceof Consent ? 2 : 1;
        }
        return 3;
    }

    private BundleEntryResult entry(Accessor accessor, Bundle.BundleEntryComponent entry, Map<String, String> resolved,
            Function<String, Integer> ifMatchVersion) {
        Bundle.HTTPVerb verb = entry.getRequest().getMethod();
        String url = entry.getRequest().getUrl();
        if (verb == null || url == null) {
            throw PhrException.of(Kind.INVALID, "phr.error.bundleRequest");
        }
        Resource resource = entry.getResource();
        Function<String, UUID> subjects = reference -> PhrFhir.subjectOf(resolved.getOrDefault(reference, reference));
        if (verb == Bundle.HTTPVerb.POST && resource instanceof Patient patient && url.equals("Patient")) {
            StoredResource<Patient> stored = patients.createPatient(accessor, patient);
            String location = "Patient/" + stored.resource().getIdElement().getIdPart();
            if (entry.hasFullUrl()) {
                resolved.put(entry.getFullUrl(), location);
            }
            return new BundleEntryResult(stored.created(), location, 1, stored.resource(), null, stored.notices());
        }
        if (verb == Bundle.HTTPVerb.POST && resource instanceof Observation observation && url.equals("Observation")) {
            Optional<String> ifNoneExist = Optional.ofNullable(entry.getRequest().getIfNoneExist()).filter(s -> !s.isBlank());
            StoredResource<Observation> stored = observations.createInTransaction(accessor, observation, ifNoneExist, subjects, null);
            String location = "Observation/" + stored.resource().getIdElement().getIdPart();
            if (entry.hasFullUrl()) {
                resolved.put(entry.getFullUrl(), location);
            }
            return new BundleEntryResult(stored.created(), location, stored.versionId(), stored.resource(), null, stored.notices());
        }
        if (verb == Bundle.HTTPVerb.POST && resource instanceof Consent consent && url.equals("Consent")) {
            // Consent.patient may name a Patient created earlier in the same Bundle by its urn:uuid.
            if (consent.hasPatient() && resolved.containsKey(consent.getPatient().getReference())) {
                consent.getPatient().setReference(resolved.get(consent.getPatient().getReference()));
            }
            StoredResource<Consent> stored = consents.createConsent(accessor, consent);
            String location = "Consent/" + stored.resource().getIdElement().getIdPart();
            if (entry.hasFullUrl()) {
                resolved.put(entry.getFullUrl(), location);
            }
            return new BundleEntryResult(true, location, stored.versionId(), stored.resource(), null);
        }
        if (verb == Bundle.HTTPVerb.PUT && resource instanceof Observation observation && url.startsWith("Observation/")) {
            UUID id = PhrFhir.uuid(url.substring("Observation/".length()));
            Optional<Integer> ifMatch = Optional.ofNullable(entry.getRequest().getIfMatch()).map(ifMatchVersion);
            if (observation.hasSubject() && resolved.containsKey(observation.getSubject().getReference())) {
                observation.getSubject().setReference(resolved.get(observation.getSubject().getReference()));
            }
            StoredResource<Observation> stored = observations.updateObservation(accessor, id, observation, ifMatch);
            return new BundleEntryResult(false, "Observation/" + id, stored.versionId(), stored.resource(), null, stored.notices());
        }
        if (verb == Bundle.HTTPVerb.GET && url.startsWith("Observation/")) {
            StoredResource<Observation> stored = observations.readObservation(accessor, PhrFhir.uuid(url.substring("Observation/".length())));
            return new BundleEntryResult(false, url, stored.versionId(), stored.resource(), null);
        }
        if (verb == Bundle.HTTPVerb.GET && url.startsWith("Patient/")) {
            Patient patient = patients.readPatient(accessor, PhrFhir.uuid(url.substring("Patient/".length())));
            return new BundleEntryResult(false, url, 1, patient, null);
        }
        throw PhrException.of(Kind.INVALID, "phr.error.bundleUnsupported", verb.toCode() + " " + url);
    }
}
