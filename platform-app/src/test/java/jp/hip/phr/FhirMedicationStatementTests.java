package jp.hip.phr;

import static jp.hip.phr.FhirTestClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.PlatformTest;
import jp.hip.api.fhir.FhirValidation;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.rights.PhrRights;

/**
 * MedicationStatement (薬剤情報, ADR 0035) over MockMvc: the consent join on MEDICATION for every read, membership
 * for writes, conditional create, scopes, bad input as OperationOutcome, and the individual's export and deletion.
 */
@PlatformTest
class FhirMedicationStatementTests extends FhirMemberTest {

    static final String ALL = "system/Patient.rs system/MedicationStatement.rs system/MedicationStatement.c system/Observation.rs";
    static final String YJ = "urn:oid:1.2.392.100495.20.1.73";
    static final String HOT9 = "urn:oid:1.2.392.200119.4.403.1";

    @Autowired FhirValidation validation;
    @Autowired JdbcClient jdbc;
    @Autowired PhrConsents consents;
    @Autowired PhrMedications medications;
    @Autowired PhrRights rights;

    @Override
    String scopes() {
        return ALL;
    }

    static String statement(UUID person, String system, String code, String when, String identifier) {
        return """
                {"resourceType":"MedicationStatement","status":"active",%s
                 "medicationCodeableConcept":{"coding":[{"system":"%s","code":"%s","display":"カルボシステイン錠250mg"}]},
                 "subject":{"reference":"Patient/%s"},
                 "effectiveDateTime":"%s"}
                """.formatted(identifier == null ? "" : "\"identifier\":[{\"system\":\"urn:test\",\"value\":\"" + identifier + "\"}],",
                system, code, person, when);
    }

    static String carbocisteine(UUID person) {
        return statement(person, YJ, "2233002F1280", "2025-06-01T10:00:00+09:00", null);
    }

    MockHttpServletResponse postJson(String body, String bearer) throws Exception {
        return fhir.perform(post("/fhir/MedicationStatement").contentType("application/fhir+json").content(body), bearer);
    }

    long storedFor(UUID person) {
        return jdbc.sql("select count(*) from phr_medication_statement where person_id = ?").param(person).query(Long.class).single();
    }

    String create(String body) throws Exception {
        MockHttpServletResponse created = postJson(body, token);
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        return parse(created, MedicationStatement.class).getIdElement().getIdPart();
    }

    Bundle search(String query, String bearer) throws Exception {
        MockHttpServletResponse response = fhir.perform(get("/fhir/MedicationStatement" + query), bearer);
        assertThat(response.getStatus()).isEqualTo(200);
        return parse(response, Bundle.class);
    }

    @Test
    void createdStatementIsValidR4AndStoresItsSearchColumns() throws Exception {
        MockHttpServletResponse created = postJson(carbocisteine(member.personId()), token);
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getContentType()).startsWith("application/fhir+json");
        assertThat(created.getHeader("ETag")).isEqualTo("W/\"1\"");
        assertThat(created.getHeader("Location")).contains("/fhir/MedicationStatement/").endsWith("/_history/1");
        MedicationStatement statement = parse(created, MedicationStatement.class);
        assertThat(statement.getSubject().getReference()).isEqualTo("Patient/" + member.personId());
        assertThat(statement.getMeta().getVersionId()).isEqualTo("1");
        assertThat(validation.errors(statement)).isEmpty();
        Map<String, Object> row = jdbc.sql("""
                select data_category, status, medication_system, medication_code, medication_display, tenant_id
                  from phr_medication_statement where id = ?""")
                .param(UUID.fromString(statement.getIdElement().getIdPart())).query().singleRow();
        assertThat(row).containsEntry("data_category", "MEDICATION").containsEntry("status", "active")
                .containsEntry("medication_system", YJ).containsEntry("medication_code", "2233002F1280")
                .containsEntry("medication_display", "カルボシステイン錠250mg").containsEntry("tenant_id", insurer);
        // HOT9 is accepted as well.
        assertThat(postJson(statement(member.personId(), HOT9, "103831601", "2025-07-01", null), token).getStatus()).isEqualTo(201);
    }

    @Test
    void theSupplierReadsItsOwnStatementsAnotherHolderNeedsAMedicationConsentAndWithdrawalHidesAtOnce() throws Exception {
        String id = create(carbocisteine(member.personId()));
        // 提供元: the insurer reads back what it wrote.
        assertThat(fhir.perform(get("/fhir/MedicationStatement/" + id), token).getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("select basis from phr_access_log where person_id = ? and action = 'MedicationStatement.read'")
                .param(member.personId()).query(String.class).list()).containsExactly("SUPPLIER");
        UUID employer = fixture.employerOf(member);
        String employerToken = fhir.tokenFor(employer, ALL);
        assertThat(fhir.perform(get("/fhir/MedicationStatement/" + id), employerToken).getStatus()).isEqualTo(404);
        assertThat(search("?subject=Patient/" + member.personId(), employerToken).getEntry()).isEmpty();
        // A consent for another category does not open medication.
        fixture.consent(member, employer, DataCategory.CHECKUP);
        fixture.consent(member, employer, DataCategory.LIFELOG);
        assertThat(fhir.perform(get("/fhir/MedicationStatement/" + id), employerToken).getStatus()).isEqualTo(404);
        assertThat(search("?patient=" + member.personId(), employerToken).getEntry()).isEmpty();

        UUID consent = fixture.consent(member, employer, DataCategory.MEDICATION);
        token = employerToken;
        MockHttpServletResponse read = fhir.perform(get("/fhir/MedicationStatement/" + id), token);
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getHeader("ETag")).isEqualTo("W/\"1\"");
        assertThat(validation.errors(parse(read, MedicationStatement.class))).isEmpty();
        Bundle found = search("?subject=Patient/" + member.personId(), token);
        assertThat(found.getEntry()).hasSize(1);
        assertThat(found.hasTotal()).isFalse();
        assertThat(validation.errors(found)).isEmpty();
        assertThat(search("?patient=Patient/" + member.personId(), token).getEntry()).hasSize(1);

        // Every read is logged with its basis, and the consent version that allowed it.
        assertThat(jdbc.sql("select consent_refs from phr_access_log where person_id = ? and action = 'MedicationStatement.read' and basis = 'CONSENT'")
                .param(member.personId()).query(String.class).list()).containsExactly("Consent/" + consent + "/_history/1");
        assertThat(jdbc.sql("select resource_ids from phr_access_log where person_id = ? and action = 'MedicationStatement.search'")
                .param(member.personId()).query(String.class).list()).contains("MedicationStatement/" + id);

        consents.withdrawMyConsent(PhrFixture.individual(member), consent);
        assertThat(fhir.perform(get("/fhir/MedicationStatement/" + id), token).getStatus()).isEqualTo(404);
        assertThat(search("?subject=Patient/" + member.personId(), token).getEntry()).isEmpty();
    }

    @Test
    void searchPagesNewestFirst() throws Exception {
        fixture.consent(member, insurer, DataCategory.MEDICATION);
        create(statement(member.personId(), YJ, "2233002F1280", "2025-01-01", null));
        create(statement(member.personId(), YJ, "2456001F1310", "2025-03-01", null));
        create(statement(member.personId(), HOT9, "103831601", "2025-02-01", null));
        Bundle first = search("?subject=Patient/" + member.personId() + "&_count=2", token);
        assertThat(first.getEntry()).extracting(e -> ((MedicationStatement) e.getResource()).getEffectiveDateTimeType().getValueAsString())
                .containsExactly("2025-03-01", "2025-02-01");
        assertThat(first.getLink("next")).isNotNull();
        Bundle second = search("?subject=Patient/" + member.personId() + "&_count=2&_offset=2", token);
        assertThat(second.getEntry()).extracting(e -> ((MedicationStatement) e.getResource()).getEffectiveDateTimeType().getValueAsString())
                .containsExactly("2025-01-01");
        assertThat(second.getLink("next")).isNull();
        assertThat(fhir.perform(get("/fhir/MedicationStatement?_count=0"), token).getStatus()).isEqualTo(400);
    }

    @Test
    void anotherTenantNeitherReadsNorWrites() throws Exception {
        String id = create(carbocisteine(member.personId()));
        fixture.consent(member, insurer, DataCategory.MEDICATION);
        UUID other = fixture.insurer();
        // Even a consent for the other insurer does not help without membership.
        fixture.consent(member, other, DataCategory.MEDICATION);
        String otherToken = fhir.tokenFor(other, ALL);
        MockHttpServletResponse read = fhir.perform(get("/fhir/MedicationStatement/" + id), otherToken);
        assertThat(read.getStatus()).isEqualTo(404);
        assertThat(parse(read, OperationOutcome.class).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        assertThat(search("?subject=Patient/" + member.personId(), otherToken).getEntry()).isEmpty();
        assertThat(search("", otherToken).getEntry()).isEmpty();
        MockHttpServletResponse write = postJson(carbocisteine(member.personId()), otherToken);
        assertThat(write.getStatus()).isEqualTo(400);
        assertThat(storedFor(member.personId())).isEqualTo(1);
        assertThat(fhir.perform(get("/fhir/MedicationStatement/" + id), token).getStatus()).isEqualTo(200);
    }

    @Test
    void badInputIsAnOperationOutcomeAndWritesNothing() throws Exception {
        String future = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        UUID person = member.personId();
        Map<String, String> bodies = new HashMap<>();
        bodies.put("no coding", carbocisteine(person).replace("\"coding\":[{\"system\":\"" + YJ + "\",\"code\":\"2233002F1280\",\"display\":\"カルボシステイン錠250mg\"}]",
                "\"text\":\"カルボシステイン\""));
        bodies.put("unknown code system", statement(person, "urn:oid:1.2.3.4", "2233002F1280", "2025-06-01", null));
        bodies.put("future", statement(person, YJ, "2233002F1280", future, null));
        bodies.put("no effective", carbocisteine(person).replace(",\n \"effectiveDateTime\":\"2025-06-01T10:00:00+09:00\"", ""));
        bodies.put("bad status", carbocisteine(person).replace("\"status\":\"active\"", "\"status\":\"taking\""));
        bodies.put("no status", carbocisteine(person).replace("\"status\":\"active\",", ""));
        bodies.put("no subject", carbocisteine(person).replace("\"subject\":{\"reference\":\"Patient/" + person + "\"},", ""));
        bodies.put("wrong resourceType", FhirApiTests.bmi(person, null));
        bodies.put("not JSON", "{\"resourceType\":\"MedicationStatement\",");
        for (var body : bodies.entrySet()) {
            assertThat(body.getValue()).as(body.getKey()).isNotEqualTo(carbocisteine(person));
            MockHttpServletResponse response = postJson(body.getValue(), token);
            assertThat(response.getStatus()).as(body.getKey()).isEqualTo(400);
            assertThat(response.getContentType()).startsWith("application/fhir+json");
            OperationOutcome outcome = parse(response, OperationOutcome.class);
            assertThat(outcome.getIssueFirstRep().getSeverity()).as(body.getKey()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(validation.errors(outcome)).isEmpty();
        }
        assertThat(storedFor(person)).isZero();
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ?").param(person).query(Long.class).single()).isZero();
    }

    @Test
    void conditionalCreateStoresAResentStatementOnce() throws Exception {
        String body = statement(member.personId(), YJ, "2233002F1280", "2025-06-01", "rx-42");
        MockHttpServletResponse first = fhir.perform(post("/fhir/MedicationStatement").contentType("application/fhir+json")
                .header("If-None-Exist", "identifier=urn:test|rx-42").content(body), token);
        MockHttpServletResponse again = fhir.perform(post("/fhir/MedicationStatement").contentType("application/fhir+json")
                .header("If-None-Exist", "identifier=urn:test|rx-42").content(body), token);
        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(parse(again, MedicationStatement.class).getIdElement().getIdPart())
                .isEqualTo(parse(first, MedicationStatement.class).getIdElement().getIdPart());
        assertThat(storedFor(member.personId())).isEqualTo(1);
        // The same identifier without If-None-Exist is a conflict, not a second row.
        assertThat(postJson(body, token).getStatus()).isEqualTo(409);
        // A condition that does not match the body's identifier is refused.
        assertThat(fhir.perform(post("/fhir/MedicationStatement").contentType("application/fhir+json")
                .header("If-None-Exist", "identifier=urn:test|rx-43").content(body), token).getStatus()).isEqualTo(400);
        assertThat(storedFor(member.personId())).isEqualTo(1);
    }

    @Test
    void scopesAreRequired() throws Exception {
        fixture.consent(member, insurer, DataCategory.MEDICATION);
        String id = create(carbocisteine(member.personId()));
        String observationsOnly = fhir.tokenFor(insurer, "system/Observation.rs system/Observation.c");
        MockHttpServletResponse read = fhir.perform(get("/fhir/MedicationStatement/" + id), observationsOnly);
        assertThat(read.getStatus()).isEqualTo(403);
        assertThat(parse(read, OperationOutcome.class).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        assertThat(fhir.perform(get("/fhir/MedicationStatement?subject=Patient/" + member.personId()), observationsOnly).getStatus()).isEqualTo(403);
        String readOnly = fhir.tokenFor(insurer, "system/MedicationStatement.rs");
        assertThat(fhir.perform(get("/fhir/MedicationStatement/" + id), readOnly).getStatus()).isEqualTo(200);
        assertThat(postJson(carbocisteine(member.personId()), readOnly).getStatus()).isEqualTo(403);
        assertThat(postJson(carbocisteine(member.personId()), observationsOnly).getStatus()).isEqualTo(403);
        assertThat(fhir.perform(get("/fhir/MedicationStatement/" + id), null).getStatus()).isEqualTo(401);
        assertThat(storedFor(member.personId())).isEqualTo(1);
    }

    @Test
    void capabilityStatementListsTheResource() throws Exception {
        CapabilityStatement cs = parse(fhir.perform(get("/fhir/metadata"), null), CapabilityStatement.class);
        var resource = cs.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("MedicationStatement")).findFirst();
        assertThat(resource).isPresent();
        assertThat(resource.get().getInteraction()).extracting(i -> i.getCode().toCode()).containsExactlyInAnyOrder("read", "vread", "search-type", "create");
        assertThat(validation.errors(cs)).isEmpty();
    }

    @Test
    void theIndividualReadsTheirOwnAndNoOneElses() throws Exception {
        String id = create(carbocisteine(member.personId()));
        PhrFixture.Member stranger = fixture.member(insurer);
        String othersId = create(carbocisteine(stranger.personId()));
        Accessor me = PhrFixture.individual(member);
        // No consent is needed for one's own data.
        assertThat(medications.readMedicationStatement(me, UUID.fromString(id)).resource().getIdElement().getIdPart()).isEqualTo(id);
        assertThat(medications.searchMedicationStatements(me, java.util.Optional.empty(), 50, 0)).hasSize(1);
        assertThatThrownBy(() -> medications.readMedicationStatement(me, UUID.fromString(othersId)))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.kind()).isEqualTo(PhrException.Kind.NOT_FOUND));
        assertThat(medications.myMedications(me, 10)).singleElement()
                .satisfies(m -> assertThat(m.code()).isEqualTo("2233002F1280"))
                .satisfies(m -> assertThat(m.name()).isEqualTo("カルボシステイン錠250mg"));
        assertThat(jdbc.sql("select basis from phr_access_log where person_id = ? and action = 'MedicationStatement.read'")
                .param(member.personId()).query(String.class).list()).containsExactly("SELF");
        // The individual does not write medication.
        var statement = PhrFhir.fhirContext().newJsonParser().parseResource(MedicationStatement.class, carbocisteine(member.personId()));
        assertThatThrownBy(() -> medications.createMedicationStatement(me, statement, java.util.Optional.empty()))
                .isInstanceOfSatisfying(PhrException.class, e -> assertThat(e.kind()).isEqualTo(PhrException.Kind.FORBIDDEN));
    }

    @Test
    void exportContainsTheStatementsAndDeletionRemovesThem() throws Exception {
        String id = create(carbocisteine(member.personId()));
        create(statement(member.personId(), HOT9, "105271807", "2025-02-01", null));
        Accessor me = PhrFixture.individual(member);
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(rights.exportMine(me)), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        List<String> lines = entries.get("MedicationStatement.ndjson").lines().toList();
        assertThat(lines).hasSize(2);
        List<MedicationStatement> exported = lines.stream()
                .map(l -> PhrFhir.fhirContext().newJsonParser().parseResource(MedicationStatement.class, l)).toList();
        assertThat(exported).extracting(s -> s.getIdElement().getIdPart()).contains(id);
        assertThat(exported).allSatisfy(s -> assertThat(validation.errors(s)).isEmpty());
        assertThat(jdbc.sql("select resource_ids from phr_access_log where person_id = ? and action = 'Export'")
                .param(member.personId()).query(String.class).single()).contains("MedicationStatement (2)");

        rights.deleteMine(me);
        assertThat(storedFor(member.personId())).isZero();
        assertThat(jdbc.sql("select removed->>'medicationStatements' from phr_tombstone where person_id = ?")
                .param(member.personId()).query(String.class).single()).isEqualTo("2");
        assertThat(fhir.perform(get("/fhir/MedicationStatement/" + id), token).getStatus()).isEqualTo(404);
    }

    @Test
    void everythingHoldsTheConsentedStatementsOnlyForATokenThatMayReadThem() throws Exception {
        create(carbocisteine(member.personId()));
        fixture.consent(member, insurer, DataCategory.MEDICATION);
        Bundle everything = parse(fhir.perform(get("/fhir/Patient/" + member.personId() + "/$everything"), token), Bundle.class);
        assertThat(everything.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactly("Patient", "MedicationStatement");
        assertThat(validation.errors(everything)).isEmpty();

        String withoutMedicationScope = fhir.tokenFor(insurer, "system/Patient.rs system/Observation.rs");
        Bundle narrower = parse(fhir.perform(get("/fhir/Patient/" + member.personId() + "/$everything"), withoutMedicationScope), Bundle.class);
        assertThat(narrower.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactly("Patient");
    }
}
