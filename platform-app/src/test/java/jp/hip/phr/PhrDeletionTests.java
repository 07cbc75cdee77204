package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.checkup.CheckupRecords;
import jp.hip.phr.checkup.ImportLine;
import jp.hip.phr.checkup.ImportReport;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;
import jp.hip.phr.rights.ExportRuns;
import jp.hip.phr.rights.PhrRights;

/** Deletion that respects the law (issue 17 item 4, ADR 0041), through the person's page and the domain. */
@PlatformTest
class PhrDeletionTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CheckupRecords checkups;
    @Autowired PhrConsents consents;
    @Autowired PhrMedications medications;
    @Autowired PhrObservations observations;
    @Autowired PhrPersons persons;
    @Autowired PhrRights rights;
    @Autowired ExportRuns exports;
    @Autowired JdbcClient jdbc;

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    Accounts.Account person;
    UUID personId;
    UUID employer;
    Accessor insurer;
    Accessor me;
    Cookie session;
    byte[] file;

    @BeforeEach
    void setUp() throws Exception {
        Accounts.Account staff = accounts.withRole(Role.INSURER_STAFF);
        insurer = Accessor.tenant(staff.tenantId(), "staff", "保険者担当", Accessor.Channel.PAGE);
        checkups.registerInsurerNumber(insurer, "06130012");
        file = CheckupImportTests.sample("checkup-yamada-20250610.xml");
        assertThat(checkups.importUpload(insurer, "a.xml", file).imported()).isEqualTo(1);
        personId = jdbc.sql("select person_id from phr_membership where tenant_id = ?").param(staff.tenantId()).query(UUID.class).single();
        person = accounts.withRole(Role.INDIVIDUAL);
        persons.linkIndividual(personId, person.tenantId());
        employer = accounts.tenant(TenantKind.COMPANY);
        persons.registerEmployee(employer, personId);
        me = Accessor.individual(person.tenantId(), person.userId().toString(), "本人", Accessor.Channel.PAGE);
        session = Accounts.signIn(mvc, person.email());
        // the person's own app data, the employer's 定期健診 (安衛法), the insurer's medication and the person's consent
        observations.createObservation(me, observation("41950-7", "8000", "/d", "http://loinc.org"), Optional.empty());
        observations.createObservation(Accessor.tenant(employer, "hr", "人事", Accessor.Channel.API),
                observation("9N006000000000001", "70.0", "kg", "urn:oid:1.2.392.200119.6.1005"), Optional.empty());
        medications.createMedicationStatement(insurer.via(Accessor.Channel.API), PhrFhir.fhirContext().newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.MedicationStatement.class, FhirMedicationStatementTests.carbocisteine(personId)),
                Optional.empty());
        consents.grantMyConsent(me, employer, DataCategory.LIFELOG, LocalDate.of(2000, 1, 1), null);
    }

    Observation observation(String code, String value, String unit, String system) {
        String json = FhirApiTests.observation(personId, code, value, unit, Instant.parse("2025-06-01T01:00:00Z"), null)
                .replace("urn:oid:1.2.392.200119.6.1005", system);
        return PhrFhir.fhirContext().newJsonParser().parseResource(Observation.class, json);
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table + " where person_id = ?").param(personId).query(Long.class).single();
    }

    String page(String url) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(url).cookie(session)).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }

    static LocalDate endOfInsurerRetention() {
        LocalDate today = LocalDate.now(JAPAN);
        int fiscalYear = today.getMonthValue() >= 4 ? today.getYear() : today.getYear() - 1;
        return LocalDate.of(fiscalYear + 6, 3, 31);
    }

    static String japanese(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    @Test
    @DisplayName("削除依頼: 保険者の特定健診と事業主の定期健診は法令の期限まで残り、本人のデータ・同意・アカウントは消える")
    void deletionKeepsTheStatutoryRecordsAndRemovesThePersonsOwnDataConsentsAndAccount() throws Exception {
        int insurerValues = (int) (long) jdbc.sql("select count(*) from phr_observation where person_id = ? and tenant_id = ?")
                .params(personId, insurer.tenantId()).query(Long.class).single();
        assertThat(insurerValues).isEqualTo(PersonalPagesTests.ITEMS);

        // Before: the page names each holder, the law and the date, in Japanese format with 年度.
        String before = page("/me/data");
        assertThat(before).contains("削除しても残る記録", "高齢者の医療の確保に関する法律 第22条",
                "特定健康診査及び特定保健指導の実施に関する基準 第10条", "労働安全衛生規則 第51条",
                japanese(endOfInsurerRetention()), japanese(LocalDate.now(JAPAN).plusYears(5)), "2025年度", "2025年6月10日");

        MvcResult done = mvc.perform(post("/me/delete").cookie(session).with(csrf()).param("confirm", "yes")).andReturn();
        String after = done.getResponse().getContentAsString();
        assertThat(after).contains("記録を削除しました", "法令により残っている記録", japanese(endOfInsurerRetention()),
                "高齢者の医療の確保に関する法律 第22条", "同意（これまでの版を含む） 1件");

        // Kept with its holder: the insurer's 17 values and the file, the employer's 定期健診 value, their memberships.
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ? and tenant_id = ?")
                .params(personId, insurer.tenantId()).query(Long.class).single()).isEqualTo(insurerValues);
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ? and tenant_id = ?")
                .params(personId, employer).query(Long.class).single()).isEqualTo(1);
        assertThat(count("phr_source_document")).isEqualTo(1);
        assertThat(count("phr_membership")).isEqualTo(2);
        // Gone for real: the person's own app data, medication, consents, the account and its link.
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ? and data_category = 'LIFELOG'")
                .param(personId).query(Long.class).single()).isZero();
        assertThat(count("phr_medication_statement")).isZero();
        assertThat(count("phr_consent")).isZero();
        assertThat(jdbc.sql("select personal_tenant_id from phr_person where id = ?").param(personId).query(UUID.class).optional())
                .isEmpty();
        assertThat(jdbc.sql("select count(*) from plat_user where tenant_id = ?").param(person.tenantId()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select name from plat_tenant where id = ?").param(person.tenantId()).query(String.class).single())
                .startsWith("削除済みの利用者");
        assertThat(rights.tombstoneOf(personId)).isPresent();
        assertThat(jdbc.sql("select jsonb_array_length(retained) from phr_tombstone where person_id = ?").param(personId)
                .query(Integer.class).single()).isEqualTo(2);
        // The session ended with the account.
        assertThat(mvc.perform(get("/me/records").cookie(session)).andReturn().getResponse().getStatus()).isIn(302, 401, 403);

        // The insurer still reads its statutory record (法令); the employer no longer reads the life-log it had consent for.
        var all = new ObservationQuery(Optional.of(personId), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, Optional.empty(), false, 100, 0);
        assertThat(observations.searchObservations(insurer.via(Accessor.Channel.API), all)).hasSize(insurerValues);
        assertThat(observations.searchObservations(Accessor.tenant(employer, "hr", "人事", Accessor.Channel.API), all))
                .extracting(o -> o.getCode().getCodingFirstRep().getCode()).containsExactly("9N006000000000001");

        // Re-importing the same file: nothing stored twice, and the line says the person asked for deletion.
        ImportReport again = checkups.importUpload(insurer, "a.xml", file);
        ImportLine line = again.lines().get(0);
        assertThat(line.outcome()).isEqualTo(ImportLine.Outcome.ALREADY);
        assertThat(line.messages()).extracting(PhrException.Problem::key).containsExactly("phr.import.tombstoneAlready");
        assertThat(count("phr_consent")).isZero();
        assertThat(jdbc.sql("select personal_tenant_id from phr_person where id = ?").param(personId).query(UUID.class).optional()).isEmpty();
    }

    @Test
    @DisplayName("保存期限を過ぎた記録は削除され、保険者の再取込は保険者の記録だけを作り直し、削除依頼を報告する")
    void reimportAfterDeletionRecreatesOnlyTheHoldersRecordAndReportsTheTombstone() {
        // The insurer's record was made in 2015年度: kept until 2021年3月31日, so nothing is kept now.
        jdbc.sql("update phr_checkup set received_at = '2015-05-01T00:00:00Z' where person_id = ?").param(personId).update();
        jdbc.sql("delete from phr_observation where person_id = ? and tenant_id = ?").params(personId, employer).update();
        assertThat(rights.whatRemainsAfterDeletion(me)).isEmpty();

        PhrRights.Deletion deletion = rights.deleteMine(me);
        assertThat(deletion.retained()).isEmpty();
        assertThat(deletion.removed()).containsEntry("observations", PersonalPagesTests.ITEMS + 1).containsEntry("consentVersions", 1);
        assertThat(jdbc.sql("select count(*) from phr_person where id = ?").param(personId).query(Long.class).single()).isZero();
        assertThat(count("phr_observation")).isZero();
        assertThat(count("phr_source_document")).isZero();

        ImportReport report = checkups.importUpload(insurer, "a.xml", file);
        ImportLine line = report.lines().get(0);
        assertThat(line.outcome()).isEqualTo(ImportLine.Outcome.IMPORTED);
        assertThat(line.messages()).extracting(PhrException.Problem::key).contains("phr.import.tombstoneNew");
        UUID recreated = jdbc.sql("select person_id from phr_membership where tenant_id = ?").param(insurer.tenantId())
                .query(UUID.class).single();
        // Only the holder's own record: its values, no life-log, no medication, no consent, no account link.
        assertThat(recreated).isNotEqualTo(personId);
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ?").param(recreated).query(Long.class).single())
                .isEqualTo(PersonalPagesTests.ITEMS);
        assertThat(jdbc.sql("select count(*) from phr_observation where person_id = ? and data_category <> 'CHECKUP'")
                .param(recreated).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from phr_consent where person_id = ?").param(recreated).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from phr_membership where person_id = ?").param(recreated).query(Long.class).single())
                .as("the employer's link does not come back").isEqualTo(1);
        assertThat(jdbc.sql("select personal_tenant_id from phr_person where id = ?").param(recreated).query(UUID.class).optional()).isEmpty();
        assertThat(jdbc.sql("select details->>'deletedOnRequest' from plat_audit_event where action = 'PHR_CHECKUPS_IMPORTED'"
                + " order by id desc limit 1").query(String.class).single()).as("audited").isEqualTo("1");
    }

    @Test
    @DisplayName("書出し中の削除依頼は、はっきりした案内で断られ、何も削除されない")
    void deletionIsRefusedWhileAnExportRuns() throws Exception {
        long stored = count("phr_observation");
        try (ExportRuns.Run run = exports.begin(personId, "another request")) {
            MvcResult refused = mvc.perform(post("/me/delete").cookie(session).with(csrf()).param("confirm", "yes")).andReturn();
            assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/me/data");
            assertThat(refused.getFlashMap().get("failed")).isEqualTo("phr.data.exportRunning");
            assertThatThrownBy(() -> rights.deleteMine(me)).isInstanceOf(PhrException.class)
                    .extracting(e -> ((PhrException) e).kind()).isEqualTo(PhrException.Kind.CONFLICT);
            assertThat(count("phr_observation")).isEqualTo(stored);
            assertThat(count("phr_consent")).isEqualTo(1);
            assertThat(rights.tombstoneOf(personId)).isEmpty();
            assertThat(page("/me/data")).contains("いまデータの書出しが進んでいるため、削除できません", "何も削除していません");
        }
        // The export over, the deletion goes through.
        rights.deleteMine(me);
        assertThat(rights.tombstoneOf(personId)).isPresent();
    }

    @Test
    @DisplayName("ほかの人の削除依頼は、自分の記録に触れない（テナントをまたげない）")
    void anotherPersonsDeletionTouchesNothingOfThisPerson() throws Exception {
        Accounts.Account stranger = accounts.withRole(Role.INDIVIDUAL);
        Cookie strangerSession = Accounts.signIn(mvc, stranger.email());
        long stored = count("phr_observation");
        mvc.perform(post("/me/delete").cookie(strangerSession).with(csrf()).param("confirm", "yes"));
        assertThat(count("phr_observation")).isEqualTo(stored);
        assertThat(count("phr_consent")).isEqualTo(1);
        assertThat(rights.tombstoneOf(personId)).isEmpty();
        // A tenant user cannot reach the person's deletion at all.
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        Cookie hrSession = Accounts.signIn(mvc, hr.email());
        assertThat(mvc.perform(post("/me/delete").cookie(hrSession).with(csrf()).param("confirm", "yes")).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThatThrownBy(() -> rights.deleteMine(Accessor.tenant(employer, "hr", "人事", Accessor.Channel.PAGE)))
                .isInstanceOf(PhrException.class);
        assertThat(count("phr_observation")).isEqualTo(stored);
    }
}
