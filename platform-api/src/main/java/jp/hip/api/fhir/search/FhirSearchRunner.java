package jp.hip.api.fhir.search;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

import jp.hip.api.ApiClient;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.access.StoredRows.Row;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.ObservationSearches;
import jp.hip.phr.persons.PatientStore;
import jp.hip.api.fhir.FhirResponses;

/**
 * The type searches (issue 10), for a search request and for a Bundle entry alike: {@link #prepare} turns checked
 * parameters into the domain's search, refusing a malformed value before anything runs (so a transaction can refuse
 * before it writes); the supplier it returns runs the search, with the access join and the access log inside the
 * capability, and answers the searchset.
 */
@Component
public class FhirSearchRunner {

    /** The resource types that have a type search. */
    public static final Set<String> TYPES = Set.of("Patient", "Observation", "Consent", "MedicationStatement");

    private final PatientStore patients;
    private final ObservationSearches observations;
    private final PhrConsents consents;
    private final PhrMedications medications;
    private final FhirResponses responses;
    private final Clock clock;

    FhirSearchRunner(PatientStore patients, ObservationSearches observations, PhrConsents consents,
            PhrMedications medications, FhirResponses responses, Clock clock) {
        this.patients = patients;
        this.observations = observations;
        this.consents = consents;
        this.medications = medications;
        this.responses = responses;
        this.clock = clock;
    }

    /** _summary=count, or _count=0: the total alone. */
    private static boolean totalOnly(FhirSearchCheck.Checked checked, int count) {
        return count == 0 || "count".equals(checked.first("_summary"));
    }

    /** The search of {@code type} the checked parameters ask for, ready to run; 400 for a malformed value. */
    public Supplier<Bundle> prepare(ApiClient client, String type, FhirSearchCheck.Checked checked) {
        Accessor accessor = responses.accessor(client);
        return switch (type) {
            case "Observation" -> observations(accessor, checked);
            case "Patient" -> patients(accessor, checked);
            case "Consent" -> consents(accessor, checked);
            case "MedicationStatement" -> medications(accessor, checked);
            default -> throw PhrException.of(PhrException.Kind.NOT_FOUND, "phr.error.notFound", type);
        };
    }

    private Supplier<Bundle> observations(Accessor accessor, FhirSearchCheck.Checked checked) {
        var search = FhirSearch.observations(checked, clock.instant());
        return () -> {
            if (totalOnly(checked, search.count())) {
                long total = observations.count(accessor, search);
                return responses.searchset(checked, List.of(), List.of(), total, 0, search.offset());
            }
            List<Row<Observation>> rows = observations.search(accessor, search, "Observation.search");
            List<Patient> included = checked.values("_include").isEmpty() ? List.of()
                    : patients.includePatients(accessor, rows.stream().map(Row::personId).distinct().toList());
            return responses.searchset(checked, rows.stream().map(Row::resource).toList(), included, null,
                    search.count(), search.offset());
        };
    }

    private Supplier<Bundle> patients(Accessor accessor, FhirSearchCheck.Checked checked) {
        var search = FhirSearch.patients(checked, clock.instant());
        return () -> {
            if (totalOnly(checked, search.count())) {
                long total = patients.countPatients(accessor, search);
                return responses.searchset(checked, List.of(), List.of(), total, 0, search.offset());
            }
            List<Patient> found = patients.searchPatients(accessor, search);
            return responses.searchset(checked, found, List.of(), null, search.count(), search.offset());
        };
    }

    private Supplier<Bundle> consents(Accessor accessor, FhirSearchCheck.Checked checked) {
        int size = FhirSearch.count(checked.first("_count"));
        int from = FhirSearch.offset(checked.first("_offset"));
        List<String> statuses = new ArrayList<>();
        for (String value : checked.values("status")) {
            for (String status : value.split(",")) {
                String code = status.contains("|") ? status.substring(status.indexOf('|') + 1) : status;
                if (!code.equals("active") && !code.equals("inactive")) {
                    throw new PhrException(PhrException.Kind.INVALID, List.of(PhrException.Problem.of("phr.error.searchValue", "status", "status", value)));
                }
                statuses.add(code);
            }
        }
        var patient = FhirSearch.subject(null, checked.first("patient"));
        // paged in SQL, newest first
        return () -> responses.searchset(checked, consents.consentsForRecipient(accessor, patient, statuses, size, from),
                List.of(), null, size, from);
    }

    private Supplier<Bundle> medications(Accessor accessor, FhirSearchCheck.Checked checked) {
        int size = FhirSearch.count(checked.first("_count"));
        int from = FhirSearch.offset(checked.first("_offset"));
        var subject = FhirSearch.subject(checked.first("subject"), checked.first("patient"));
        return () -> {
            List<MedicationStatement> found = medications.searchMedicationStatements(accessor, subject, size, from);
            return responses.searchset(checked, found, List.of(), null, size, from);
        };
    }
}
