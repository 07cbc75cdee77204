package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.UUID;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.PlatformTest;

/** Interactions the server does not offer answer 405 with Allow and an OperationOutcome, not 403 (issue 10). */
@PlatformTest
class FhirUnsupportedInteractionTests {

    static final String SCOPES = "system/Patient.rs system/Observation.rs system/Observation.c";

    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;

    @Test
    void unsupportedInteractionsAre405WithAllowAndAnOperationOutcome() throws Exception {
        UUID insurer = fixture.insurer();
        String token = fhir.tokenFor(insurer, SCOPES);
        String id = UUID.randomUUID().toString();
        record Case(MockHttpServletRequestBuilder request, String allow) {}
        for (Case c : new Case[] {
                new Case(delete("/fhir/Observation/" + id), "GET, PUT"),
                new Case(patch("/fhir/Observation/" + id).contentType("application/json-patch+json").content("[]"), "GET, PUT"),
                new Case(delete("/fhir/Patient/" + id), "GET"),
                new Case(put("/fhir/Patient/" + id).contentType("application/fhir+json").content("{}"), "GET"),
                new Case(delete("/fhir/Observation?code=x"), "GET, POST"),
                new Case(delete("/fhir"), "POST"),
                // an Observation's versions are read (FhirVersionTests), not written; other resources keep none
                new Case(delete("/fhir/Observation/" + id + "/_history/1"), "GET"),
                new Case(put("/fhir/Observation/" + id + "/_history").contentType("application/fhir+json").content("{}"), "GET"),
                new Case(get("/fhir/Patient/" + id + "/_history"), ""),
                new Case(delete("/fhir/Patient/" + id + "/_history/1"), "GET"),
                new Case(get("/fhir/Observation/_history"), ""),
                new Case(get("/fhir/Patient/_history"), ""),
                new Case(get("/fhir/_history"), "")}) {
            MockHttpServletResponse response = fhir.perform(c.request(), token);
            String what = c.request().buildRequest(new org.springframework.mock.web.MockServletContext()).getMethod() + " "
                    + c.request().buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI();
            assertThat(response.getStatus()).as(what).isEqualTo(405);
            assertThat(response.getHeader("Allow")).as(what).isEqualTo(c.allow());
            OperationOutcome outcome = PhrFhir.fhirContext().newJsonParser().parseResource(OperationOutcome.class, response.getContentAsString());
            assertThat(outcome.getIssueFirstRep().getCode()).as(what).isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
        }
        // an unknown type is not found, not "not allowed"
        assertThat(fhir.perform(delete("/fhir/Foo/" + id), token).getStatus()).isEqualTo(404);
        // without a token it is still 401 first; an offered interaction without its scope is still 403
        assertThat(fhir.perform(delete("/fhir/Observation/" + id), null).getStatus()).isEqualTo(401);
        assertThat(fhir.perform(put("/fhir/Observation/" + id).contentType("application/fhir+json").content("{}"), token).getStatus()).isEqualTo(403);
    }
}
