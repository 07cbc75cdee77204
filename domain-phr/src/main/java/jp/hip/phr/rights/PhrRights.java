package jp.hip.phr.rights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.hl7.fhir.r4.model.Patient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ca.uhn.fhir.parser.IParser;
import jp.hip.identity.AuditLog;
import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.Accessor.Channel;
import jp.hip.phr.ConsentView;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.access.ConsentEvidence;
import jp.hip.phr.access.Individuals;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.ObservationRows;
import jp.hip.phr.persons.PatientStore;

/** The person's rights (facade): export of everything about them, and deletion on request (ref-phr.md §6.6–6.7). */
@Service
public class PhrRights {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AuditLog audit;
    private final Individuals individuals;
    private final AccessLog accessLog;
    private final PatientStore patients;
    private final PhrConsents consents;

    PhrRights(JdbcClient jdbc, TransactionTemplate tx, Clock clock, AuditLog audit, Individuals individuals,
            AccessLog accessLog, PatientStore patients, PhrConsents consents) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.individuals = individuals;
        this.accessLog = accessLog;
        this.patients = patients;
        this.consents = consents;
    }

    /** Everything about the individual: FHIR NDJSON (Patient, Observation, MedicationStatement, Consent) plus the original files, as a ZIP. */
    public byte[] exportMine(Accessor individual) {
        UUID person = individuals.myPerson(individual);
        Accessor exporter = individual.via(Channel.EXPORT);
        IParser parser = PhrFhir.parser();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] counts = new int[3];
        int medicationCount = jdbc.sql("select count(*) from phr_medication_statement where person_id = ?").param(person)
                .query(Integer.class).single();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("Patient.ndjson"));
            for (Patient p : patients.patientOf(exporter, person).stream().toList()) {
                zip.write((parser.encodeResourceToString(p) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("Observation.ndjson"));
            List<String> observations = jdbc.sql("select resource::text from phr_observation where person_id = ? order by effective_start")
                    .param(person).query(String.class).list();
            for (String json : observations) {
                // jsonb re-spaces the text: re-encode for one compact resource per line
                zip.write((parser.encodeResourceToString(ObservationRows.parse(json)) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            counts[0] = observations.size();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("MedicationStatement.ndjson"));
            List<String> medications = jdbc.sql("select resource::text from phr_medication_statement where person_id = ? order by effective_start")
                    .param(person).query(String.class).list();
            for (String json : medications) {
                zip.write((parser.encodeResourceToString(PhrMedications.parseMedicationStatement(json)) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("Consent.ndjson"));
            for (ConsentView c : consents.consentsOf(person)) {
                zip.write((parser.encodeResourceToString(consents.toFhir(c)) + "\n").getBytes(StandardCharsets.UTF_8));
                counts[1]++;
            }
            zip.closeEntry();
            Set<String> names = new LinkedHashSet<>();
            for (Object[] doc : jdbc.sql("select id, file_name, content from phr_source_document where person_id = ? order by received_at")
                    .param(person).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3)}).list()) {
                String name = "original/" + doc[0] + "_" + ((String) doc[1]).replaceAll("[^A-Za-z0-9._-]", "_");
                if (names.add(name)) {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write((byte[]) doc[2]);
                    zip.closeEntry();
                    counts[2]++;
                }
            }
            for (PhrConsents.EvidenceFile evidence : consents.evidenceOf(person)) {
                // the documents tenants recorded consents with (ADR 0037)
                zip.putNextEntry(new ZipEntry("evidence/" + evidence.consentId() + "_v" + evidence.consentVersion() + "."
                        + ConsentEvidence.extensionOf(evidence.mediaType())));
                zip.write(evidence.content());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        accessLog.logRead(exporter, person, "Export", AccessBasis.SELF, List.of("Observation (" + counts[0] + ")", "MedicationStatement (" + medicationCount + ")",
                "Consent (" + counts[1] + ")", "original (" + counts[2] + ")"), List.of());
        return bytes.toByteArray();
    }

    /**
     * Deletion on request: removes the person's observations, medication statements, original files, consents, memberships and the
     * person row itself for real, leaving a tombstone (what was removed, when, by whom) and the audit trails.
     */
    public void deleteMine(Accessor individual) {
        UUID person = individuals.myPerson(individual);
        tx.executeWithoutResult(status -> {
            Map<String, Object> removed = new LinkedHashMap<>();
            removed.put("observations", jdbc.sql("delete from phr_observation where person_id = ?").param(person).update());
            removed.put("medicationStatements", jdbc.sql("delete from phr_medication_statement where person_id = ?").param(person).update());
            removed.put("sourceDocuments", jdbc.sql("delete from phr_source_document where person_id = ?").param(person).update());
            removed.put("consentEvidence", jdbc.sql("delete from phr_consent_evidence where person_id = ?").param(person).update());
            removed.put("consentVersions", jdbc.sql("delete from phr_consent where person_id = ?").param(person).update());
            removed.put("memberships", jdbc.sql("delete from phr_membership where person_id = ?").param(person).update());
            jdbc.sql("delete from phr_person where id = ?").param(person).update();
            jdbc.sql("insert into phr_tombstone (person_id, deleted_at, deleted_by, removed) values (?, ?, ?, cast(? as jsonb))")
                    .params(person, Timestamp.from(clock.instant()), individual.actorId(), toJson(removed)).update();
            audit.record("PHR_PERSON_DELETED", "Patient", person, removed);
        });
    }

    public Optional<Instant> tombstoneOf(UUID personId) {
        return jdbc.sql("select deleted_at from phr_tombstone where person_id = ?").param(personId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    private static String toJson(Map<String, Object> map) {
        return map.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
