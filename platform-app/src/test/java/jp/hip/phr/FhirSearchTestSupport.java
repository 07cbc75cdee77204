package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Requests and Bundle readers shared by the FHIR search tests (issue 10). */
final class FhirSearchTestSupport {

    private final MockMvc mvc;
    private final String token;

    FhirSearchTestSupport(MockMvc mvc, String token) {
        this.mvc = mvc;
        this.token = token;
    }

    MockHttpServletResponse get(String url) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url)
                .header("Authorization", "Bearer " + token)).andReturn().getResponse();
    }

    Bundle bundle(String url) throws Exception {
        MockHttpServletResponse response = get(url);
        assertThat(response.getStatus()).as(url + " → " + response.getContentAsString()).isEqualTo(200);
        return PhrFhir.fhirContext().newJsonParser().parseResource(Bundle.class, response.getContentAsString());
    }

    /** The ids of the matches of a search, in order. */
    List<String> ids(String url) throws Exception {
        return matches(bundle(url)).stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }

    static List<Bundle.BundleEntryComponent> matches(Bundle bundle) {
        return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).toList();
    }

    OperationOutcome refused(String url) throws Exception {
        MockHttpServletResponse response = get(url);
        assertThat(response.getStatus()).as(url).isEqualTo(400);
        return PhrFhir.fhirContext().newJsonParser().parseResource(OperationOutcome.class, response.getContentAsString());
    }

    /** The name the first issue of a refusal points at (its expression). */
    String refusedParameter(String url) throws Exception {
        return refused(url).getIssueFirstRep().getExpression().get(0).getValue();
    }

    String create(UUID person, String code, String value, String unit, Instant when, String identifier) throws Exception {
        MockHttpServletResponse created = mvc.perform(post("/fhir/Observation").header("Authorization", "Bearer " + token)
                .contentType("application/fhir+json")
                .content(FhirApiTests.observation(person, code, value, unit, when, identifier))).andReturn().getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        return PhrFhir.fhirContext().newJsonParser().parseResource(Observation.class, created.getContentAsString()).getIdElement().getIdPart();
    }

    /** Follows next links from {@code url}; every page's match ids in order. */
    List<String> walk(String url) throws Exception {
        List<String> all = new java.util.ArrayList<>();
        String next = url;
        int pages = 0;
        while (next != null && pages++ < 100) {
            Bundle page = bundle(next.replaceFirst("^https?://[^/]+", ""));
            matches(page).forEach(e -> all.add(e.getResource().getIdElement().getIdPart()));
            next = page.getLink("next") == null ? null : page.getLink("next").getUrl();
        }
        return all;
    }

}
