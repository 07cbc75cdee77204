package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.ApiTokens;
import jp.hip.PlatformTest;

/** Strict search (issue 10): only declared parameters are accepted, lenient ignores and says so, the CapabilityStatement agrees. */
@PlatformTest
class FhirStrictSearchTests {

    static final String SCOPES = "system/Patient.rs system/Observation.rs system/Observation.c system/Consent.rs system/MedicationStatement.rs";

    @Autowired MockMvc mvc;
    @Autowired ApiTokens tokens;
    @Autowired PhrFixture fixture;

    UUID insurer;
    PhrFixture.Member member;
    String token;

    @BeforeEach
    void setUp() throws Exception {
        insurer = fixture.insurer();
        member = fixture.member(insurer);
        ApiTokens.Client client = tokens.register(insurer, SCOPES.split(" "));
        token = ApiTokens.token(mvc, client, SCOPES);
    }

    MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse();
    }

    static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(MockHttpServletResponse response, Class<T> type) throws Exception {
        return PhrFhir.fhirContext().newJsonParser().parseResource(type, response.getContentAsString());
    }

    OperationOutcome refused(String url) throws Exception {
        MockHttpServletResponse response = perform(get(url));
        assertThat(response.getStatus()).as(url).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/fhir+json");
        return parse(response, OperationOutcome.class);
    }

    @Test
    void anUnknownParameterOrModifierIsA400NamingIt() throws Exception {
        String subject = "subject=Patient/" + member.personId();
        // the misspelling that used to return every consenting member's observations
        OperationOutcome misspelt = refused("/fhir/Observation?subjet=Patient/" + member.personId());
        assertThat(misspelt.getIssueFirstRep().getDiagnostics()).contains("subjet");
        assertThat(misspelt.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("subjet");
        assertThat(refused("/fhir/Observation?" + subject + "&code:not=9N006000000000001").getIssueFirstRep().getDiagnostics()).contains("code:not");
        assertThat(refused("/fhir/Observation?" + subject + "&code=a,b").getIssueFirstRep().getDiagnostics()).contains("code");
        for (String unsupported : List.of("_sort=date", "_summary=count", "_include=Observation:patient", "value-quantity=gt5", "_lastUpdated=ge2024")) {
            String name = unsupported.substring(0, unsupported.indexOf('='));
            assertThat(refused("/fhir/Observation?" + subject + "&" + unsupported).getIssueFirstRep().getDiagnostics()).as(unsupported).contains(name);
        }
        assertThat(refused("/fhir/Patient?name=Yamada").getIssueFirstRep().getDiagnostics()).contains("name");
        assertThat(refused("/fhir/Consent?status=active").getIssueFirstRep().getDiagnostics()).contains("status");
        assertThat(refused("/fhir/MedicationStatement?code=x").getIssueFirstRep().getDiagnostics()).contains("code");
        // every problem at once
        assertThat(refused("/fhir/Observation?foo=1&bar=2").getIssue()).hasSize(2);
    }

    @Test
    void malformedValuesAreA400InBothModes() throws Exception {
        String subject = "/fhir/Observation?subject=Patient/" + member.personId();
        for (String bad : List.of("date=2024-13-01", "date=2024-02-30", "date=xx2024", "date=sa2024", "date=2024-1", "_count=-1",
                "_count=abc", "_count=501", "_offset=-1")) {
            String name = bad.substring(0, bad.indexOf('='));
            assertThat(refused(subject + "&" + bad).getIssueFirstRep().getExpression().get(0).getValue()).as(bad).isEqualTo(name);
            MockHttpServletResponse lenient = perform(get(subject + "&" + bad).header("Prefer", "handling=lenient"));
            assertThat(lenient.getStatus()).as(bad).isEqualTo(400);
        }
        assertThat(refused("/fhir/Patient?identifier=a&identifier=b").getIssueFirstRep().getDiagnostics()).contains("identifier");
        // valid dates of every precision are accepted
        for (String good : List.of("2024", "2024-02", "2024-02-29", "ge2024-02-29T10:00:00", "le2024-02-29T01:00:00Z")) {
            assertThat(perform(get(subject + "&date=" + good)).getStatus()).as(good).isEqualTo(200);
        }
    }

    @Test
    void lenientIgnoresAndSaysSoAndTheSelfLinkShowsOnlyWhatWasApplied() throws Exception {
        fixture.consent(member, insurer, DataCategory.CHECKUP);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/fhir/Observation")
                .header("Authorization", "Bearer " + token).contentType("application/fhir+json")
                .content(FhirApiTests.bmi(member.personId(), null))).andReturn();
        String url = "/fhir/Observation?subject=Patient/" + member.personId() + "&subjet=x&code:not=9N011000000000001&_count=10";
        Bundle bundle = parse(perform(get(url).header("Prefer", "return=minimal; handling=lenient")), Bundle.class);
        List<Bundle.BundleEntryComponent> matches = bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).toList();
        assertThat(matches).hasSize(1);
        Bundle.BundleEntryComponent outcomeEntry = bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME).findFirst().orElseThrow();
        OperationOutcome outcome = (OperationOutcome) outcomeEntry.getResource();
        assertThat(outcome.getIssue()).extracting(i -> i.getExpression().get(0).getValue()).containsExactlyInAnyOrder("subjet", "code:not");
        assertThat(outcome.getIssue()).allMatch(i -> i.getSeverity() == OperationOutcome.IssueSeverity.WARNING);
        String self = bundle.getLink("self").getUrl();
        assertThat(self).contains("subject=Patient/" + member.personId()).contains("_count=10")
                .doesNotContain("subjet").doesNotContain("code");
        // strict answers the same request with a 400
        assertThat(perform(get(url)).getStatus()).isEqualTo(400);
        // a strict search that applies everything has no outcome entry
        Bundle strict = parse(perform(get("/fhir/Observation?subject=Patient/" + member.personId())), Bundle.class);
        assertThat(strict.getEntry()).allMatch(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH);
    }

    @Test
    void theCapabilityStatementListsExactlyTheAcceptedParameters() throws Exception {
        CapabilityStatement cs = parse(mvc.perform(get("/fhir/metadata")).andReturn().getResponse(), CapabilityStatement.class);
        Map<String, List<String>> declared = cs.getRestFirstRep().getResource().stream().collect(Collectors.toMap(
                CapabilityStatement.CapabilityStatementRestResourceComponent::getType,
                r -> r.getSearchParam().stream().map(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName).toList()));
        assertThat(declared.keySet()).contains("Patient", "Observation", "Consent", "MedicationStatement");
        Map<String, String> sample = Map.of("identifier", "urn:test|1", "subject", "Patient/" + member.personId(),
                "patient", "Patient/" + member.personId(), "code", "9N011000000000001", "category", "laboratory",
                "date", "ge2024", "_count", "5", "_offset", "0");
        for (var resource : declared.entrySet()) {
            assertThat(resource.getValue()).as(resource.getKey()).isNotEmpty();
            for (String name : resource.getValue()) {
                // every declared parameter is accepted ...
                String url = "/fhir/" + resource.getKey() + "?" + name + "=" + sample.get(name);
                assertThat(perform(get(url)).getStatus()).as(url).isEqualTo(200);
            }
            // ... and a parameter another resource declares but this one does not is refused
            for (String name : sample.keySet()) {
                if (!resource.getValue().contains(name)) {
                    String url = "/fhir/" + resource.getKey() + "?" + name + "=" + sample.get(name);
                    assertThat(perform(get(url)).getStatus()).as(url).isEqualTo(400);
                }
            }
        }
    }
}
