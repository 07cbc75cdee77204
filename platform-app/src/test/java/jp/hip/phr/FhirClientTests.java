package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Date;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jp.hip.TestDatabase;

/** HAPI FHIR's generic client over real HTTP against the running app: create, search, transaction, conditional create. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
class FhirClientTests {

    @LocalServerPort int port;
    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;

    IGenericClient client;
    PhrFixture.Member member;
    UUID insurer;

    @BeforeEach
    void setUp() throws Exception {
        insurer = fixture.insurer();
        member = fixture.member(insurer);
        fixture.consent(member, insurer, DataCategory.CHECKUP);
        client = FhirTestClient.genericClient(port, fhir.httpTokenFor(port, insurer, FhirApiTests.ALL));
    }

    static Observation weight(String subject, double kg, Date when, String deviceId) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding("urn:oid:1.2.392.200119.6.1005", "9N006000000000001", "体重"));
        o.setSubject(new Reference(subject));
        o.setEffective(new DateTimeType(when));
        o.setValue(new Quantity().setValue(BigDecimal.valueOf(kg)).setUnit("kg").setSystem("http://unitsofmeasure.org").setCode("kg"));
        if (deviceId != null) {
            o.addIdentifier().setSystem("urn:device:scale-7").setValue(deviceId);
        }
        return o;
    }

    @Test
    void createsReadsAndSearchesWithPaging() {
        assertThat(client.capabilities().ofType(CapabilityStatement.class).execute().getFhirVersion().toCode()).isEqualTo("4.0.1");
        for (int i = 0; i < 5; i++) {
            MethodOutcome outcome = client.create().resource(weight("Patient/" + member.personId(), 70 + i,
                    new Date(System.currentTimeMillis() - (i + 1) * 86_400_000L), null)).execute();
            assertThat(outcome.getCreated()).isTrue();
            assertThat(outcome.getId().getVersionIdPart()).isEqualTo("1");
        }
        Bundle page = client.search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + member.personId()))
                .and(Observation.CODE.exactly().systemAndCode("urn:oid:1.2.392.200119.6.1005", "9N006000000000001"))
                .count(3).returnBundle(Bundle.class).execute();
        assertThat(page.getEntry()).hasSize(3);
        Bundle next = client.loadPage().next(page).execute();
        assertThat(next.getEntry()).hasSize(2);
        Patient patient = client.read().resource(Patient.class).withId(member.personId().toString()).execute();
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("山田");
        assertThatThrownBy(() -> client.read().resource(Patient.class).withId(UUID.randomUUID().toString()).execute())
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void conditionalCreateDoesNotStoreAResentReadingTwice() {
        Observation reading = weight("Patient/" + member.personId(), 71.5, new Date(System.currentTimeMillis() - 3_600_000), "r-1001");
        MethodOutcome first = client.create().resource(reading).conditionalByUrl("Observation?identifier=urn:device:scale-7|r-1001").execute();
        MethodOutcome again = client.create().resource(reading).conditionalByUrl("Observation?identifier=urn:device:scale-7|r-1001").execute();
        assertThat(first.getCreated()).isTrue();
        assertThat(again.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(again.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
    }

    @Test
    void transactionWithUrnUuidReferencesAndARejectedOne() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:oid:1.2.392.200119.6.205").setValue("健002:" + (System.nanoTime() % 10_000_000));
        patient.addName().setFamily("高橋").addGiven("美咲");
        String urn = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(urn).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(weight(urn, 55.2, new Date(System.currentTimeMillis() - 86_400_000L), null))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        Bundle response = client.transaction().withBundle(bundle).execute();
        assertThat(response.getEntry()).hasSize(2);
        assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("201");
        assertThat(((Observation) response.getEntry().get(1).getResource()).getSubject().getReference())
                .isEqualTo(response.getEntry().get(0).getResponse().getLocation().replaceAll("/_history/.*", ""));

        Bundle bad = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bad.addEntry().setResource(weight("Patient/" + member.personId(), 60, new Date(), null))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        bad.addEntry().setResource(weight("Patient/" + member.personId(), 60, new Date(System.currentTimeMillis() + 86_400_000L * 3), null))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        assertThatThrownBy(() -> client.transaction().withBundle(bad).execute())
                .isInstanceOfAny(InvalidRequestException.class, UnprocessableEntityException.class);
        Bundle stored = client.search().forResource(Observation.class).where(Observation.SUBJECT.hasId("Patient/" + member.personId()))
                .returnBundle(Bundle.class).execute();
        assertThat(stored.getEntry()).isEmpty();
    }
}
