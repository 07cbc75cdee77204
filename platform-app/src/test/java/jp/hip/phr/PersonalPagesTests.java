package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.checkup.CheckupRecords;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;
import jp.hip.phr.rights.PhrRights;

/** The individual's pages: only their own person, consent withdrawal, access log, export and real deletion. */
@PlatformTest
class PersonalPagesTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CheckupRecords checkups;
    @Autowired PhrConsents consents;
    @Autowired PhrMedications medications;
    @Autowired PhrObservations observations;
    @Autowired PhrPersons persons;
    @Autowired PhrRights rights;
    @Autowired IdentityManagement identity;
    @Autowired JdbcClient jdbc;

    /** The sample's 13 values and 4 coded items (採血時間, 尿蛋白, 喫煙, 保健指導レベル). */
    static final int ITEMS = 17;

    Accounts.Account insurerStaff;
    Accounts.Account person;
    UUID personId;
    UUID employer;
    Cookie session;

    @BeforeEach
    void setUp() throws Exception {
        insurerStaff = accounts.withRole(Role.INSURER_STAFF);
        Accessor insurer = Accessor.tenant(insurerStaff.tenantId(), "staff", "保険者担当", Accessor.Channel.PAGE);
        checkups.registerInsurerNumber(insurer, "06130012");
        var report = checkups.importUpload(insurer, "a.xml", CheckupImportTests.sample("checkup-yamada-20250610.xml"));
        assertThat(report.imported()).isEqualTo(1);
        personId = jdbc.sql("select person_id from phr_membership where tenant_id = ?").param(insurerStaff.tenantId()).query(UUID.class).single();
        person = accounts.withRole(Role.INDIVIDUAL);
        persons.linkIndividual(personId, person.tenantId());
        employer = accounts.tenant(jp.hip.identity.TenantKind.COMPANY);
        persons.registerEmployee(employer, personId);
        session = Accounts.signIn(mvc, person.email());
    }

    String page(String url) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(url).cookie(session)).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }

    @Test
    void recordsPageShowsValuesChartAndReferenceJudgement() throws Exception {
        String html = page("/me/records");
        assertThat(html).contains("わたしの記録", "体重", "74.8", "<svg", "<polyline");
        String ldl = page("/me/records?code=3F077000002327101");
        assertThat(ldl).contains("141", "基準外", "stroke-dasharray");
        assertThat(ldl).doesNotContain("<script>", " style=");
        assertThat(mvc.perform(get("/me/records?code=nope").cookie(session)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(page("/me/access-log?view=own")).contains("グラフ", "最新の値");
    }

    @Test
    void recordsShowUnitsForPeopleAndCaptionsSayOnlyWhatIsDrawn() throws Exception {
        String weight = page("/me/records");
        assertThat(weight).contains("mmHg").doesNotContain("mm[Hg]");
        // 体重 has no guidance threshold: no dashed line is drawn, and the caption does not claim one
        assertThat(weight).doesNotContain("stroke-dasharray", "破線");
        assertThat(page("/me/records?code=3F077000002327101")).contains("stroke-dasharray", "破線は保健指導判定値です");
        // the last x-axis label is anchored at its end, so it stays inside the chart
        assertThat(weight).containsPattern("text-anchor=\"end\"[^>]*>\\d{4}/\\d{1,2}</text>")
                .containsPattern("text-anchor=\"start\"[^>]*>\\d{4}/\\d{1,2}</text>");
        String english = page("/me/records?lang=en");
        assertThat(english).contains("Body weight", "mmHg").doesNotContain("{0}", "{1}");
    }

    @Test
    void recordsPageListsMedicationOnlyWhenThereIsSome() throws Exception {
        assertThat(page("/me/records")).doesNotContain("id=\"medications\"");
        var statement = PhrFhir.fhirContext().newJsonParser().parseResource(org.hl7.fhir.r4.model.MedicationStatement.class,
                FhirMedicationStatementTests.carbocisteine(personId));
        medications.createMedicationStatement(Accessor.tenant(insurerStaff.tenantId(), "staff", "保険者担当", Accessor.Channel.API),
                statement, java.util.Optional.empty());
        String html = page("/me/records");
        assertThat(html).contains("id=\"medications\"", "お薬", "カルボシステイン錠250mg", "2233002F1280", "服用中", "2025/06/01");
        assertThat(page("/me/access-log?view=own")).contains("お薬の一覧", "あなた（本人）");
    }

    @Test
    void anIndividualWithoutRecordsSeesAnEmptyStateNotSomeoneElses() throws Exception {
        Accounts.Account stranger = accounts.withRole(Role.INDIVIDUAL);
        Cookie strangerSession = Accounts.signIn(mvc, stranger.email());
        String html = mvc.perform(get("/me/records").cookie(strangerSession)).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("まだ記録はありません").doesNotContain("74.8");
        assertThat(mvc.perform(get("/me/export").cookie(strangerSession)).andReturn().getResponse().getStatus()).isEqualTo(404);
        // Withdrawing someone else's consent by id guessing changes nothing.
        UUID consent = consents.grantConsent(personId, insurerStaff.tenantId(), DataCategory.CHECKUP, java.time.LocalDate.of(2000, 1, 1), null, "t");
        int status = mvc.perform(post("/me/consents/" + consent + "/withdraw").cookie(strangerSession).with(csrf()))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(404);
        assertThat(jdbc.sql("select status from phr_consent where id = ? and superseded_at is null").param(consent).query(String.class).single())
                .isEqualTo("active");
    }

    @Test
    void grantAndOneClickWithdrawalOfTheEmployersConsent() throws Exception {
        String form = page("/me/consents");
        assertThat(form).contains(insurerStaff.tenantId().toString(), employer.toString());
        mvc.perform(post("/me/consents").cookie(session).with(csrf())
                .param("recipient", employer.toString()).param("category", "CHECKUP").param("from", "2020/4/1"));
        Accessor reader = Accessor.tenant(employer, "hr", "人事", Accessor.Channel.API);
        var query = new ObservationQuery(java.util.Optional.of(personId), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), true, java.util.Optional.empty(), false, 50, 0);
        assertThat(observations.searchObservations(reader, query)).hasSize(ITEMS);
        UUID consent = jdbc.sql("select id from phr_consent where person_id = ?").param(personId).query(UUID.class).single();
        assertThat(page("/me/consents")).contains("有効", "撤回する");
        mvc.perform(post("/me/consents/" + consent + "/withdraw").cookie(session).with(csrf()));
        assertThat(observations.searchObservations(reader, query)).isEmpty();
        assertThat(page("/me/consents")).contains("撤回済");
        assertThat(page("/me/access-log")).contains("検査値などの検索", "あなたの同意：健診結果", "（第1版）")
                .doesNotContain("Consent/" + consent);
        // The insurer reads its own 特定健診 records by law, consent or not.
        Accessor insurer = Accessor.tenant(insurerStaff.tenantId(), "staff", "保険者担当", Accessor.Channel.API);
        assertThat(observations.searchObservations(insurer, query)).hasSize(ITEMS);
        assertThat(page("/me/access-log")).contains("法令（高齢者医療確保法");
    }

    @Test
    void aConsentForAPeriodCoversOnlyDataOfThatPeriodAndABackwardPeriodIsRefused() throws Exception {
        // The sample checkup is of 2025-06-10: a consent for FY2024 (2024-04-01 to 2025-03-31) does not cover it.
        mvc.perform(post("/me/consents").cookie(session).with(csrf()).param("recipient", employer.toString())
                .param("category", "CHECKUP").param("from", "2024/4/1").param("to", "2024-04-01"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/me/consents"));
        mvc.perform(post("/me/consents").cookie(session).with(csrf()).param("recipient", employer.toString())
                .param("category", "CHECKUP").param("from", "2024/4/1").param("to", "2025/3/31"));
        Accessor reader = Accessor.tenant(employer, "hr", "人事", Accessor.Channel.API);
        var query = new ObservationQuery(java.util.Optional.of(personId), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), true, java.util.Optional.empty(), false, 50, 0);
        assertThat(observations.searchObservations(reader, query)).isEmpty();
        assertThat(page("/me/consents")).contains("2024-04-01 〜 2025-03-31");

        var refused = mvc.perform(post("/me/consents").cookie(session).with(csrf()).param("recipient", employer.toString())
                .param("category", "CHECKUP").param("from", "2025/4/1").param("to", "2025/3/31")).andReturn();
        assertThat(refused.getFlashMap().get("failed")).isEqualTo("phr.consents.periodOrder");
        assertThat(jdbc.sql("select count(*) from phr_consent where person_id = ?").param(personId).query(Long.class).single())
                .as("the two valid grants only").isEqualTo(2);

        // A consent whose period covers the checkup date lets the employer read it.
        mvc.perform(post("/me/consents").cookie(session).with(csrf()).param("recipient", employer.toString())
                .param("category", "CHECKUP").param("from", "2025/4/1").param("to", "2026/3/31"));
        assertThat(observations.searchObservations(reader, query)).hasSize(ITEMS);
    }

    @Test
    void exportHoldsNdjsonAndTheOriginalXmlThenDeletionKeepsOnlyWhatTheLawKeeps() throws Exception {
        MockHttpServletResponse export = mvc.perform(get("/me/export").cookie(session)).andReturn().getResponse();
        assertThat(export.getContentType()).isEqualTo("application/zip");
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export.getContentAsByteArray()))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.get("Observation.ndjson").lines()).hasSize(ITEMS).allMatch(l -> l.contains("\"resourceType\":\"Observation\""));
        assertThat(entries.get("Patient.ndjson")).contains("\"resourceType\":\"Patient\"");
        assertThat(entries.keySet()).anyMatch(n -> n.startsWith("original/") && n.endsWith("a.xml"));
        assertThat(entries.values()).anyMatch(v -> v.contains("<ClinicalDocument"));

        // Without the confirmation nothing happens.
        mvc.perform(post("/me/delete").cookie(session).with(csrf()));
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ?").param(personId).query(Long.class).single()).isEqualTo(ITEMS);

        String deleted = mvc.perform(post("/me/delete").cookie(session).with(csrf()).param("confirm", "yes")).andReturn()
                .getResponse().getContentAsString();
        // The insurer's 特定健診 stays with it by law (ADR 0041); the employer held nothing, so its link goes.
        assertThat(deleted).contains("法令により残っている記録", "高齢者の医療の確保に関する法律 第22条");
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ?").param(personId).query(Long.class).single())
                .isEqualTo(ITEMS);
        assertThat(jdbc.sql("select count(*) from phr_membership where person_id = ?").param(personId).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from phr_consent where person_id = ?").param(personId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from phr_person where id = ? and personal_tenant_id is null").param(personId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(rights.tombstoneOf(personId)).isPresent();
        assertThat(jdbc.sql("select count(*) from phr_access_log where person_id = ? and channel = 'EXPORT'").param(personId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(mvc.perform(get("/me/records").cookie(session)).andReturn().getResponse().getStatus())
                .as("the account is closed").isNotEqualTo(200);
    }
}
