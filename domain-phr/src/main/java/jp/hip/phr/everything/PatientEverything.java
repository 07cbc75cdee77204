package jp.hip.phr.everything;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Service;

import jp.hip.phr.Accessor;
import jp.hip.phr.access.StoredRows;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.ObservationSearches;
import jp.hip.phr.persons.PatientStore;
import jp.hip.phr.search.ObservationSearch;

/**
 * Patient/$everything in pages (issue 10): one ordered stream — the Patient, then the observations newest first,
 * then the medication statements (when the caller may read them) — cut at {@code offset} and {@code count}. Each
 * part is read through the access join and logged; {@code since} keeps only resources changed since then.
 */
@Service
public class PatientEverything {

    /** One page, and whether a next page may hold more (the page was full). */
    public record Page(List<Resource> resources, boolean full) {}

    private final PatientStore patients;
    private final ObservationSearches observations;
    private final PhrMedications medications;
    PatientEverything(PatientStore patients, ObservationSearches observations, PhrMedications medications) {
        this.patients = patients;
        this.observations = observations;
        this.medications = medications;
    }

    public Page page(Accessor accessor, UUID person, boolean withMedications, Optional<Instant> since, int count, int offset) {
        List<Resource> page = new ArrayList<>();
        // the Patient first (a 404 when the accessor holds no basis for the person), on the first page only
        var patient = patients.readPatient(accessor, person);
        int remaining = count;
        int observationOffset = offset;
        if (offset == 0) {
            page.add(patient);
            remaining--;
        } else {
            observationOffset = offset - 1;
        }
        int observationsRead = 0;
        if (remaining > 0) {
            List<Observation> found = observations.search(accessor, ObservationSearch.of(person, since, remaining, observationOffset),
                    "Observation.everything").stream().map(StoredRows.Row::resource).toList();
            page.addAll(found);
            observationsRead = found.size();
            remaining -= found.size();
        }
        if (remaining > 0 && withMedications) {
            long observationTotal = observationsRead > 0 || observationOffset == 0
                    ? observationOffset + observationsRead
                    : observationCount(accessor, person, since);
            int medicationOffset = (int) Math.max(0, observationOffset - observationTotal);
            page.addAll(medications.everythingPage(accessor, person, since, remaining, medicationOffset));
        }
        return new Page(page, page.size() == count);
    }

    private long observationCount(Accessor accessor, UUID person, Optional<Instant> since) {
        return observations.positionCount(accessor, ObservationSearch.of(person, since, 0, 0));
    }
}
