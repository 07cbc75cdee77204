package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.aggregates.MembersOverviews;
import jp.hip.phr.aggregates.MembersOverviews.ItemSummary;
import jp.hip.phr.aggregates.MembersOverviews.MembersOverview;
import jp.hip.phr.observations.PhrObservations;

/** The insurer's members overview: counts only, consent applied in the query, small cells suppressed (×). */
@PlatformTest
class MembersOverviewTests {

    static final String BMI = "9N011";
    static final String WAIST = "9N016";

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired PhrConsents consents;
    @Autowired PhrObservations observations;
    @Autowired MembersOverviews overviews;
    @Autowired PhrFixture fixture;

    Accounts.Account staff;
    Accessor insurer;
    final List<PhrFixture.Member> consenting = new ArrayList<>();
    final List<UUID> consentIds = new ArrayList<>();

    @BeforeEach
    void setUp() {
        staff = accounts.withRole(Role.INSURER_STAFF);
        insurer = Accessor.tenant(staff.tenantId(), staff.userId().toString(), "テスト", Accessor.Channel.PAGE);
        // FY2024: 20 members, 10 with BMI 27.0 (above 25) and 10 with 22.0; five of them also a waist value. The
        // insurer's own checkup records count by law (法令); member 0's value comes from the employer, dated before the
        // member joined, so it counts only because member 0 consented (同意).
        for (int i = 0; i < 20; i++) {
            PhrFixture.Member m = fixture.member(staff.tenantId());
            if (i == 0) {
                consentIds.add(fixture.consent(m, staff.tenantId(), DataCategory.CHECKUP));
                consenting.add(m);
                store(employer(m), m, "9N011000000000001", "27.0", "kg/m2", "2024-06-10T01:00:00Z");
            } else {
                store(insurer, m, "9N011000000000001", i < 10 ? "27.0" : "22.0", "kg/m2", "2024-06-10T01:00:00Z");
            }
            store(insurer, m, "9N011000000000001", "40.0", "kg/m2", "2023-06-10T01:00:00Z"); // the year before: not counted
            if (i >= 1 && i <= 5) {
                store(insurer, m, "9N016160100000001", "90", "cm", "2024-06-10T01:00:00Z");
            }
        }
        // Three members whose high values another holder (their employer) supplied, from before they joined, without
        // consent: they must not be counted at all.
        for (int i = 0; i < 3; i++) {
            PhrFixture.Member m = fixture.member(staff.tenantId());
            store(employer(m), m, "9N011000000000001", "35.0", "kg/m2", "2024-07-01T01:00:00Z");
        }
    }

    Accessor employer(PhrFixture.Member m) {
        return Accessor.tenant(fixture.employerOf(m), "employer", "事業主", Accessor.Channel.API);
    }

    void store(Accessor writer, PhrFixture.Member m, String code, String value, String unit, String when) {
        Observation o = PhrFhir.fhirContext().newJsonParser().parseResource(Observation.class,
                FhirApiTests.observation(m.personId(), code, value, unit, Instant.parse(when), null));
        observations.createObservation(writer, o, Optional.empty());
    }

    static ItemSummary item(MembersOverview overview, String group) {
        return overview.items().stream().filter(i -> i.group().equals(group)).findFirst().orElseThrow();
    }

    @Test
    void countsTheValuesOfTheYearWithABasisAndSuppressesSmallCells() {
        MembersOverview overview = overviews.membersOverview(insurer, 2024);
        assertThat(overview.members()).isEqualTo(23);
        assertThat(overview.consenting()).isEqualTo(1);
        assertThat(overview.examined()).isEqualTo(20);
        ItemSummary bmi = item(overview, BMI);
        assertThat(bmi.persons()).isEqualTo(20);
        assertThat(bmi.outside()).isEqualTo(10);
        assertThat(bmi.outsideShare()).isEqualByComparingTo("50.0");
        assertThat(bmi.mean()).isEqualByComparingTo(new BigDecimal("24.5"));
        ItemSummary waist = item(overview, WAIST);
        assertThat(waist.persons()).as("5 persons: suppressed").isNull();
        assertThat(waist.mean()).isNull();
        assertThat(item(overview, "9N006").persons()).as("nobody: a real zero, not suppressed").isZero();
    }

    @Test
    void aWithdrawalCountsAtOnceAndComplementarySuppressionHidesTheSplit() {
        // The one of the ten above the threshold who is counted by consent withdraws: 19 persons, 9 above → the split
        // is hidden (9 < 10).
        consents.withdrawMyConsent(PhrFixture.individual(consenting.get(0)), consentIds.get(0));
        MembersOverview overview = overviews.membersOverview(insurer, 2024);
        ItemSummary bmi = item(overview, BMI);
        assertThat(bmi.persons()).isEqualTo(19);
        assertThat(bmi.outside()).isNull();
        assertThat(bmi.outsideShare()).isNull();
        assertThat(overview.consenting()).isZero();
    }

    @Test
    void anotherInsurerCountsNoneOfThem() {
        Accounts.Account other = accounts.withRole(Role.INSURER_STAFF);
        MembersOverview overview = overviews.membersOverview(
                Accessor.tenant(other.tenantId(), other.userId().toString(), "他", Accessor.Channel.PAGE), 2024);
        assertThat(overview.members()).isZero();
        assertThat(overview.examined()).isZero();
        assertThat(item(overview, BMI).persons()).isZero();
    }

    @Test
    void thePageAndItsCsvShowTheCountsAndTheSuppressionMarks() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/insurer/members").param("year", "2024").cookie(Accounts.signIn(mvc, staff.email())))
                .andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        String html = page.getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("加入者の健診結果(集計)", "2024年度", "50.0%", "×", "<svg");
        assertThat(html).doesNotContain("山田"); // counts only: no person's name

        MockHttpServletResponse csv = mvc.perform(get("/insurer/members/overview.csv").param("year", "2024").cookie(Accounts.signIn(mvc, staff.email())))
                .andReturn().getResponse();
        assertThat(csv.getContentType()).startsWith("text/csv");
        String text = csv.getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF項目,");
        assertThat(text).contains("BMI,kg/m2,20,10,50.0,×,24.5", "腹囲(実測),cm,×,×,×,-,×");
    }

    @Test
    void otherRolesCannotOpenIt() throws Exception {
        Accounts.Account hr = accounts.withRole(Role.HR_STAFF);
        assertThat(mvc.perform(get("/insurer/members").cookie(Accounts.signIn(mvc, hr.email()))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/insurer/members/overview.csv").param("year", "2024").cookie(Accounts.signIn(mvc, hr.email())))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
