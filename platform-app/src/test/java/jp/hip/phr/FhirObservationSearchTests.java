package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.PlatformTest;

/**
 * Observation search (issue 10): code (system|code, comma OR, :not), category with system, identifier,
 * value-quantity and date with every prefix, _lastUpdated, _sort, paging. Each search runs through the access join.
 */
@PlatformTest
class FhirObservationSearchTests {

    static final String SCOPES = "system/Patient.rs system/Observation.rs system/Observation.c system/Consent.rs";
    static final String BMI = "9N011000000000001";
    static final String SBP = "9A751000000000001";
    static final String WEIGHT = "9N006000000000001";
    static final String JP = "http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS";
    static final String HL7 = "http://terminology.hl7.org/CodeSystem/observation-category";

    @Autowired MockMvc mvc;
    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;
    @Autowired JdbcClient jdbc;

    PhrFixture.Member member;
    FhirSearchTestSupport api;
    String o1;
    String o2;
    String o3;
    String o4;
    String base;

    @BeforeEach
    void setUp() throws Exception {
        UUID insurer = fixture.insurer();
        member = fixture.member(insurer);
        api = new FhirSearchTestSupport(mvc, fhir.tokenFor(insurer, SCOPES));
        UUID p = member.personId();
        o1 = api.create(p, BMI, "24.9", "kg/m2", Instant.parse("2025-06-01T01:00:00Z"), "id-1");
        o2 = api.create(p, BMI, "30.0", "kg/m2", Instant.parse("2024-03-10T01:00:00Z"), null);
        o3 = api.create(p, SBP, "120", "mm[Hg]", Instant.parse("2025-01-15T01:00:00Z"), null);
        // 2024-01-01 05:00 in Japan: a value without a zone is Japan time
        o4 = api.create(p, WEIGHT, "60.0", "kg", Instant.parse("2023-12-31T20:00:00Z"), null);
        base = "/fhir/Observation?subject=Patient/" + p + "&";
    }

    List<String> found(String query) throws Exception {
        return api.ids(base + query);
    }

    @Test
    void codeTakesSystemAndCodeCommaOrAndNot() throws Exception {
        assertThat(found("code=" + BMI)).containsExactlyInAnyOrder(o1, o2);
        assertThat(found("code=urn:oid:1.2.392.200119.6.1005|" + BMI)).containsExactlyInAnyOrder(o1, o2);
        // the LOINC the code table gives the local code, with or without its system
        assertThat(found("code=http://loinc.org|39156-5")).containsExactlyInAnyOrder(o1, o2);
        assertThat(found("code=39156-5")).containsExactlyInAnyOrder(o1, o2);
        // another system, or explicitly none, matches nothing
        assertThat(found("code=http://example.org|" + BMI)).isEmpty();
        assertThat(found("code=|" + BMI)).isEmpty();
        assertThat(found("code=" + BMI + "," + SBP)).containsExactlyInAnyOrder(o1, o2, o3);
        assertThat(found("code:not=" + BMI)).containsExactlyInAnyOrder(o3, o4);
        assertThat(found("code:not=" + BMI + "," + SBP)).containsExactly(o4);
        // :not with a code no observation has excludes nothing
        assertThat(found("code:not=9Z999000000000001")).containsExactlyInAnyOrder(o1, o2, o3, o4);
        // repeated: AND
        assertThat(found("code=" + BMI + "," + SBP + "&code:not=" + SBP)).containsExactlyInAnyOrder(o1, o2);
    }

    @Test
    void categoryHonoursItsSystem() throws Exception {
        assertThat(found("category=body-measurement")).containsExactlyInAnyOrder(o1, o2, o4);
        assertThat(found("category=" + JP + "|body-measurement")).containsExactlyInAnyOrder(o1, o2, o4);
        assertThat(found("category=" + HL7 + "|body-measurement")).isEmpty();
        assertThat(found("category=" + JP + "|vital-signs")).containsExactly(o3);
        assertThat(found("category=" + HL7 + "|vital-signs")).containsExactlyInAnyOrder(o1, o2, o3, o4);
        assertThat(found("category=http://example.org|vital-signs")).isEmpty();
    }

    @Test
    void identifierHonoursItsSystem() throws Exception {
        assertThat(found("identifier=urn:test|id-1")).containsExactly(o1);
        assertThat(found("identifier=id-1")).containsExactly(o1);
        assertThat(found("identifier=urn:other|id-1")).isEmpty();
        assertThat(found("identifier=id-2")).isEmpty();
    }

    @Test
    void valueQuantityTakesEveryPrefix() throws Exception {
        // values: o1 24.9, o2 30.0, o3 120, o4 60.0
        assertThat(found("value-quantity=24.9")).containsExactly(o1);
        assertThat(found("value-quantity=eq25")).containsExactly(o1);              // 25 means [24.5, 25.5)
        assertThat(found("value-quantity=eq25.0")).isEmpty();                      // 25.0 means [24.95, 25.05)
        assertThat(found("value-quantity=ne24.9")).containsExactlyInAnyOrder(o2, o3, o4);
        assertThat(found("value-quantity=gt30")).containsExactlyInAnyOrder(o3, o4);
        assertThat(found("value-quantity=gt29.9")).containsExactlyInAnyOrder(o2, o3, o4);
        assertThat(found("value-quantity=ge30")).containsExactlyInAnyOrder(o2, o3, o4);
        assertThat(found("value-quantity=lt30")).containsExactly(o1);
        assertThat(found("value-quantity=le30")).containsExactlyInAnyOrder(o1, o2);
        // sa / eb: the whole precision range of the value lies below / above
        assertThat(found("value-quantity=sa29.9")).containsExactlyInAnyOrder(o2, o3, o4);
        assertThat(found("value-quantity=sa30")).containsExactlyInAnyOrder(o3, o4);
        assertThat(found("value-quantity=eb25")).isEmpty();                        // below 24.5
        assertThat(found("value-quantity=lt25")).containsExactly(o1);
        // ap: within 10% of the value
        assertThat(found("value-quantity=ap27")).containsExactly(o1);              // [24.3, 29.7]
        assertThat(found("value-quantity=ap28")).containsExactly(o2);              // [25.2, 30.8]
        assertThat(found("value-quantity=ap110")).containsExactly(o3);             // [99, 121]
        assertThat(found("value-quantity=ap100")).isEmpty();                       // [90, 110]
        // the unit, on UCUM
        assertThat(found("value-quantity=24.9|http://unitsofmeasure.org|kg/m2")).containsExactly(o1);
        assertThat(found("value-quantity=24.9||kg/m2")).containsExactly(o1);
        assertThat(found("value-quantity=24.9|http://unitsofmeasure.org|kg")).isEmpty();
        assertThat(found("value-quantity=24.9|http://example.org|kg/m2")).isEmpty();
        assertThat(found("value-quantity=gt0||mm[Hg]")).containsExactly(o3);
        // comma OR, repetition AND
        assertThat(found("value-quantity=24.9,120")).containsExactlyInAnyOrder(o1, o3);
        assertThat(found("value-quantity=gt25&value-quantity=lt100")).containsExactlyInAnyOrder(o2, o4);
    }

    @Test
    void dateTakesEveryPrefixInJapanTime() throws Exception {
        // effective: o1 2025-06-01, o2 2024-03-10, o3 2025-01-15, o4 2024-01-01 05:00 (Japan)
        assertThat(found("date=2024")).containsExactlyInAnyOrder(o2, o4);
        assertThat(found("date=2023")).isEmpty();
        assertThat(found("date=eq2024-01-01")).containsExactly(o4);
        assertThat(found("date=ne2024")).containsExactlyInAnyOrder(o1, o3);
        assertThat(found("date=gt2024")).containsExactlyInAnyOrder(o1, o3);
        assertThat(found("date=sa2024")).containsExactlyInAnyOrder(o1, o3);
        assertThat(found("date=ge2024-03")).containsExactlyInAnyOrder(o1, o2, o3);
        assertThat(found("date=lt2024-03-10")).containsExactly(o4);
        assertThat(found("date=eb2024-03-10")).containsExactly(o4);
        assertThat(found("date=le2024-03-10")).containsExactlyInAnyOrder(o2, o4);
        assertThat(found("date=ge2024&date=lt2025")).containsExactlyInAnyOrder(o2, o4);
        assertThat(found("date=2024-01-01T05:00:00")).containsExactly(o4);
        assertThat(found("date=2023-12-31T20:00:00Z")).containsExactly(o4);
    }

    @Test
    void dateApproximatelyIsTenPercentOfTheDistanceFromNow() throws Exception {
        PhrFixture.Member other = fixture.member(member.insurerId());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String near = api.create(other.personId(), BMI, "22.0", "kg/m2", now.minus(95, ChronoUnit.DAYS), null);
        api.create(other.personId(), BMI, "22.0", "kg/m2", now.minus(130, ChronoUnit.DAYS), null);
        // 100 days ago: ap widens by 10 days either side
        String day = java.time.LocalDate.ofInstant(now.minus(100, ChronoUnit.DAYS), java.time.ZoneId.of("Asia/Tokyo")).toString();
        assertThat(api.ids("/fhir/Observation?subject=Patient/" + other.personId() + "&date=ap" + day)).containsExactly(near);
        assertThat(api.ids("/fhir/Observation?subject=Patient/" + other.personId() + "&date=eq" + day)).isEmpty();
    }

    @Test
    void lastUpdatedTakesPrefixes() throws Exception {
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
        assertThat(found("_lastUpdated=ge2020-01-01")).hasSize(4);
        assertThat(found("_lastUpdated=le2020")).isEmpty();
        assertThat(found("_lastUpdated=lt" + tomorrow)).hasSize(4);
        assertThat(found("_lastUpdated=gt" + today)).isEmpty();
        assertThat(found("_lastUpdated=ne" + today)).isEmpty();
        assertThat(found("_lastUpdated=ge" + today + "&code=" + BMI)).containsExactlyInAnyOrder(o1, o2);
    }

    @Test
    void sortByDateOrLastUpdatedEitherWayAndPagesFollowIt() throws Exception {
        assertThat(found("")).containsExactly(o1, o3, o2, o4); // newest first by default
        assertThat(found("_sort=date")).containsExactly(o4, o2, o3, o1);
        assertThat(found("_sort=-date")).containsExactly(o1, o3, o2, o4);
        assertThat(found("_sort=_lastUpdated")).containsExactly(o1, o2, o3, o4); // created in that order
        assertThat(found("_sort=-_lastUpdated")).containsExactly(o4, o3, o2, o1);
        assertThat(found("_sort=-_lastUpdated,date")).containsExactly(o4, o3, o2, o1);
        // pages of 3 in ascending date: the next link carries the sort, nothing is lost or repeated
        Bundle first = api.bundle(base + "_sort=date&_count=3");
        assertThat(FhirSearchTestSupport.matches(first)).hasSize(3);
        assertThat(first.getLink("next").getUrl()).contains("_sort=date").contains("_offset=3");
        assertThat(api.walk(base + "_sort=date&_count=3")).containsExactly(o4, o2, o3, o1);
        assertThat(api.walk(base + "_count=1")).containsExactly(o1, o3, o2, o4);
    }

    @Test
    void elementsSubsetsAndMarksIt() throws Exception {
        Bundle bundle = api.bundle(base + "_elements=code,effective&code=" + BMI);
        assertThat(FhirSearchTestSupport.matches(bundle)).hasSize(2).allSatisfy(e -> {
            Observation o = (Observation) e.getResource();
            assertThat(o.hasCode()).isTrue();
            assertThat(o.hasEffective()).isTrue();
            assertThat(o.hasStatus()).isTrue(); // mandatory: always returned
            assertThat(o.hasValue()).isFalse();
            assertThat(o.hasCategory()).isFalse();
            assertThat(o.getMeta().getTag()).anyMatch(t -> t.getCode().equals("SUBSETTED")
                    && t.getSystem().equals("http://terminology.hl7.org/CodeSystem/v3-ObservationValue"));
        });
        Observation whole = (Observation) FhirSearchTestSupport.matches(api.bundle(base + "code=" + BMI)).get(0).getResource();
        assertThat(whole.hasValue()).isTrue();
        assertThat(whole.getMeta().getTag()).isEmpty();
    }

    @Test
    void summaryCountAndCountZeroGiveTheTotalUnderTheBasisJoin() throws Exception {
        Bundle total = api.bundle(base + "_summary=count");
        assertThat(total.getTotal()).isEqualTo(4);
        assertThat(total.getEntry()).isEmpty();
        assertThat(total.getLink("next")).isNull();
        assertThat(api.bundle(base + "_count=0&code=" + BMI).getTotal()).isEqualTo(2);
        assertThat(api.bundle(base + "_count=0").getEntry()).isEmpty();
        var xml = api.get(base + "_summary=count&_format=xml");
        assertThat(xml.getContentType()).startsWith("application/fhir+xml");
        assertThat(xml.getContentAsString()).contains("<total value=\"4\"/>");
        long logged = jdbc.sql("select count(*) from phr_access_log where person_id = ? and action = 'Observation.count'")
                .param(member.personId()).query(Long.class).single();
        assertThat(logged).isEqualTo(4);
        // the employer holds the person but no basis for the insurer's checkup rows: total 0, not 4
        UUID employer = fixture.employerOf(member);
        FhirSearchTestSupport employerApi = new FhirSearchTestSupport(mvc,
                fhir.tokenFor(employer, SCOPES));
        assertThat(employerApi.bundle(base + "_summary=count").getTotal()).isZero();
        fixture.consent(member, employer, DataCategory.CHECKUP);
        assertThat(employerApi.bundle(base + "_summary=count").getTotal()).isEqualTo(4);
        // another insurer: nothing
        UUID stranger = fixture.insurer();
        FhirSearchTestSupport strangerApi = new FhirSearchTestSupport(mvc,
                fhir.tokenFor(stranger, SCOPES));
        assertThat(strangerApi.bundle(base + "_summary=count").getTotal()).isZero();
        // a normal page carries no total (see docs/phr.md)
        assertThat(api.bundle(base + "_count=2").hasTotal()).isFalse();
    }

    @Test
    void includeAddsTheReadablePatientOnceAndLogsIt() throws Exception {
        Bundle bundle = api.bundle(base + "_include=Observation:patient");
        assertThat(FhirSearchTestSupport.matches(bundle)).hasSize(4);
        List<Bundle.BundleEntryComponent> included = bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE).toList();
        assertThat(included).hasSize(1);
        assertThat(included.get(0).getResource().getIdElement().getIdPart()).isEqualTo(member.personId().toString());
        long logged = jdbc.sql("select count(*) from phr_access_log where person_id = ? and action = 'Patient.include'")
                .param(member.personId()).query(Long.class).single();
        assertThat(logged).isEqualTo(1);
        // without _include, no Patient
        assertThat(api.bundle(base + "code=" + BMI).getEntry()).allMatch(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH);
    }
}
