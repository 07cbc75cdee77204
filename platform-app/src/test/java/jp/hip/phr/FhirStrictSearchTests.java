package jp.hip.phr;

import static jp.hip.phr.FhirTestClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.UUID;

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
    @Autowired FhirTestClient fhir;

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
        return fhir.perform(request, token);
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
        // modifiers a parameter does not declare
        for (String unknown : List.of("code:text=x", "code:in=x", "date:missing=true", "category:not=x", "subject:Patient=x",
                "value-quantity:missing=true", "identifier:of-type=x")) {
            String name = unknown.substring(0, unknown.indexOf('='));
            OperationOutcome outcome = refused("/fhir/Observation?" + subject + "&" + unknown);
            assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).as(unknown).isEqualTo(name);
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(unknown).contains(name);
        }
        assertThat(refused("/fhir/Patient?name:phonetic=Yamada").getIssueFirstRep().getDiagnostics()).contains("name:phonetic");
        // parameters no resource here declares
        for (String unknown : List.of("_text=x", "_has:Observation:patient:code=x", "_tag=x", "_profile=x", "_total=accurate",
                "_revinclude=Provenance:target", "performer=x", "value-string=x", "component-code=x")) {
            String name = unknown.substring(0, unknown.indexOf('='));
            assertThat(refused("/fhir/Observation?" + subject + "&" + unknown).getIssueFirstRep().getDiagnostics()).as(unknown).contains(name);
        }
        assertThat(refused("/fhir/Patient?address=Tokyo").getIssueFirstRep().getDiagnostics()).contains("address");
        assertThat(refused("/fhir/Consent?category=x").getIssueFirstRep().getDiagnostics()).contains("category");
        assertThat(refused("/fhir/MedicationStatement?code=x").getIssueFirstRep().getDiagnostics()).contains("code");
        // every problem at once
        assertThat(refused("/fhir/Observation?foo=1&bar=2").getIssue()).hasSize(2);
    }

    @Test
    void unsupportedValuesOfSpecialParametersAreA400NamingThem() throws Exception {
        String subject = "/fhir/Observation?subject=Patient/" + member.personId();
        for (String bad : List.of("_sort=code", "_sort=-foo", "_summary=true", "_summary=text", "_include=Observation:performer",
                "_include=*", "_elements=foo", "_elements=code,nope", "value-quantity=xx5", "value-quantity=abc",
                "value-quantity=5|http://unitsofmeasure.org", "value-quantity=ap", "_lastUpdated=2024-13-01",
                "_lastUpdated=zz2024", "code=", "_count=0&_count=1")) {
            String name = bad.substring(0, bad.indexOf('='));
            OperationOutcome outcome = refused(subject + "&" + bad);
            assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).as(bad).isEqualTo(name);
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(bad).contains(name);
        }
        for (String bad : List.of("birthdate=2024-02-30", "birthdate=xx1975", "_sort=date", "_count=-1")) {
            String name = bad.substring(0, bad.indexOf('='));
            assertThat(refused("/fhir/Patient?" + bad).getIssueFirstRep().getExpression().get(0).getValue()).as(bad).isEqualTo(name);
        }
        // _count=0 only where a total is offered
        assertThat(refused("/fhir/Consent?_count=0").getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("_count");
        assertThat(refused("/fhir/Patient/" + member.personId() + "/$everything?_count=0").getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("_count");
        assertThat(refused("/fhir/Patient/" + member.personId() + "/$everything?_since=2024-13-01").getIssueFirstRep().getExpression().get(0).getValue())
                .isEqualTo("_since");
    }

    @Test
    void malformedValuesAreA400InBothModes() throws Exception {
        String subject = "/fhir/Observation?subject=Patient/" + member.personId();
        for (String bad : List.of("date=2024-13-01", "date=2024-02-30", "date=xx2024", "date=EQ2024", "date=2024-1", "_count=-1",
                "_count=abc", "_count=501", "_offset=-1")) {
            String name = bad.substring(0, bad.indexOf('='));
            assertThat(refused(subject + "&" + bad).getIssueFirstRep().getExpression().get(0).getValue()).as(bad).isEqualTo(name);
            MockHttpServletResponse lenient = perform(get(subject + "&" + bad).header("Prefer", "handling=lenient"));
            assertThat(lenient.getStatus()).as(bad).isEqualTo(400);
        }
        assertThat(refused("/fhir/Observation?subject=a&subject=b").getIssueFirstRep().getDiagnostics()).contains("subject");
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
        String url = "/fhir/Observation?subject=Patient/" + member.personId() + "&subjet=x&code:text=BMI&_count=10";
        Bundle bundle = parse(perform(get(url).header("Prefer", "return=minimal; handling=lenient")), Bundle.class);
        List<Bundle.BundleEntryComponent> matches = bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).toList();
        assertThat(matches).hasSize(1);
        Bundle.BundleEntryComponent outcomeEntry = bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME).findFirst().orElseThrow();
        OperationOutcome outcome = (OperationOutcome) outcomeEntry.getResource();
        assertThat(outcome.getIssue()).extracting(i -> i.getExpression().get(0).getValue()).containsExactlyInAnyOrder("subjet", "code:text");
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

    /** A valid sample value per declared parameter, by name or type. */
    String sample(String resource, CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent p) {
        return switch (p.getName()) {
            case "subject", "patient" -> "Patient/" + member.personId();
            case "_id" -> member.personId().toString();
            case "_count" -> "5";
            case "_offset" -> "0";
            case "_sort", "_summary" -> p.getDocumentation().replaceAll(".*values: ([^;\\s]+).*", "$1");
            case "_elements" -> "id";
            case "gender" -> "male";
            case "status" -> "active";
            case "name" -> "Yamada";
            default -> switch (p.getType()) {
                case DATE -> "2024";
                case QUANTITY -> "5";
                case TOKEN -> "urn:test|1";
                default -> "x";
            };
        };
    }

    @Test
    void theCapabilityStatementListsExactlyTheAcceptedParameters() throws Exception {
        CapabilityStatement cs = parse(mvc.perform(get("/fhir/metadata")).andReturn().getResponse(), CapabilityStatement.class);
        var resources = cs.getRestFirstRep().getResource();
        assertThat(resources).extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .contains("Patient", "Observation", "Consent", "MedicationStatement");
        java.util.Set<String> everyName = new java.util.TreeSet<>(List.of("_text", "_tag", "_has", "_total", "_revinclude",
                "_include", "_summary", "_sort", "_elements", "_lastUpdated", "_id", "code", "date", "name", "status"));
        resources.forEach(r -> r.getSearchParam().forEach(p -> everyName.add(p.getName())));
        java.util.regex.Pattern modifiers = java.util.regex.Pattern.compile("modifiers: ((?::[a-z-]+ ?)+)");
        for (var resource : resources) {
            String type = resource.getType();
            List<String> declared = resource.getSearchParam().stream().map(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName).toList();
            if (resource.getInteraction().stream().noneMatch(i -> i.getCode() == CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE)) {
                continue;
            }
            assertThat(declared).as(type).isNotEmpty();
            for (var p : resource.getSearchParam()) {
                String value = sample(type, p);
                // every declared parameter is accepted ...
                String url = "/fhir/" + type + "?" + p.getName() + "=" + value;
                assertThat(perform(get(url)).getStatus()).as(url).isEqualTo(200);
                // ... with every declared prefix ...
                if (p.getDocumentation().contains("prefixes: ")) {
                    for (String prefix : List.of("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")) {
                        assertThat(p.getDocumentation()).as(p.getName()).contains(prefix);
                        String prefixed = "/fhir/" + type + "?" + p.getName() + "=" + prefix + value;
                        assertThat(perform(get(prefixed)).getStatus()).as(prefixed).isEqualTo(200);
                    }
                }
                // ... and every declared modifier; an undeclared one is refused
                var m = modifiers.matcher(p.getDocumentation());
                if (m.find()) {
                    for (String modifier : m.group(1).trim().split(" ")) {
                        String modified = "/fhir/" + type + "?" + p.getName() + modifier + "=" + value;
                        assertThat(perform(get(modified)).getStatus()).as(modified).isEqualTo(200);
                    }
                }
                String missing = "/fhir/" + type + "?" + p.getName() + ":missing=true";
                assertThat(perform(get(missing)).getStatus()).as(missing).isEqualTo(400);
            }
            for (String include : resource.getSearchInclude().stream().map(org.hl7.fhir.r4.model.StringType::getValue).toList()) {
                assertThat(perform(get("/fhir/" + type + "?_include=" + include)).getStatus()).as(include).isEqualTo(200);
            }
            // ... and a parameter this resource does not declare is refused
            for (String name : everyName) {
                if (!declared.contains(name) && !(name.equals("_include") && resource.hasSearchInclude())) {
                    String url = "/fhir/" + type + "?" + name + "=x";
                    assertThat(perform(get(url)).getStatus()).as(url).isEqualTo(400);
                }
            }
        }
    }
}
