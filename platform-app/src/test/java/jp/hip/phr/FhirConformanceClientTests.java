package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jp.hip.TestDatabase;

/**
 * Conformance with HAPI FHIR's generic client over real HTTP, in JSON and in XML (issue 10, Quality): the
 * CapabilityStatement, create, read, search with parameters, _count with next pages, $everything in pages, a
 * transaction Bundle, and errors as OperationOutcome. Every answer is checked to come in the encoding asked for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
class FhirConformanceClientTests {

    static final String WEIGHT = "9N006000000000001";
    static final String ITEM_SYSTEM = "urn:oid:1.2.392.200119.6.1005";

    @LocalServerPort int port;
    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;

    /** The mime types of the answers and the first characters of the bodies sent, per client. */
    final List<String> answered = new ArrayList<>();
    final List<String> sent = new ArrayList<>();

    /** The client's own insurer. */
    UUID insurer;

    IGenericClient client(EncodingEnum encoding) throws Exception {
        insurer = fixture.insurer();
        IGenericClient client = FhirTestClient.genericClient(port, fhir.httpTokenFor(port, insurer, FhirApiTests.ALL));
        client.setEncoding(encoding);
        client.registerInterceptor(new IClientInterceptor() {
            @Override
            public void interceptRequest(IHttpRequest request) {
                try {
                    String body = request.getRequestBodyFromStream();
                    if (body != null && !body.isBlank()) {
                        sent.add(body.strip().substring(0, 1));
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void interceptResponse(IHttpResponse response) {
                answered.add(response.getMimeType());
            }
        });
        return client;
    }

    /** Every answer was in the encoding asked for, and every body sent too. */
    void allIn(EncodingEnum encoding) {
        String mime = encoding == EncodingEnum.XML ? "application/fhir+xml" : "application/fhir+json";
        assertThat(answered).isNotEmpty().allSatisfy(m -> assertThat(m).startsWith(mime));
        assertThat(sent).allSatisfy(first -> assertThat(first).isEqualTo(encoding == EncodingEnum.XML ? "<" : "{"));
    }

    static Observation weight(String subject, double kg, Date when) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().addCoding(new Coding(ITEM_SYSTEM, WEIGHT, "体重"));
        o.setSubject(new Reference(subject));
        o.setEffective(new DateTimeType(when));
        o.setValue(new Quantity().setValue(BigDecimal.valueOf(kg)).setUnit("kg").setSystem("http://unitsofmeasure.org").setCode("kg"));
        return o;
    }

    static Date daysAgo(int days) {
        return new Date(System.currentTimeMillis() - days * 86_400_000L);
    }

    @ParameterizedTest
    @EnumSource(names = {"JSON", "XML"})
    void capabilityStatementDeclaresBothFormatsAndTheSearchParameters(EncodingEnum encoding) throws Exception {
        IGenericClient client = client(encoding);
        CapabilityStatement cs = client.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(cs.getFormat()).extracting(f -> f.getValue()).contains("application/fhir+json", "application/fhir+xml");
        var patient = cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Patient")).findFirst().orElseThrow();
        assertThat(patient.getSearchParam()).extracting(p -> p.getName()).contains("identifier", "name", "birthdate");
        assertThat(patient.getSearchParam()).filteredOn(p -> p.getName().equals("identifier"))
                .allSatisfy(p -> assertThat(p.getDocumentation()).contains(PhrFhir.JP_INSURANCE_MEMBER_SYSTEM));
        allIn(encoding);
    }

    @ParameterizedTest
    @EnumSource(names = {"JSON", "XML"})
    void createReadSearchWithParametersAndPages(EncodingEnum encoding) throws Exception {
        IGenericClient client = client(encoding);
        PhrFixture.Member stranger = fixture.member(fixture.insurer()); // another insurer's member
        Patient patient = new Patient();
        String card = "06139999:記号" + encoding + ":" + (System.nanoTime() % 1_000_000) + ":01";
        patient.addIdentifier().setSystem(PhrFhir.JP_INSURANCE_MEMBER_SYSTEM).setValue(card);
        patient.addName().setFamily("伊藤").addGiven("健");
        MethodOutcome createdPatient = client.create().resource(patient).execute();
        assertThat(createdPatient.getCreated()).isTrue();
        String patientId = createdPatient.getId().getIdPart();

        Patient read = client.read().resource(Patient.class).withId(patientId).execute();
        assertThat(read.getIdentifier()).anyMatch(i -> PhrFhir.JP_INSURANCE_MEMBER_SYSTEM.equals(i.getSystem()) && card.equals(i.getValue()));
        Bundle byIdentifier = client.search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(PhrFhir.JP_INSURANCE_MEMBER_SYSTEM, card))
                .returnBundle(Bundle.class).execute();
        assertThat(byIdentifier.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(patientId);

        Set<String> created = new LinkedHashSet<>();
        for (int i = 0; i < 5; i++) {
            MethodOutcome outcome = client.create().resource(weight("Patient/" + patientId, 60 + i, daysAgo(i + 1))).execute();
            assertThat(outcome.getCreated()).isTrue();
            created.add(outcome.getId().getIdPart());
        }
        Observation one = client.read().resource(Observation.class).withId(created.iterator().next()).execute();
        assertThat(one.getSubject().getReference()).isEqualTo("Patient/" + patientId);

        Bundle page = client.search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(Observation.CODE.exactly().systemAndCode(ITEM_SYSTEM, WEIGHT))
                .and(Observation.DATE.afterOrEquals().day(daysAgo(30)))
                .count(2).returnBundle(Bundle.class).execute();
        List<String> found = new ArrayList<>();
        int pages = 0;
        while (page != null && pages++ < 10) {
            assertThat(page.getEntry().size()).isLessThanOrEqualTo(2);
            page.getEntry().forEach(e -> found.add(e.getResource().getIdElement().getIdPart()));
            page = page.getLink(Bundle.LINK_NEXT) == null ? null : client.loadPage().next(page).execute();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(found).containsExactlyInAnyOrderElementsOf(created);

        Bundle none = client.search().forResource(Observation.class).where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .and(Observation.DATE.before().day(daysAgo(40))).returnBundle(Bundle.class).execute();
        assertThat(none.getEntry()).isEmpty();
        // another insurer's member is not found by this client
        Bundle others = client.search().forResource(Observation.class).where(Observation.SUBJECT.hasId("Patient/" + stranger.personId()))
                .returnBundle(Bundle.class).execute();
        assertThat(others.getEntry()).isEmpty();
        allIn(encoding);
    }

    @ParameterizedTest
    @EnumSource(names = {"JSON", "XML"})
    void everythingInPagesAndATransaction(EncodingEnum encoding) throws Exception {
        IGenericClient client = client(encoding);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(PhrFhir.INSURED_NUMBER_SYSTEM).setValue("記号T:" + (System.nanoTime() % 1_000_000));
        patient.addName().setFamily("小林").addGiven("陽子");
        String urn = "urn:uuid:" + UUID.randomUUID();
        transaction.addEntry().setFullUrl(urn).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        for (int i = 0; i < 4; i++) {
            transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(weight(urn, 50 + i, daysAgo(i + 1)))
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        }
        Bundle response = client.transaction().withBundle(transaction).execute();
        assertThat(response.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(response.getEntry()).hasSize(5).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
        String patientId = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();

        Bundle page = client.operation().onInstance(new IdType("Patient", patientId)).named("$everything")
                .withParameter(Parameters.class, "_count", new IntegerType(2)).useHttpGet().returnResourceType(Bundle.class).execute();
        Set<String> everything = new LinkedHashSet<>();
        int pages = 0;
        while (page != null && pages++ < 10) {
            page.getEntry().forEach(e -> everything.add(e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart()));
            page = page.getLink(Bundle.LINK_NEXT) == null ? null : client.loadPage().next(page).execute();
        }
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(everything).hasSize(5).contains("Patient/" + patientId);
        assertThat(everything.stream().filter(s -> s.startsWith("Observation/"))).hasSize(4);
        allIn(encoding);
    }

    @ParameterizedTest
    @EnumSource(names = {"JSON", "XML"})
    void errorsAreOperationOutcomes(EncodingEnum encoding) throws Exception {
        IGenericClient client = client(encoding);
        PhrFixture.Member member = fixture.member(insurer);

        assertThatThrownBy(() -> client.read().resource(Patient.class).withId(UUID.randomUUID().toString()).execute())
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(outcome(e).getIssueFirstRep().getCode())
                        .isEqualTo(OperationOutcome.IssueType.NOTFOUND));
        assertThatThrownBy(() -> client.search().byUrl("Observation?subjet=Patient/" + member.personId()).returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(outcome(e).getIssueFirstRep().getDiagnostics())
                        .contains("subjet"));
        Patient malformed = new Patient();
        malformed.addIdentifier().setSystem(PhrFhir.JP_INSURANCE_MEMBER_SYSTEM).setValue("0613:記号:1:01");
        malformed.addName().setFamily("誤");
        assertThatThrownBy(() -> client.create().resource(malformed).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(outcome(e).getIssueFirstRep().getExpression())
                        .extracting(x -> x.getValue()).containsExactly("Patient.identifier[0]"));
        Observation future = weight("Patient/" + member.personId(), 60, new Date(System.currentTimeMillis() + 3 * 86_400_000L));
        assertThatThrownBy(() -> client.create().resource(future).execute())
                .isInstanceOfAny(InvalidRequestException.class, UnprocessableEntityException.class)
                .satisfies(e -> assertThat(outcome((BaseServerResponseException) e).getIssue()).isNotEmpty());
        allIn(encoding);
    }

    static OperationOutcome outcome(BaseServerResponseException e) {
        assertThat(e.getOperationOutcome()).as(e.getMessage()).isInstanceOf(OperationOutcome.class);
        return (OperationOutcome) e.getOperationOutcome();
    }
}
