package jp.hip.phr;

import static jp.hip.phr.FhirTestClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.PlatformTest;
import jp.hip.api.fhir.FhirValidation;
import jp.hip.phr.access.PhrConsents;

/** The FHIR API over MockMvc: scopes, membership and consent on every endpoint, bad input as OperationOutcome. */
@PlatformTest
class FhirApiTests extends FhirMemberTest {

    static final String ALL = "system/Patient.rs system/Patient.c system/Observation.rs system/Observation.c system/Observation.u system/Consent.rs";

    @Autowired FhirValidation validation;
    @Autowired JdbcClient jdbc;

    @Override
    String scopes() {
        return ALL;
    }

    static String observation(UUID person, String code, String value, String unit, Instant when, String identifier) {
        return """
                {"resourceType":"Observation","status":"final",%s
                 "code":{"coding":[{"system":"urn:oid:1.2.392.200119.6.1005","code":"%s"}]},
                 "subject":{"reference":"Patient/%s"},
                 "effectiveDateTime":"%s",
                 "valueQuantity":{"value":%s,"unit":"%s","system":"http://unitsofmeasure.org","code":"%s"}}
                """.formatted(identifier == null ? "" : "\"identifier\":[{\"system\":\"urn:test\",\"value\":\"" + identifier + "\"}],",
                code, person, when, value, unit, unit);
    }

    static String bmi(UUID person, String identifier) {
        return observation(person, "9N011000000000001", "24.9", "kg/m2", Instant.parse("2025-06-01T01:00:00Z"), identifier);
    }

    long storedFor(UUID person) {
        return jdbc.sql("select count(*) from phr_observation where person_id = ?").param(person).query(Long.class).single();
    }

    @Test
    void createdObservationCarriesBothCodingsAndCategoriesAndIsValidR4() throws Exception {
        MockHttpServletResponse created = fhir.postJson("/fhir/Observation", bmi(member.personId(), null), token);
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getContentType()).startsWith("application/fhir+json");
        assertThat(created.getHeader("ETag")).isEqualTo("W/\"1\"");
        assertThat(created.getHeader("Location")).contains("/fhir/Observation/").endsWith("/_history/1");
        Observation observation = parse(created, Observation.class);
        assertThat(observation.getCode().getCoding()).extracting("system")
                .contains("urn:oid:1.2.392.200119.6.1005", "http://loinc.org");
        assertThat(observation.getCategory()).flatExtracting(c -> c.getCoding()).extracting("code")
                .contains("body-measurement", "vital-signs");
        assertThat(validation.errors(observation)).isEmpty();
    }

    @Test
    void aClientReadsBackWhatItWroteAndTheInsurerItsMembersCheckupsByLaw() throws Exception {
        String id = parse(fhir.postJson("/fhir/Observation", bmi(member.personId(), null), token), Observation.class).getIdElement().getIdPart();
        MockHttpServletResponse read = fhir.perform(get("/fhir/Observation/" + id), token);
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(parse(fhir.perform(get("/fhir/Observation?subject=Patient/" + member.personId()), token), Bundle.class).getEntry()).hasSize(1);
        // An insurer's own checkup record of its member: 法令 (高確法), no consent named.
        assertThat(jdbc.sql("select basis || ':' || coalesce(consent_refs, '-') from phr_access_log where person_id = ? and action = 'Observation.read'")
                .param(member.personId()).query(String.class).list()).containsExactly("STATUTE_INSURER:-");
    }

    @Test
    void anEmployerReadsInsurerHeldDataOnlyWithConsentAndWithdrawalCountsFromTheNextRequest() throws Exception {
        String id = parse(fhir.postJson("/fhir/Observation", bmi(member.personId(), null), token), Observation.class).getIdElement().getIdPart();
        UUID employer = fixture.employerOf(member);
        String employerToken = fhir.tokenFor(employer, ALL);
        assertThat(fhir.perform(get("/fhir/Observation/" + id), employerToken).getStatus()).isEqualTo(404);
        assertThat(parse(fhir.perform(get("/fhir/Observation?subject=Patient/" + member.personId()), employerToken), Bundle.class).getEntry()).isEmpty();

        UUID consent = fixture.consent(member, employer, DataCategory.CHECKUP);
        MockHttpServletResponse read = fhir.perform(get("/fhir/Observation/" + id), employerToken);
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getHeader("ETag")).isEqualTo("W/\"1\"");
        assertThat(validation.errors(parse(read, Observation.class))).isEmpty();
        Bundle found = parse(fhir.perform(get("/fhir/Observation?subject=Patient/" + member.personId()), employerToken), Bundle.class);
        assertThat(found.getEntry()).hasSize(1);
        assertThat(found.hasTotal()).isFalse();
        assertThat(validation.errors(found)).isEmpty();

        // The access log names the basis and the consent version that allowed the read.
        assertThat(jdbc.sql("select basis, consent_refs from phr_access_log where person_id = ? and action = 'Observation.read'")
                .param(member.personId()).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list())
                .contains("CONSENT Consent/" + consent + "/_history/1");

        consents.withdrawMyConsent(PhrFixture.individual(member), consent);
        assertThat(fhir.perform(get("/fhir/Observation/" + id), employerToken).getStatus()).isEqualTo(404);
        assertThat(parse(fhir.perform(get("/fhir/Observation?subject=Patient/" + member.personId()), employerToken), Bundle.class).getEntry()).isEmpty();
        // The insurer still reads its own record (法令).
        assertThat(fhir.perform(get("/fhir/Observation/" + id), token).getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from phr_consent where id = ?").param(consent).query(Long.class).single()).isEqualTo(2);
    }

    @Autowired PhrConsents consents;

    @Test
    void consentForLifeLogDoesNotOpenCheckupData() throws Exception {
        String id = parse(fhir.postJson("/fhir/Observation", bmi(member.personId(), null), token), Observation.class).getIdElement().getIdPart();
        UUID employer = fixture.employerOf(member);
        fixture.consent(member, employer, DataCategory.LIFELOG);
        assertThat(fhir.perform(get("/fhir/Observation/" + id), fhir.tokenFor(employer, ALL)).getStatus()).isEqualTo(404);
    }

    @Test
    void anotherInsurersPatientAndObservationAreNotFound() throws Exception {
        String id = parse(fhir.postJson("/fhir/Observation", bmi(member.personId(), null), token), Observation.class).getIdElement().getIdPart();
        fixture.consent(member, insurer, DataCategory.CHECKUP);
        UUID other = fixture.insurer();
        // Even a consent for the other insurer does not help without membership.
        fixture.consent(member, other, DataCategory.CHECKUP);
        String otherToken = fhir.tokenFor(other, ALL);
        MockHttpServletResponse patient = fhir.perform(get("/fhir/Patient/" + member.personId()), otherToken);
        assertThat(patient.getStatus()).isEqualTo(404);
        assertThat(patient.getContentType()).startsWith("application/fhir+json");
        assertThat(parse(patient, OperationOutcome.class).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        assertThat(fhir.perform(get("/fhir/Observation/" + id), otherToken).getStatus()).isEqualTo(404);
        assertThat(parse(fhir.perform(get("/fhir/Patient"), otherToken), Bundle.class).getEntry()).isEmpty();
        // Writing for another insurer's member is refused and writes nothing.
        assertThat(fhir.postJson("/fhir/Observation", bmi(member.personId(), null), otherToken).getStatus()).isEqualTo(400);
        assertThat(storedFor(member.personId())).isEqualTo(1);
        // The own insurer sees its member.
        MockHttpServletResponse own = fhir.perform(get("/fhir/Patient/" + member.personId()), token);
        assertThat(own.getStatus()).isEqualTo(200);
        assertThat(validation.errors(parse(own, org.hl7.fhir.r4.model.Patient.class))).isEmpty();
    }

    @Test
    void conditionalCreateStoresAResentObservationOnce() throws Exception {
        String body = bmi(member.personId(), "device-42");
        MockHttpServletResponse first = fhir.perform(post("/fhir/Observation").contentType("application/fhir+json")
                .header("If-None-Exist", "identifier=urn:test|device-42").content(body), token);
        MockHttpServletResponse again = fhir.perform(post("/fhir/Observation").contentType("application/fhir+json")
                .header("If-None-Exist", "identifier=urn:test|device-42").content(body), token);
        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(parse(again, Observation.class).getIdElement().getIdPart())
                .isEqualTo(parse(first, Observation.class).getIdElement().getIdPart());
        assertThat(storedFor(member.personId())).isEqualTo(1);
        // The match is a read: logged with its basis.
        assertThat(jdbc.sql("select basis from phr_access_log where person_id = ? and action = 'Observation.match'")
                .param(member.personId()).query(String.class).list()).containsExactly("STATUTE_INSURER");
    }

    @Test
    void aConditionalMatchIsReturnedOnlyWhereTheCallerMayStillReadIt() throws Exception {
        String body = bmi(member.personId(), "device-43");
        assertThat(fhir.perform(post("/fhir/Observation").contentType("application/fhir+json")
                .header("If-None-Exist", "identifier=urn:test|device-43").content(body), token).getStatus()).isEqualTo(201);
        // The person leaves the insurer: the insurer holds them no more, so a re-send matches nothing it may read.
        jdbc.sql("delete from phr_membership where tenant_id = ? and person_id = ?").params(insurer, member.personId()).update();
        MockHttpServletResponse again = fhir.perform(post("/fhir/Observation").contentType("application/fhir+json")
                .header("If-None-Exist", "identifier=urn:test|device-43").content(body), token);
        assertThat(again.getStatus()).isEqualTo(400);
        assertThat(again.getContentAsString()).doesNotContain("24.9");
        assertThat(jdbc.sql("select count(*) from phr_access_log where person_id = ? and action = 'Observation.match'")
                .param(member.personId()).query(Long.class).single()).isZero();
    }

    @Test
    void aPatientWithARegisteredIdentifierIsReturnedOnlyWhenItIsTheSamePersonAndNeverMerged() throws Exception {
        String patient = """
                {"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.392.200119.6.205","value":"健001:%s"}],
                 "name":[{"family":"%s","given":["太郎"]}],"gender":"male","birthDate":"1975-04-01"}""";
        MockHttpServletResponse same = fhir.postJson("/fhir/Patient", patient.formatted(member.insuredNumber(), "山田"), token);
        assertThat(same.getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("select basis from phr_access_log where person_id = ? and action = 'Patient.match'")
                .param(member.personId()).query(String.class).list()).containsExactly("SUPPLIER");
        MockHttpServletResponse other = fhir.postJson("/fhir/Patient", patient.formatted(member.insuredNumber(), "佐藤")
                .replace("1975-04-01", "1980-01-01"), token);
        assertThat(other.getStatus()).isEqualTo(409);
        OperationOutcome outcome = parse(other, OperationOutcome.class);
        assertThat(outcome.getIssue()).extracting(i -> i.getExpression().get(0).getValue()).containsExactly("Patient.name", "Patient.birthDate");
        assertThat(other.getContentAsString()).doesNotContain("山田", "1975");
        assertThat(jdbc.sql("select family_name from phr_person where id = ?").param(member.personId()).query(String.class).single())
                .isEqualTo("山田");
    }

    @Test
    void updateNeedsTheCurrentVersion() throws Exception {
        Observation created = parse(fhir.postJson("/fhir/Observation", bmi(member.personId(), null), token), Observation.class);
        String id = created.getIdElement().getIdPart();
        String changed = bmi(member.personId(), null).replace("24.9", "25.3");
        MockHttpServletResponse stale = fhir.perform(put("/fhir/Observation/" + id).contentType("application/fhir+json")
                .header("If-Match", "W/\"7\"").content(changed), token);
        assertThat(stale.getStatus()).isEqualTo(412);
        MockHttpServletResponse updated = fhir.perform(put("/fhir/Observation/" + id).contentType("application/fhir+json")
                .header("If-Match", "W/\"1\"").content(changed), token);
        assertThat(updated.getStatus()).isEqualTo(200);
        assertThat(updated.getHeader("ETag")).isEqualTo("W/\"2\"");
        assertThat(parse(updated, Observation.class).getMeta().getVersionId()).isEqualTo("2");
        assertThat(parse(updated, Observation.class).getValueQuantity().getValue()).isEqualByComparingTo("25.3");
    }

    @Test
    void searchFiltersByCodeAndDateAndPagesWithNextLinks() throws Exception {
        fixture.consent(member, insurer, DataCategory.CHECKUP);
        for (int year = 2020; year <= 2024; year++) {
            fhir.postJson("/fhir/Observation", observation(member.personId(), "9N006000000000001", "6" + (year - 2020), "kg",
                    Instant.parse(year + "-06-01T01:00:00Z"), null), token);
        }
        fhir.postJson("/fhir/Observation", observation(member.personId(), "9A751000000000001", "128", "mm[Hg]",
                Instant.parse("2024-06-01T01:00:00Z"), null), token);
        String base = "/fhir/Observation?subject=Patient/" + member.personId();
        assertThat(parse(fhir.perform(get(base + "&code=urn:oid:1.2.392.200119.6.1005|9N006000000000001"), token), Bundle.class).getEntry()).hasSize(5);
        assertThat(parse(fhir.perform(get(base + "&code=http://loinc.org|8480-6"), token), Bundle.class).getEntry()).hasSize(1);
        assertThat(parse(fhir.perform(get(base + "&category=laboratory"), token), Bundle.class).getEntry()).isEmpty();
        assertThat(parse(fhir.perform(get(base + "&code=9N006000000000001&date=ge2022&date=lt2024-01-01"), token), Bundle.class).getEntry()).hasSize(2);
        Bundle page = parse(fhir.perform(get(base + "&_count=4"), token), Bundle.class);
        assertThat(page.getEntry()).hasSize(4);
        String next = page.getLink("next").getUrl();
        assertThat(next).contains("_offset=4");
        Bundle second = parse(fhir.perform(get(next.substring(next.indexOf("/fhir/"))), token), Bundle.class);
        assertThat(second.getEntry()).hasSize(2);
        assertThat(second.getLink("next")).isNull();
        // A negative or huge _offset is a clear 400 OperationOutcome, never a 500 (issue 16 L4).
        for (String offset : new String[] {"-1", "2147483647", "99999999999"}) {
            MockHttpServletResponse bad = fhir.perform(get(base + "&_offset=" + offset), token);
            assertThat(bad.getStatus()).as(offset).isEqualTo(400);
            assertThat(bad.getContentAsString()).contains("OperationOutcome").contains("_offset");
        }
    }

    @Test
    void transactionResolvesUrnUuidReferencesAndIsAllOrNothing() throws Exception {
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        String good = transaction(patientUrn, "24.9", "kg/m2");
        MockHttpServletResponse response = fhir.postJson("/fhir", good, token);
        assertThat(response.getStatus()).isEqualTo(200);
        Bundle result = parse(response, Bundle.class);
        assertThat(result.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(result.getEntry()).extracting(e -> e.getResponse().getStatus()).containsOnly("201 Created");
        assertThat(validation.errors(result)).isEmpty();
        String personId = result.getEntry().get(0).getResponse().getLocation().split("/")[1];
        assertThat(storedFor(UUID.fromString(personId))).isEqualTo(2);

        String otherUrn = "urn:uuid:" + UUID.randomUUID();
        MockHttpServletResponse bad = fhir.postJson("/fhir", transaction(otherUrn, "24.9", "mg/dL").replace("\"99999\"", "\"88888\""), token);
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(parse(bad, OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains("mg/dL");
        assertThat(jdbc.sql("select count(*) from phr_membership where insured_number = '88888'").query(Long.class).single()).isZero();
    }

    static String transaction(String patientUrn, String bmi, String bmiUnit) {
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"%1$s","resource":{"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.392.200119.6.205","value":"記号1:99999"}],
                   "name":[{"family":"佐藤","given":["花子"]}],"gender":"female","birthDate":"1980-02-03"},
                  "request":{"method":"POST","url":"Patient"}},
                 {"fullUrl":"urn:uuid:%2$s","resource":{"resourceType":"Observation","status":"final",
                   "code":{"coding":[{"system":"urn:oid:1.2.392.200119.6.1005","code":"9N006000000000001"}]},
                   "subject":{"reference":"%1$s"},"effectiveDateTime":"2025-05-10T09:00:00+09:00",
                   "valueQuantity":{"value":58.2,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}},
                  "request":{"method":"POST","url":"Observation"}},
                 {"fullUrl":"urn:uuid:%3$s","resource":{"resourceType":"Observation","status":"final",
                   "code":{"coding":[{"system":"urn:oid:1.2.392.200119.6.1005","code":"9N011000000000001"}]},
                   "subject":{"reference":"%1$s"},"effectiveDateTime":"2025-05-10T09:00:00+09:00",
                   "valueQuantity":{"value":%4$s,"unit":"%5$s","system":"http://unitsofmeasure.org","code":"%5$s"}},
                  "request":{"method":"POST","url":"Observation"}}]}
                """.formatted(patientUrn, UUID.randomUUID(), UUID.randomUUID(), bmi, bmiUnit);
    }

    @Test
    void batchReportsEachEntry() throws Exception {
        String batch = """
                {"resourceType":"Bundle","type":"batch","entry":[
                 {"resource":%s,"request":{"method":"POST","url":"Observation"}},
                 {"resource":%s,"request":{"method":"POST","url":"Observation"}}]}
                """.formatted(bmi(member.personId(), null),
                observation(member.personId(), "9N011000000000001", "24.9", "cm", Instant.parse("2025-06-01T01:00:00Z"), null));
        Bundle result = parse(fhir.postJson("/fhir", batch, token), Bundle.class);
        assertThat(result.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("201 Created", "400 Bad Request");
        assertThat(result.getEntry().get(1).getResponse().getOutcome()).isNotNull();
        assertThat(storedFor(member.personId())).isEqualTo(1);
    }

    @Test
    void badInputIsAnOperationOutcomeAndWritesNothing() throws Exception {
        Instant future = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<String> bodies = List.of(
                "{\"resourceType\":\"Observation\",\"status\":",
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"x\"}]}",
                observation(member.personId(), "9N999000000000001", "1", "kg", Instant.parse("2025-01-01T00:00:00Z"), null),
                observation(member.personId(), "9N006000000000001", "60", "mg/dL", Instant.parse("2025-01-01T00:00:00Z"), null),
                observation(member.personId(), "9N006000000000001", "60", "kg", future, null),
                observation(member.personId(), "9N006000000000001", "6000", "kg", Instant.parse("2025-01-01T00:00:00Z"), null));
        for (String body : bodies) {
            MockHttpServletResponse response = fhir.postJson("/fhir/Observation", body, token);
            assertThat(response.getStatus()).as(body).isEqualTo(400);
            assertThat(response.getContentType()).startsWith("application/fhir+json");
            OperationOutcome outcome = parse(response, OperationOutcome.class);
            assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(validation.errors(outcome)).isEmpty();
        }
        assertThat(storedFor(member.personId())).isZero();
    }

    @Test
    void securityRefusalsAreOperationOutcomes() throws Exception {
        MockHttpServletResponse anonymous = fhir.perform(get("/fhir/Observation"), null);
        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(anonymous.getContentType()).startsWith("application/fhir+json");
        assertThat(parse(anonymous, OperationOutcome.class).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);

        String readOnly = fhir.tokenFor(insurer, "system/Observation.rs");
        MockHttpServletResponse forbidden = fhir.postJson("/fhir/Observation", bmi(member.personId(), null), readOnly);
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(parse(forbidden, OperationOutcome.class).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        MockHttpServletResponse bundle = fhir.postJson("/fhir", transaction("urn:uuid:" + UUID.randomUUID(), "24.9", "kg/m2"), readOnly);
        assertThat(bundle.getStatus()).isEqualTo(403);
        assertThat(storedFor(member.personId())).isZero();
    }

    @Test
    void everythingReturnsThePatientAndOnlyObservationsWithABasis() throws Exception {
        fhir.postJson("/fhir/Observation", bmi(member.personId(), null), token);
        fhir.postJson("/fhir/Observation", observation(member.personId(), "41950-7", "8000", "/d",
                Instant.parse("2025-06-01T01:00:00Z"), null).replace("urn:oid:1.2.392.200119.6.1005", "http://loinc.org"), token);
        // The insurer reads both (法令, 提供元); the employer only the consented category.
        assertThat(parse(fhir.perform(get("/fhir/Patient/" + member.personId() + "/$everything"), token), Bundle.class).getEntry())
                .extracting(e -> e.getResource().fhirType()).containsExactly("Patient", "Observation", "Observation");
        UUID employer = fixture.employerOf(member);
        fixture.consent(member, employer, DataCategory.CHECKUP);
        Bundle everything = parse(fhir.perform(get("/fhir/Patient/" + member.personId() + "/$everything"), fhir.tokenFor(employer, ALL)), Bundle.class);
        assertThat(everything.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactly("Patient", "Observation");
        assertThat(validation.errors(everything)).isEmpty();
        assertThat(fhir.perform(get("/fhir/Patient/" + member.personId() + "/$everything"), fhir.tokenFor(insurer, "system/Patient.rs")).getStatus())
                .isEqualTo(403);
        assertThat(fhir.perform(get("/fhir/Patient/" + member.personId() + "/$everything"), fhir.tokenFor(fixture.insurer(), ALL)).getStatus())
                .isEqualTo(404);
    }

    @Test
    void capabilityStatementIsPublicAndValid() throws Exception {
        MockHttpServletResponse metadata = fhir.perform(get("/fhir/metadata"), null);
        assertThat(metadata.getStatus()).isEqualTo(200);
        assertThat(validation.errors(parse(metadata, org.hl7.fhir.r4.model.CapabilityStatement.class))).isEmpty();
    }

    @Test
    void consentSearchShowsTheRecipientItsConsents() throws Exception {
        UUID consent = fixture.consent(member, insurer, DataCategory.CHECKUP);
        Bundle found = parse(fhir.perform(get("/fhir/Consent?patient=" + member.personId()), token), Bundle.class);
        assertThat(found.getEntry()).hasSize(1);
        assertThat(validation.errors(found)).isEmpty();
        assertThat(fhir.perform(get("/fhir/Consent/" + consent), fhir.tokenFor(fixture.insurer(), ALL)).getStatus()).isEqualTo(404);
    }
}
