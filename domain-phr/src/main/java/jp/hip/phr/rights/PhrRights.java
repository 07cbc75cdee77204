package jp.hip.phr.rights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.hl7.fhir.r4.model.Patient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import ca.uhn.fhir.parser.IParser;
import jp.hip.phr.AccessBasis;
import jp.hip.phr.Accessor;
import jp.hip.phr.Accessor.Channel;
import jp.hip.phr.ConsentView;
import jp.hip.phr.PhrFhir;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.access.ConsentEvidence;
import jp.hip.phr.access.Individuals;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.access.Tombstones;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.ObservationRows;
import jp.hip.phr.persons.PatientStore;

/** The person's rights (facade): export of everything about them, and deletion on request (ref-phr.md §6.6–6.7). */
@Service
public class PhrRights {

    private final JdbcClient jdbc;
    private final Individuals individuals;
    private final AccessLog accessLog;
    private final PatientStore patients;
    private final PhrConsents consents;
    private final PersonalDeletion deletion;
    private final ExportRuns exports;
    private final Tombstones tombstones;

    PhrRights(JdbcClient jdbc, Individuals individuals, AccessLog accessLog, PatientStore patients, PhrConsents consents,
            PersonalDeletion deletion, ExportRuns exports, Tombstones tombstones) {
        this.jdbc = jdbc;
        this.individuals = individuals;
        this.accessLog = accessLog;
        this.patients = patients;
        this.consents = consents;
        this.deletion = deletion;
        this.exports = exports;
        this.tombstones = tombstones;
    }

    /** Everything about the individual: FHIR NDJSON (Patient, Observation, MedicationStatement, Consent) plus the original files, as a ZIP. */
    public byte[] exportMine(Accessor individual) {
        UUID person = individuals.myPerson(individual);
        Accessor exporter = individual.via(Channel.EXPORT);
        try (ExportRuns.Run run = exports.begin(person, individual.actorId())) {
            return export(exporter, person);
        }
    }

    private byte[] export(Accessor exporter, UUID person) {
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

    /** What a deletion today would leave, with which holder, under which statute and until when (shown before it). */
    public List<RetainedRecord> whatRemainsAfterDeletion(Accessor individual) {
        return deletion.retained(individuals.myPerson(individual));
    }

    /** A deletion done: when, how much went (by kind) and what stays with which holder (shown after it). */
    public record Deletion(Instant deletedAt, Map<String, Integer> removed, List<RetainedRecord> retained) {}

    /**
     * Deletion on request (ADR 0041): removes for real what the platform holds for the person on their own account and
     * closes the account; the checkup records a holder must keep by law stay with it until their period ends. Refused
     * (409) while the person's export runs.
     */
    public Deletion deleteMine(Accessor individual) {
        UUID person = individuals.myPerson(individual);
        PersonalDeletion.Outcome outcome = deletion.delete(person, individual.tenantId(), individual.actorId());
        return new Deletion(outcome.deletedAt(), outcome.removed(), outcome.retained());
    }

    public Optional<Instant> tombstoneOf(UUID personId) {
        return tombstones.deletedAt(personId);
    }
}
