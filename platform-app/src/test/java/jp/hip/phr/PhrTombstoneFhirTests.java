package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.ApiTokens;
import jp.hip.PlatformTest;
import jp.hip.phr.rights.PhrRights;

/**
 * Tombstones everywhere a holder re-creates a person (ADR 0046): FHIR Patient create (conditional on its
 * identifier, If-None-Exist), Observation create, transaction and batch Bundles and $bulk-ingest consult the
 * person's deletion on request; the holder re-creates only its own statutory record, the person's deleted data never
 * comes back, and every response says so.
 */
@PlatformTest
class PhrTombstoneFhirTests {

    @Autowired MockMvc mvc;
    @Autowired ApiTokens tokens;
    @Autowired PhrFixture fixture;
    @Autowired PhrRights rights;
    @Autowired JdbcClient jdbc;

    UUID insurer;
    PhrFixture.Member member;
    String token;
    String patient;

    @BeforeEach
    void setUp() throws Exception {
        insurer = fixture.insurer();
        member = fixture.member(insurer);
        token = ApiTokens.token(mvc, tokens.register(insurer, FhirApiTests.ALL.split(" ")), FhirApiTests.ALL);
        patient = """
                {"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.392.200119.6.205","value":"健001:%s"}],
                 "name":[{"family":"山田","given":["太郎"]}],"gender":"male","birthDate":"1975-04-01"}""".formatted(member.insuredNumber());
        // the insurer's 特定健診 value (kept by law) and the person's own steps (deleted on request)
        assertThat(post("/fhir/Observation", FhirApiTests.bmi(member.personId(), "bmi-1"), null).getStatus()).isEqualTo(201);
        assertThat(post("/fhir/Observation", steps(member.personId(), "steps-1"), null).getStatus()).isEqualTo(201);
    }

    static String steps(UUID person, String identifier) {
        return FhirApiTests.observation(person, "41950-7", "8000", "/d", Instant.parse("2025-06-01T01:00:00Z"), identifier)
                .replace("urn:oid:1.2.392.200119.6.1005", "http://loinc.org");
    }

    static String bmi(UUID person, String identifier) {
        return FhirApiTests.bmi(person, identifier);
    }

    MockHttpServletResponse post(String url, String body, String prefer, String... headers) throws Exception {
        MockHttpServletRequestBuilder request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url)
                .contentType(url.endsWith("$bulk-ingest") ? "application/fhir+ndjson" : "application/fhir+json")
                .content(body).header("Authorization", "Bearer " + token);
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(MockHttpServletResponse response, Class<T> type) throws Exception {
        return PhrFhir.fhirContext().newJsonParser().parseResource(type, response.getContentAsString());
    }

    static List<String> codes(OperationOutcome outcome) {
        return outcome.getIssue().stream().filter(i -> i.getSeverity() != OperationOutcome.IssueSeverity.INFORMATION)
                .map(i -> i.getDetails().getCodingFirstRep().getCode()).toList();
    }

    void deleteOnRequest() {
        rights.deleteMine(PhrFixture.individual(member));
    }

    /** The insurer's value made in 2015年度: its period ended in 2021, so the deletion keeps nothing. */
    void deleteOnRequestKeepingNothing() {
        jdbc.sql("update phr_observation set last_updated = '2015-05-01T00:00:00Z' where person_id = ?").param(member.personId()).update();
        deleteOnRequest();
        assertThat(jdbc.sql("select count(*) from phr_person where id = ?").param(member.personId()).query(Long.class).single()).isZero();
    }

    long stored(String where, Object... params) {
        return jdbc.sql("select count(*) from phr_observation o join phr_membership m on m.person_id = o.person_id"
                + " where m.tenant_id = ? and " + where).params(prepend(insurer, params)).query(Long.class).single();
    }

    static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    @DisplayName("削除後の Patient 作成（条件付き）: 保険者が残す記録に一致し、応答の OperationOutcome が削除依頼を告げる")
    void patientCreateAfterDeletionMatchesTheKeptRecordAndSaysSo() throws Exception {
        deleteOnRequest();

        MockHttpServletResponse matched = post("/fhir/Patient", patient, null,
                "If-None-Exist", "identifier=urn:oid:1.2.392.200119.6.205|健001:" + member.insuredNumber(), "Accept-Language", "ja");
        assertThat(matched.getStatus()).isEqualTo(200);
        assertThat(matched.getHeader("Location")).contains("/fhir/Patient/" + member.personId());
        assertThat(matched.getHeader("Warning")).startsWith("299 - \"phr.fhir.tombstonePatientKept ");
        OperationOutcome outcome = parse(matched, OperationOutcome.class);
        assertThat(codes(outcome)).containsExactly("phr.fhir.tombstonePatientKept");
        assertThat(outcome.getIssue().get(1).getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
        assertThat(outcome.getIssue().get(1).getDiagnostics()).contains("削除を依頼した受診者", "戻りません");
        // asked for the resource: the Patient, and the notice still in the Warning header
        MockHttpServletResponse representation = post("/fhir/Patient", patient, "return=representation");
        assertThat(parse(representation, Patient.class).getIdElement().getIdPart()).isEqualTo(member.personId().toString());
        assertThat(representation.getHeader("Warning")).contains("phr.fhir.tombstonePatientKept");
        assertThat(jdbc.sql("select personal_tenant_id from phr_person where id = ?").param(member.personId())
                .query(UUID.class).optional()).as("the account link does not come back").isEmpty();
        assertThat(jdbc.sql("select details->>'deletedOnRequest' from plat_audit_event where action = 'PHR_PATIENT_MATCHED'"
                + " and record_id = ? order by id desc limit 1").param(member.personId().toString()).query(String.class).single())
                .as("audited").isNotBlank();

        // The holder's statutory record (a checkup value) may be added: stored, and said so.
        MockHttpServletResponse checkup = post("/fhir/Observation", bmi(member.personId(), "bmi-2"), null);
        assertThat(checkup.getStatus()).isEqualTo(201);
        assertThat(codes(parse(checkup, OperationOutcome.class))).containsExactly("phr.fhir.tombstoneObservation");
        MockHttpServletResponse asResource = post("/fhir/Observation", bmi(member.personId(), "bmi-3"), "return=representation");
        assertThat(parse(asResource, Observation.class).getSubject().getReference()).isEqualTo("Patient/" + member.personId());
        assertThat(asResource.getHeader("Warning")).contains("phr.fhir.tombstoneObservation");
        // a conditional create matching the kept value says so too
        MockHttpServletResponse again = post("/fhir/Observation", bmi(member.personId(), "bmi-2"), "return=OperationOutcome",
                "If-None-Exist", "identifier=urn:test|bmi-2");
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(codes(parse(again, OperationOutcome.class))).containsExactly("phr.fhir.tombstoneObservation");

        // The person's own kind of data (life-log) never comes back: 422, nothing stored.
        MockHttpServletResponse lifelog = post("/fhir/Observation", steps(member.personId(), "steps-2"), null);
        assertThat(lifelog.getStatus()).isEqualTo(422);
        assertThat(parse(lifelog, OperationOutcome.class).getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
                .isEqualTo("phr.error.tombstoneNotStatutory");
        assertThat(stored("o.data_category = 'LIFELOG'")).isZero();
        assertThat(stored("o.data_category = 'CHECKUP'")).isEqualTo(3);
    }

    @Test
    @DisplayName("何も残らなかった削除の後の Patient 作成: 保険者の記録だけを新しく作り、201 の OperationOutcome が告げる")
    void patientCreateAfterDeletionWithNothingKeptCreatesOnlyTheHoldersRecord() throws Exception {
        deleteOnRequestKeepingNothing();

        MockHttpServletResponse created = post("/fhir/Patient", patient, null);
        assertThat(created.getStatus()).isEqualTo(201);
        OperationOutcome outcome = parse(created, OperationOutcome.class);
        assertThat(codes(outcome)).containsExactly("phr.fhir.tombstonePatientNew");
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
        UUID recreated = UUID.fromString(created.getHeader("Location").replaceAll(".*/Patient/([^/]+)/.*", "$1"));
        assertThat(recreated).isNotEqualTo(member.personId());
        assertThat(jdbc.sql("select count(*) from phr_membership where person_id = ?").param(recreated).query(Long.class).single())
                .as("only the holder's own membership").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ?").param(recreated).query(Long.class).single())
                .as("nothing of the deleted data").isZero();
        assertThat(jdbc.sql("select personal_tenant_id from phr_person where id = ?").param(recreated).query(UUID.class).optional()).isEmpty();

        // Prefer: return=minimal: no body, the notice in the Warning header.
        MockHttpServletResponse minimal = post("/fhir/Patient", patient, "return=minimal");
        assertThat(minimal.getStatus()).isEqualTo(200);
        assertThat(minimal.getContentAsString()).isEmpty();
        assertThat(minimal.getHeader("Warning")).contains("phr.fhir.tombstonePatientKept");

        assertThat(post("/fhir/Observation", steps(recreated, "steps-9"), null).getStatus()).isEqualTo(422);
        assertThat(post("/fhir/Observation", bmi(recreated, "bmi-9"), null).getStatus()).isEqualTo(201);
    }

    static String transaction(String patient, String observation) {
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:11111111-1111-1111-1111-111111111111","resource":%s,"request":{"method":"POST","url":"Patient"}},
                 {"resource":%s,"request":{"method":"POST","url":"Observation"}}]}""".formatted(patient, observation);
    }

    @Test
    @DisplayName("削除後の transaction/batch Bundle: 各エントリの outcome が告げ、ライフログは全体ごと断られる")
    void bundlesSayItInEachEntrysOutcomeAndRefuseTheDeletedKindOfData() throws Exception {
        deleteOnRequestKeepingNothing();
        String urn = "urn:uuid:11111111-1111-1111-1111-111111111111";
        String lifelog = steps(member.personId(), "steps-7").replace("Patient/" + member.personId(), urn);
        String checkup = bmi(member.personId(), "bmi-7").replace("Patient/" + member.personId(), urn);

        MockHttpServletResponse refused = post("/fhir", transaction(patient, lifelog), null);
        assertThat(refused.getStatus()).isEqualTo(422);
        OperationOutcome why = parse(refused, OperationOutcome.class);
        assertThat(why.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("Bundle.entry[1].Observation.subject");
        assertThat(jdbc.sql("select count(*) from phr_membership where tenant_id = ?").param(insurer).query(Long.class).single())
                .as("all or nothing: not even the Patient").isZero();

        MockHttpServletResponse done = post("/fhir", transaction(patient, checkup), null);
        assertThat(done.getStatus()).isEqualTo(200);
        Bundle response = parse(done, Bundle.class);
        assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("201 Created", "201 Created");
        assertThat(codes((OperationOutcome) response.getEntry().get(0).getResponse().getOutcome()))
                .containsExactly("phr.fhir.tombstonePatientNew");
        assertThat(codes((OperationOutcome) response.getEntry().get(1).getResponse().getOutcome()))
                .containsExactly("phr.fhir.tombstoneObservation");
        UUID recreated = UUID.fromString(response.getEntry().get(0).getResponse().getLocation().split("/")[1]);

        String batch = """
                {"resourceType":"Bundle","type":"batch","entry":[
                 {"resource":%s,"request":{"method":"POST","url":"Observation"}},
                 {"resource":%s,"request":{"method":"POST","url":"Observation"}}]}""".formatted(
                steps(recreated, "steps-8"), bmi(recreated, "bmi-8"));
        Bundle each = parse(post("/fhir", batch, null), Bundle.class);
        assertThat(each.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("422 Unprocessable Entity", "201 Created");
        assertThat(((OperationOutcome) each.getEntry().get(0).getResponse().getOutcome()).getIssueFirstRep().getDetails()
                .getCodingFirstRep().getCode()).isEqualTo("phr.error.tombstoneNotStatutory");
        assertThat(codes((OperationOutcome) each.getEntry().get(1).getResponse().getOutcome()))
                .containsExactly("phr.fhir.tombstoneObservation");
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ? and data_category = 'LIFELOG'")
                .param(recreated).query(Long.class).single()).isZero();
    }

    @Test
    @DisplayName("削除後の一括登録: 報告が該当する行を名指しし、ライフログの行は行番号つきで全体ごと断られる")
    void bulkIngestNamesTheLinesOfTheDeletedPersonAndRefusesTheirLifeLog() throws Exception {
        PhrFixture.Member other = fixture.member(insurer);
        deleteOnRequest();
        String line1 = bmi(member.personId(), "b-1").replace("\n", "") + "\n";
        String line2 = bmi(other.personId(), "b-2").replace("\n", "") + "\n";
        String line3 = bmi(member.personId(), "b-3").replace("\n", "").replace("2025-06-01T01", "2025-06-02T01") + "\n";

        MockHttpServletResponse refused = post("/fhir/Observation/$bulk-ingest",
                line1 + steps(member.personId(), "s-2").replace("\n", "") + "\n", null);
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(parse(refused, OperationOutcome.class).getIssue()).extracting(i -> i.getExpression().get(0).getValue())
                .containsExactly("line 2: Observation.subject");
        assertThat(stored("o.identifier_key like '%b-1'")).as("all or nothing").isZero();

        MockHttpServletResponse done = post("/fhir/Observation/$bulk-ingest", line1 + line2 + line3, null);
        assertThat(done.getStatus()).isEqualTo(200);
        OperationOutcome report = parse(done, OperationOutcome.class);
        assertThat(report.getIssueFirstRep().getDiagnostics()).contains("3");
        assertThat(codes(report)).containsExactly("phr.fhir.bulkTombstone");
        assertThat(report.getIssue().get(1).getExpression().get(0).getValue()).isEqualTo("lines 1, 3");
        assertThat(report.getIssue().get(1).getDiagnostics()).contains("Patient/" + member.personId(), "2");
        assertThat(jdbc.sql("select details->>'deletedOnRequest' from plat_audit_event where action = 'PHR_OBSERVATIONS_BULK_INGESTED'"
                + " order by id desc limit 1").query(String.class).single()).isEqualTo("1");
    }
}
