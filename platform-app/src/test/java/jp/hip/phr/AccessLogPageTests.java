package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.checkup.CheckupRecords;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;

/** The person's access log as they read it (issue 17 item 6, ADR 0042): names not ids, grouped, filtered, own views apart. */
@PlatformTest
class AccessLogPageTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CheckupRecords checkups;
    @Autowired PhrConsents consents;
    @Autowired PhrMedications medications;
    @Autowired PhrObservations observations;
    @Autowired PhrPersons persons;
    @Autowired AccessLog accessLog;
    @Autowired JdbcClient jdbc;

    Accounts.Account person;
    UUID personId;
    UUID insurerId;
    UUID employer;
    String insurerName;
    String employerName;
    Accessor me;
    Cookie session;

    @BeforeEach
    void setUp() throws Exception {
        Accounts.Account staff = accounts.withRole(Role.INSURER_STAFF);
        insurerId = staff.tenantId();
        Accessor insurerPage = Accessor.tenant(insurerId, "staff", "保険者担当", Accessor.Channel.PAGE);
        checkups.registerInsurerNumber(insurerPage, "06130012");
        checkups.importUpload(insurerPage, "a.xml", CheckupImportTests.sample("checkup-yamada-20250610.xml"));
        personId = jdbc.sql("select person_id from phr_membership where tenant_id = ?").param(insurerId).query(UUID.class).single();
        person = accounts.withRole(Role.INDIVIDUAL);
        persons.linkIndividual(personId, person.tenantId());
        employer = accounts.tenant(TenantKind.COMPANY);
        persons.registerEmployee(employer, personId);
        insurerName = name(insurerId);
        employerName = name(employer);
        me = Accessor.individual(person.tenantId(), person.userId().toString(), "本人", Accessor.Channel.PAGE);
        session = Accounts.signIn(mvc, person.email());
        medications.createMedicationStatement(Accessor.tenant(insurerId, "demo-phr-fhir", "demo-phr-fhir", Accessor.Channel.API),
                PhrFhir.fhirContext().newJsonParser().parseResource(org.hl7.fhir.r4.model.MedicationStatement.class,
                        FhirMedicationStatementTests.carbocisteine(personId)), Optional.empty());
    }

    String name(UUID tenant) {
        return jdbc.sql("select name from plat_tenant where id = ?").param(tenant).query(String.class).single();
    }

    String page(String url) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(url).cookie(session)).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }

    long rows() {
        return jdbc.sql("select count(*) from phr_access_log where person_id = ?").param(personId).query(Long.class).single();
    }

    @Test
    @DisplayName("閲覧履歴: 1回の要求は1件、機関と担当者の名前、項目名と日付、根拠を言葉で示し、IDは出さない")
    void entriesNameWhoWhatAndWhyAndGroupOneRequestIntoOne() throws Exception {
        // One request of the insurer's staff member: Patient and medication (提供元), observations (法令): three lines, one entry.
        Accessor staffRead = Accessor.tenant(insurerId, "staff", "保険者担当 佐藤", Accessor.Channel.API);
        observations.everything(staffRead, personId, 100);
        medications.searchMedicationStatements(staffRead, Optional.of(personId), 50, 0);
        // The employer reads the checkups with the person's consent: its own entry.
        consents.grantMyConsent(me, employer, DataCategory.CHECKUP, LocalDate.of(2025, 4, 1), null);
        var query = new ObservationQuery(Optional.of(personId), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, Optional.empty(), false, 100, 0);
        observations.searchObservations(Accessor.tenant(employer, "hr", "人事 田中", Accessor.Channel.PAGE), query);
        // The person's own records page: several lines (summary, checkups, medication, chart), one own entry.
        long before = rows();
        page("/me/records");
        assertThat(rows() - before).as("the records page writes several lines").isGreaterThan(2);

        var others = accessLog.myAccessLog(me, AccessLogEntry.Filter.others(), 0, 20, java.util.Locale.JAPANESE);
        assertThat(others.entries()).hasSize(2);
        assertThat(others.ownCount()).isEqualTo(1);
        AccessLogEntry insurerEntry = others.entries().stream().filter(e -> e.tenantId().equals(insurerId)).findFirst().orElseThrow();
        assertThat(insurerEntry.bases()).containsExactlyInAnyOrder(AccessBasis.STATUTE_INSURER, AccessBasis.SUPPLIER);
        assertThat(insurerEntry.actions()).containsExactlyInAnyOrder("Patient.read", "Observation.search", "MedicationStatement.search");
        assertThat(insurerEntry.itemNames()).contains("体重", "カルボシステイン錠250mg");
        assertThat(insurerEntry.from()).isEqualTo(LocalDate.of(2025, 6, 1));
        assertThat(insurerEntry.to()).isEqualTo(LocalDate.of(2025, 6, 10));

        String html = page("/me/access-log");
        // item names by name (the page shows the first six of an entry and "ほか n項目"; which six is not fixed)
        assertThat(html).containsAnyOf(insurerEntry.itemNames().toArray(String[]::new));
        assertThat(html).contains(insurerName, "保険者担当 佐藤", employerName, "人事 田中", "ほか", "2025年6月10日",
                "法令（高齢者医療確保法", "提供元", "同意", "あなたの同意：健診結果、2025年4月1日〜", "ほかの人・機関による閲覧（2件）",
                "あなた自身の閲覧（1件）");
        assertThat(html).doesNotContain(personId.toString(), "Observation/", "Consent/", "MedicationStatement/", "Timeline.read");
        String own = page("/me/access-log?view=own");
        assertThat(own).contains("グラフ", "最新の値").doesNotContain("人事 田中");
    }

    @Test
    @DisplayName("閲覧履歴の絞り込み（機関・根拠・期間）と、読めない条件の案内")
    void filtersByHolderBasisAndPeriodInTheQuery() throws Exception {
        observations.everything(Accessor.tenant(insurerId, "staff", "保険者担当", Accessor.Channel.API), personId, 100);
        consents.grantMyConsent(me, employer, DataCategory.CHECKUP, LocalDate.of(2025, 4, 1), null);
        var query = new ObservationQuery(Optional.of(personId), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, Optional.empty(), false, 100, 0);
        observations.searchObservations(Accessor.tenant(employer, "hr", "人事", Accessor.Channel.PAGE), query);

        var byEmployer = accessLog.myAccessLog(me, new AccessLogEntry.Filter(false, Optional.of(employer), Optional.empty(),
                Optional.empty(), Optional.empty()), 0, 20, java.util.Locale.JAPANESE);
        assertThat(byEmployer.entries()).extracting(AccessLogEntry::tenantId).containsExactly(employer);
        var byLaw = accessLog.myAccessLog(me, new AccessLogEntry.Filter(false, Optional.empty(), Optional.of(AccessBasis.Kind.STATUTE),
                Optional.empty(), Optional.empty()), 0, 20, java.util.Locale.JAPANESE);
        assertThat(byLaw.entries()).extracting(AccessLogEntry::tenantId).containsExactly(insurerId);
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1);
        assertThat(accessLog.myAccessLog(me, new AccessLogEntry.Filter(false, Optional.empty(), Optional.empty(),
                Optional.of(tomorrow), Optional.empty()), 0, 20, java.util.Locale.JAPANESE).total()).isZero();
        // paged in the query: one entry a page
        var first = accessLog.myAccessLog(me, AccessLogEntry.Filter.others(), 0, 1, java.util.Locale.JAPANESE);
        var second = accessLog.myAccessLog(me, AccessLogEntry.Filter.others(), 1, 1, java.util.Locale.JAPANESE);
        assertThat(first.total()).isEqualTo(2);
        assertThat(first.entries()).hasSize(1);
        assertThat(second.entries()).hasSize(1).doesNotContainAnyElementsOf(first.entries());

        String consented = page("/me/access-log?basis=CONSENT&from=2025/4/1");
        assertThat(consented).contains("人事").contains("全1件");
        String bad = page("/me/access-log?from=yesterday&basis=NOPE");
        assertThat(bad).contains("読み取れなかったため使っていない条件があります", "開始日", "根拠", "全2件");
        // paging past the end, or a page that is no number, goes to the nearest page with the same filters
        assertThat(mvc.perform(get("/me/access-log?basis=CONSENT&page=999").cookie(session)).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo("/me/access-log?basis=CONSENT&page=1");
        assertThat(mvc.perform(get("/me/access-log?page=abc").cookie(session)).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo("/me/access-log?page=1");
    }

    @Test
    @DisplayName("ほかの人の閲覧履歴は見えない（機関を指定しても、ほかの利用者からは読めない）")
    void anotherPersonNeverSeesThisLog() throws Exception {
        observations.everything(Accessor.tenant(insurerId, "staff", "保険者担当", Accessor.Channel.API), personId, 100);
        Accounts.Account stranger = accounts.withRole(Role.INDIVIDUAL);
        // the stranger has records of their own, so the page is shown, and tries this person's reader as a filter
        UUID strangerPerson = persons.registerMember(insurerId, new PhrPersons.NewMember("佐藤", "花子", "サトウ", "ハナコ",
                LocalDate.of(1980, 1, 1), "female", "06130012", "健002", "999"));
        persons.linkIndividual(strangerPerson, stranger.tenantId());
        Cookie strangerSession = Accounts.signIn(mvc, stranger.email());
        String html = mvc.perform(get("/me/access-log?holder=" + insurerId).cookie(strangerSession)).andReturn().getResponse()
                .getContentAsString();
        assertThat(html).contains("全0件").doesNotContain("体重", "保険者担当");
        // a tenant user is refused the individual's page
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        assertThat(mvc.perform(get("/me/access-log").cookie(Accounts.signIn(mvc, hr.email()))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
    }
}
