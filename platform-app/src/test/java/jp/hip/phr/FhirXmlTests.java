package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import ca.uhn.fhir.parser.IParser;
import jp.hip.ApiTokens;
import jp.hip.PlatformTest;

/**
 * FHIR XML request bodies (issue 10, item 6): creates and Bundles in XML through HAPI's parser, answered in the
 * format asked for (or the body's); 415 for other body types; a DOCTYPE (XXE) refused with 400 and nothing written.
 */
@PlatformTest
class FhirXmlTests {

    @Autowired MockMvc mvc;
    @Autowired ApiTokens tokens;
    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;

    PhrFixture.Member member;
    String token;
    final IParser xml = PhrFhir.fhirContext().newXmlParser();
    final IParser json = PhrFhir.fhirContext().newJsonParser();

    @BeforeEach
    void setUp() throws Exception {
        UUID insurer = fixture.insurer();
        member = fixture.member(insurer);
        fixture.consent(member, insurer, DataCategory.CHECKUP);
        token = ApiTokens.token(mvc, tokens.register(insurer, FhirApiTests.ALL.split(" ")), FhirApiTests.ALL);
    }

    MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return fhir.perform(request, token);
    }

    String observationXml(String value, Instant when, String identifier) {
        Observation o = json.parseResource(Observation.class,
                FhirApiTests.observation(member.personId(), "9N006000000000001", value, "kg", when, identifier));
        return xml.encodeResourceToString(o);
    }

    /** The observations of the member a search finds (what a refused write must not have added). */
    int stored() throws Exception {
        MockHttpServletResponse r = perform(get("/fhir/Observation").param("subject", "Patient/" + member.personId()).param("_count", "100"));
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        return FhirSearchTestSupport.matches(json.parseResource(Bundle.class, r.getContentAsString())).size();
    }

    @Test
    void createsFromXmlAndAnswersInTheFormatAskedForOrTheBodys() throws Exception {
        Instant when = Instant.parse("2025-06-01T01:00:00Z");
        MockHttpServletResponse created = perform(post("/fhir/Observation").contentType("application/fhir+xml")
                .content(observationXml("70.5", when, "x-1")));
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        assertThat(created.getContentType()).startsWith("application/fhir+xml"); // no Accept: the body's format
        Observation stored = xml.parseResource(Observation.class, created.getContentAsString());
        assertThat(stored.getValueQuantity().getValue()).isEqualByComparingTo("70.5");

        MockHttpServletResponse asJson = perform(post("/fhir/Observation").contentType("application/xml")
                .header("Accept", "application/fhir+json").content(observationXml("71.0", when.plusSeconds(60), "x-2")));
        assertThat(asJson.getStatus()).isEqualTo(201);
        assertThat(asJson.getContentType()).startsWith("application/fhir+json");

        String id = stored.getIdElement().getIdPart();
        for (String format : new String[] {"xml", "application/fhir+xml", "application/xml", "text/xml"}) {
            MockHttpServletResponse read = perform(get("/fhir/Observation/" + id).param("_format", format));
            assertThat(read.getContentType()).as(format).startsWith("application/fhir+xml");
            assertThat(xml.parseResource(Observation.class, read.getContentAsString()).getIdElement().getIdPart()).isEqualTo(id);
        }
        for (String format : new String[] {"json", "application/fhir+json", "application/json"}) {
            MockHttpServletResponse read = perform(get("/fhir/Observation/" + id).param("_format", format).header("Accept", "application/fhir+xml"));
            assertThat(read.getContentType()).as(format).startsWith("application/fhir+json");
        }
        MockHttpServletResponse search = perform(get("/fhir/Observation").param("subject", "Patient/" + member.personId())
                .param("_format", "xml"));
        assertThat(FhirSearchTestSupport.matches(xml.parseResource(Bundle.class, search.getContentAsString()))).hasSize(2);
    }

    @Test
    void transactionBundleInXml() throws Exception {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(PhrFhir.JP_INSURANCE_MEMBER_SYSTEM).setValue("06139999:記号X:" + System.nanoTime() % 1_000_000 + ":01");
        patient.addName().setFamily("鈴木").addGiven("一郎");
        String urn = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(urn).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Observation o = json.parseResource(Observation.class,
                FhirApiTests.observation(member.personId(), "9N006000000000001", "60.0", "kg", Instant.parse("2025-06-02T01:00:00Z"), null));
        bundle.addEntry().setResource(o).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        MockHttpServletResponse response = perform(post("/fhir").contentType("application/fhir+xml; charset=UTF-8")
                .header("Accept", "application/fhir+xml").content(xml.encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8)));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        Bundle answer = xml.parseResource(Bundle.class, response.getContentAsString());
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus()).allMatch(s -> s.startsWith("201"));
        assertThat(((Patient) answer.getEntry().get(0).getResource()).getIdentifier())
                .anyMatch(i -> PhrFhir.JP_INSURANCE_MEMBER_SYSTEM.equals(i.getSystem()) && i.getValue().startsWith("06139999:記号X:"));
    }

    @Test
    void refusesOtherBodyTypesWith415() throws Exception {
        int before = stored();
        String body = FhirApiTests.observation(member.personId(), "9N006000000000001", "70", "kg", Instant.parse("2025-06-01T01:00:00Z"), null);
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/octet-stream", "text/csv"}) {
            MockHttpServletResponse r = perform(post("/fhir/Observation").contentType(type).content(body));
            assertThat(r.getStatus()).as(type).isEqualTo(415);
            OperationOutcome outcome = json.parseResource(OperationOutcome.class, r.getContentAsString());
            assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(type.split(";")[0]);
        }
        MockHttpServletResponse inXml = perform(post("/fhir/Observation").contentType("text/plain").param("_format", "xml").content(body));
        assertThat(inXml.getStatus()).isEqualTo(415);
        assertThat(xml.parseResource(OperationOutcome.class, inXml.getContentAsString()).hasIssue()).isTrue();
        // without a Content-Type the body is read for what it is
        assertThat(perform(post("/fhir/Observation").content(body)).getStatus()).isEqualTo(201);
        assertThat(stored()).isEqualTo(before + 1);
    }

    @Test
    void refusesADoctypeAndAnExternalEntityWithoutReadingItOrWriting() throws Exception {
        Path secret = Files.createTempFile("xxe", ".txt");
        Files.writeString(secret, "SECRET-" + UUID.randomUUID());
        int before = stored();
        String observation = observationXml("70.0", Instant.parse("2025-06-01T01:00:00Z"), "xxe-1")
                .replace("<identifier><system value=\"urn:test\"/><value value=\"xxe-1\"/></identifier>",
                        "<identifier><system value=\"urn:test\"/><value value=\"&xxe;\"/></identifier>");
        assertThat(observation).contains("&xxe;");
        String[] payloads = {
                "<?xml version=\"1.0\"?><!DOCTYPE Observation [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>" + observation,
                "<!DOCTYPE Observation SYSTEM \"" + secret.toUri() + "\">" + observation.replace("&xxe;", "x"),
                "<?xml version=\"1.0\"?>\n<!doctype Observation [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                        + observation.replace("&xxe;", "&b;")};
        for (String payload : payloads) {
            for (String type : new String[] {"application/fhir+xml", null}) {
                MockHttpServletRequestBuilder request = post("/fhir/Observation").content(payload);
                if (type != null) {
                    request.contentType(type);
                }
                MockHttpServletResponse r = perform(request);
                assertThat(r.getStatus()).as(payload).isEqualTo(400);
                assertThat(r.getContentAsString()).doesNotContain("SECRET-");
                OperationOutcome outcome = xml.parseResource(OperationOutcome.class, r.getContentAsString());
                assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.SECURITY);
                assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("DOCTYPE");
            }
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setResource(xml.parseResource(Observation.class, observationXml("70.0", Instant.parse("2025-06-01T01:00:00Z"), "ok")))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        String bundleXml = "<!DOCTYPE Bundle [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>" + xml.encodeResourceToString(bundle);
        assertThat(perform(post("/fhir").contentType("application/fhir+xml").content(bundleXml)).getStatus()).isEqualTo(400);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void securityRefusalsAreOperationOutcomesInTheFormatAskedFor() throws Exception {
        MockHttpServletResponse unauthorized = mvc.perform(get("/fhir/Patient/" + member.personId())
                .header("Accept", "application/fhir+xml")).andReturn().getResponse();
        assertThat(unauthorized.getStatus()).isEqualTo(401);
        assertThat(unauthorized.getContentType()).startsWith("application/fhir+xml");
        assertThat(xml.parseResource(OperationOutcome.class, unauthorized.getContentAsString()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.LOGIN);
        String readOnly = ApiTokens.token(mvc, tokens.register(member.insurerId(), "system/Patient.rs"), "system/Patient.rs");
        MockHttpServletResponse forbidden = mvc.perform(post("/fhir/Observation").param("_format", "xml")
                .header("Authorization", "Bearer " + readOnly).contentType("application/fhir+xml")
                .content(observationXml("70.0", Instant.parse("2025-06-01T01:00:00Z"), null))).andReturn().getResponse();
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(xml.parseResource(OperationOutcome.class, forbidden.getContentAsString()).getIssueFirstRep().getCode())
                .isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
    }

    @Test
    void malformedXmlAndXmlSentAsJsonAre400() throws Exception {
        int before = stored();
        String good = observationXml("70.0", Instant.parse("2025-06-01T01:00:00Z"), null);
        for (String bad : new String[] {good.substring(0, good.length() - 20), good.replace("<status value=\"final\"/>",
                "<status value=\"final\"/><bogus value=\"1\"/>"), "<Observation xmlns=\"urn:not-fhir\"/>"}) {
            MockHttpServletResponse r = perform(post("/fhir/Observation").contentType("application/fhir+xml").content(bad));
            assertThat(r.getStatus()).as(bad).isEqualTo(400);
            assertThat(xml.parseResource(OperationOutcome.class, r.getContentAsString()).getIssueFirstRep().getCode())
                    .as(bad + " → " + r.getContentAsString()).isEqualTo(OperationOutcome.IssueType.STRUCTURE);
        }
        MockHttpServletResponse asJson = perform(post("/fhir/Observation").contentType("application/fhir+json").content(good));
        assertThat(asJson.getStatus()).isEqualTo(400);
        assertThat(json.parseResource(OperationOutcome.class, asJson.getContentAsString()).getIssueFirstRep().getDiagnostics())
                .contains("application/fhir+xml");
        assertThat(stored()).isEqualTo(before);
    }
}
