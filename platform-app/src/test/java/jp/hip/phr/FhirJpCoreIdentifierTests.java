package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.PlatformTest;

/**
 * Patient accepts JP Core's 被保険者個人識別子 beside the platform's 被保険者番号 and splits 保険者番号, 記号, 番号 and
 * 枝番 (issue 10, item 7; ADR 0038); a malformed one is 400 naming it, with nothing written.
 */
@PlatformTest
class FhirJpCoreIdentifierTests {

    static final String JP = PhrFhir.JP_INSURANCE_MEMBER_SYSTEM;
    static final String PLATFORM = PhrFhir.INSURED_NUMBER_SYSTEM;
    static final String SCOPES = "system/Patient.rs system/Patient.c";

    @Autowired MockMvc mvc;
    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;

    String token;

    @BeforeEach
    void setUp() throws Exception {
        UUID insurer = fixture.insurer(); // a new insurer each test: its members are its own
        token = fhir.tokenFor(insurer, SCOPES);
    }

    static String patient(String name, String... systemsAndValues) {
        StringBuilder identifiers = new StringBuilder();
        for (int i = 0; i < systemsAndValues.length; i += 2) {
            identifiers.append(i == 0 ? "" : ",").append("{\"system\":\"").append(systemsAndValues[i]).append("\",\"value\":\"")
                    .append(systemsAndValues[i + 1]).append("\"}");
        }
        return """
                {"resourceType":"Patient","identifier":[%s],"name":[{"family":"%s","given":["花子"]}],
                 "gender":"female","birthDate":"1980-05-05"}""".formatted(identifiers, name);
    }

    MockHttpServletResponse create(String body) throws Exception {
        return mvc.perform(post("/fhir/Patient").header("Authorization", "Bearer " + token).contentType("application/fhir+json")
                .content(body)).andReturn().getResponse();
    }

    Patient created(String body, int status) throws Exception {
        MockHttpServletResponse r = create(body);
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        return PhrFhir.fhirContext().newJsonParser().parseResource(Patient.class, r.getContentAsString());
    }

    List<Patient> search(String identifier) throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/fhir/Patient").param("identifier", identifier)
                .header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        return FhirSearchTestSupport.matches(PhrFhir.fhirContext().newJsonParser().parseResource(Bundle.class, r.getContentAsString()))
                .stream().map(e -> (Patient) e.getResource()).toList();
    }

    static String value(Patient patient, String system) {
        return patient.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).map(Identifier::getValue).findFirst().orElse(null);
    }

    @Test
    @DisplayName("06139999:記号1:12345:01 is 保険者番号 06139999, 記号 記号1, 番号 12345, 枝番 01 under either system")
    void splitsTheJpCoreFormUnderEitherSystem() throws Exception {
        Patient jp = created(patient("山田", JP, "06139999:記号1:12345:01"), 201);
        assertThat(value(jp, PLATFORM)).isEqualTo("記号1:12345");
        assertThat(value(jp, JP)).isEqualTo("06139999:記号1:12345:01");

        // the issue's case: the same string under the platform's system is the same card, not 記号 06139999
        Patient again = created(patient("山田", PLATFORM, "06139999:記号1:12345:01"), 200);
        assertThat(again.getIdElement().getIdPart()).isEqualTo(jp.getIdElement().getIdPart());

        assertThat(search(JP + "|06139999:記号1:12345:01")).extracting(p -> p.getIdElement().getIdPart())
                .containsExactly(jp.getIdElement().getIdPart());
        assertThat(search(PLATFORM + "|記号1:12345")).hasSize(1);
        assertThat(search("06139999:記号1:12345:01")).hasSize(1);
        assertThat(search(JP + "|06139999:記号1:12345:02")).isEmpty();
        assertThat(search(JP + "|11111111:記号1:12345:01")).isEmpty();
        assertThat(search(PLATFORM + "|06139999:12345")).isEmpty();
    }

    @Test
    @DisplayName("被扶養者 share 記号・番号 with another 枝番: another person; full-width cards are the half-width ones")
    void dependentsAreOtherPersonsAndFullWidthIsNormalised() throws Exception {
        Patient insured = created(patient("佐藤", JP, "00012345:あいう:１８７:00"), 201);
        Patient dependent = created(patient("佐藤", JP, "00012345:あいう:187:01"), 201);
        assertThat(dependent.getIdElement().getIdPart()).isNotEqualTo(insured.getIdElement().getIdPart());
        assertThat(value(insured, JP)).isEqualTo("00012345:あいう:187:00");
        assertThat(created(patient("佐藤", JP, "00012345:あいう:１８７:01"), 200).getIdElement().getIdPart())
                .isEqualTo(dependent.getIdElement().getIdPart());

        Patient noSymbol = created(patient("田中", JP, "00012345::99:"), 201);
        assertThat(value(noSymbol, JP)).isEqualTo("00012345::99:");
        assertThat(value(noSymbol, PLATFORM)).isEqualTo(":99");

        // both identifiers, naming one card
        created(patient("高橋", PLATFORM, "記号2:555", JP, "06139999:記号2:555:"), 201);
    }

    @Test
    void malformedIdentifiersAre400NamingTheIdentifierAndWriteNothing() throws Exception {
        String[][] cases = {
                {JP, "1234:記号1:777:01"}, {JP, "06139999:記号1::01"}, {JP, "06139999:記号1:777:1"}, {JP, "06139999:記号1:777"},
                {JP, "06139999:記 号1:777:01"}, {PLATFORM, "記号1:777:01"}, {PLATFORM, "記号1:"}};
        for (String[] c : cases) {
            MockHttpServletResponse r = create(patient("誤入力", "urn:other", "x", c[0], c[1]));
            assertThat(r.getStatus()).as(c[1]).isEqualTo(400);
            OperationOutcome outcome = PhrFhir.fhirContext().newJsonParser().parseResource(OperationOutcome.class, r.getContentAsString());
            assertThat(outcome.getIssue()).hasSize(1);
            assertThat(outcome.getIssueFirstRep().getExpression()).extracting(e -> e.getValue()).containsExactly("Patient.identifier[1]");
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Patient.identifier[1]").contains(c[0]).contains(c[1]);
        }
        MockHttpServletResponse differ = create(patient("誤入力", PLATFORM, "記号1:777", JP, "06139999:記号1:778:"));
        assertThat(differ.getStatus()).isEqualTo(400);
        MockHttpServletResponse none = create(patient("誤入力", "urn:other", "x"));
        assertThat(none.getStatus()).isEqualTo(400);
        MockHttpServletResponse byName = mvc.perform(get("/fhir/Patient").param("name", "誤入力")
                .header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(FhirSearchTestSupport.matches(PhrFhir.fhirContext().newJsonParser().parseResource(Bundle.class,
                byName.getContentAsString()))).isEmpty();
    }
}
