package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.PlatformTest;

/** _format and Accept: XML through HAPI's XML parser for reads, searches and errors; 406 for what cannot be written. */
@PlatformTest
class FhirFormatTests {

    static final String SCOPES = "system/Patient.rs system/Observation.rs";

    @Autowired MockMvc mvc;
    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;

    MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String token) throws Exception {
        return fhir.perform(request, token);
    }

    @Test
    void xmlByFormatOrAcceptAndJsonByDefaultAnd406ForTheRest() throws Exception {
        UUID insurer = fixture.insurer();
        PhrFixture.Member member = fixture.member(insurer);
        String token = fhir.tokenFor(insurer, SCOPES);
        var xml = PhrFhir.fhirContext().newXmlParser();
        var json = PhrFhir.fhirContext().newJsonParser();

        MockHttpServletResponse read = perform(get("/fhir/Patient/" + member.personId()).param("_format", "xml"), token);
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getContentType()).startsWith("application/fhir+xml");
        assertThat(xml.parseResource(Patient.class, read.getContentAsString()).getIdElement().getIdPart()).isEqualTo(member.personId().toString());

        MockHttpServletResponse search = perform(get("/fhir/Patient").header("Accept", "application/fhir+xml"), token);
        assertThat(search.getContentType()).startsWith("application/fhir+xml");
        assertThat(xml.parseResource(Bundle.class, search.getContentAsString()).getType()).isEqualTo(Bundle.BundleType.SEARCHSET);

        MockHttpServletResponse error = perform(get("/fhir/Patient?bogus=1").param("_format", "application/fhir+xml"), token);
        assertThat(error.getStatus()).isEqualTo(400);
        assertThat(xml.parseResource(OperationOutcome.class, error.getContentAsString()).getIssueFirstRep().getDiagnostics()).contains("bogus");

        MockHttpServletResponse metadata = mvc.perform(get("/fhir/metadata").param("_format", "xml")).andReturn().getResponse();
        assertThat(xml.parseResource(CapabilityStatement.class, metadata.getContentAsString()).getFormat())
                .extracting(f -> f.getValue()).contains("application/fhir+json", "application/fhir+xml");

        // JSON: by default, for */*, and at equal quality (HAPI's client offers both)
        for (String accept : new String[] {"*/*", "application/fhir+xml;q=1.0, application/fhir+json;q=1.0", "application/json"}) {
            MockHttpServletResponse r = perform(get("/fhir/Patient/" + member.personId()).header("Accept", accept), token);
            assertThat(r.getContentType()).as(accept).startsWith("application/fhir+json");
            assertThat(json.parseResource(Patient.class, r.getContentAsString()).hasId()).isTrue();
        }
        assertThat(perform(get("/fhir/Patient/" + member.personId()).param("_format", "json").header("Accept", "application/fhir+xml"), token)
                .getContentType()).startsWith("application/fhir+json");

        for (MockHttpServletRequestBuilder unsupported : new MockHttpServletRequestBuilder[] {
                get("/fhir/Patient/" + member.personId()).header("Accept", "text/html"),
                get("/fhir/Patient").param("_format", "turtle")}) {
            MockHttpServletResponse r = perform(unsupported, token);
            assertThat(r.getStatus()).isEqualTo(406);
            assertThat(json.parseResource(OperationOutcome.class, r.getContentAsString()).getIssueFirstRep().getCode())
                    .isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
        }
    }
}
