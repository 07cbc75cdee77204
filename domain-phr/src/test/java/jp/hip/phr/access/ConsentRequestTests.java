package jp.hip.phr.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import jp.hip.phr.DataCategory;
import jp.hip.phr.PhrException;
import jp.hip.phr.PhrFhir;

/** How a posted FHIR Consent is read: one mapping, strictly, every problem at once. */
class ConsentRequestTests {

    static final UUID PERSON = UUID.randomUUID();
    static final UUID RECIPIENT = UUID.randomUUID();

    static Consent consent() {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding(ConsentRequest.SCOPE_SYSTEM, "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
        consent.setPatient(new Reference("Patient/" + PERSON));
        Consent.ProvisionComponent provision = consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        provision.addActor().setRole(new CodeableConcept(new Coding(ConsentRequest.PARTICIPATION_SYSTEM, "IRCP", null)))
                .setReference(new Reference("Organization/" + RECIPIENT));
        provision.addCode(new CodeableConcept(new Coding(PhrFhir.DATA_CATEGORY_SYSTEM, "LIFELOG", null)));
        provision.getDataPeriod().setStartElement(new DateTimeType("2025-04-01T00:00:00+09:00"));
        return consent;
    }

    static String[] keys(Consent consent) {
        try {
            ConsentRequest.of(consent);
            return new String[0];
        } catch (PhrException e) {
            return e.problems().stream().map(PhrException.Problem::key).toArray(String[]::new);
        }
    }

    @Test
    void anActivePermitIsAGrantOfOneCategoryForTheWrittenDates() {
        ConsentRequest request = ConsentRequest.of(consent());
        assertThat(request).isEqualTo(new ConsentRequest(PERSON, RECIPIENT, DataCategory.LIFELOG, true, false,
                LocalDate.of(2025, 4, 1), null));
    }

    @Test
    void anInactiveConsentOrADenyIsAWithdrawal() {
        Consent inactive = consent().setStatus(Consent.ConsentState.INACTIVE);
        assertThat(ConsentRequest.of(inactive).grant()).isFalse();
        Consent deny = consent();
        deny.getProvision().setType(Consent.ConsentProvisionType.DENY);
        assertThat(ConsentRequest.of(deny).grant()).isFalse();
        assertThat(ConsentRequest.of(deny).deny()).isTrue();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Consent bad = consent().setStatus(Consent.ConsentState.PROPOSED);
        bad.getProvision().getCodeFirstRep().getCodingFirstRep().setCode("GENOME");
        bad.getProvision().getDataPeriod().setEndElement(new DateTimeType("2025-03-31"));
        bad.getProvision().getActorFirstRep().setReference(new Reference("Practitioner/" + RECIPIENT));
        assertThat(keys(bad)).containsExactly("phr.error.consentStatus", "phr.error.consentActor",
                "phr.error.consentDataCategory", "phr.error.consentPeriodOrder");
    }

    @Test
    void aMissingProvisionOrPatientIsRefused() {
        Consent noProvision = consent();
        noProvision.setProvision(null);
        assertThat(keys(noProvision)).containsExactly("phr.error.consentProvision");
        Consent noPatient = consent().setPatient(null);
        assertThat(keys(noPatient)).containsExactly("phr.error.consentPatient");
    }

    @Test
    void theOtherCategoryMappingsAreNotAccepted() {
        Consent byClass = consent();
        byClass.getProvision().addClass_(new Coding("http://hl7.org/fhir/resource-types", "Observation", null));
        assertThat(keys(byClass)).containsExactly("phr.error.consentUnsupported");
        Consent twoCodes = consent();
        twoCodes.getProvision().addCode(new CodeableConcept(new Coding(PhrFhir.DATA_CATEGORY_SYSTEM, "CHECKUP", null)));
        assertThat(keys(twoCodes)).containsExactly("phr.error.consentDataCategory");
        assertThatThrownBy(() -> ConsentRequest.of(consent().setScope(null))).isInstanceOf(PhrException.class);
    }
}
