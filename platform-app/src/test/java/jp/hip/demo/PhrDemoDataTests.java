package jp.hip.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.PlatformTest;
import jp.hip.identity.IdentityManagement;
import jp.hip.phr.Accessor;
import jp.hip.phr.medication.MedicationStatementRules;
import jp.hip.phr.ObservationQuery;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;

/**
 * The run command's PHR demo: a few hundred persons with four years of checkups, each an employee of さくら精機 at
 * one of its 事業所, each with a year of daily life-log (issue 6, "done when").
 */
@PlatformTest
@org.springframework.test.context.ActiveProfiles("demo")
class PhrDemoDataTests {

    @Autowired IdentityManagement identity;
    @Autowired PhrMedications medications;
    @Autowired PhrObservations observations;
    @Autowired PhrPersons persons;
    @Autowired JdbcClient jdbc;

    @Test
    void everyPersonHasCheckupsAnEstablishmentAndAYearOfDailyLifeLog() {
        UUID insurer = identity.tenantNamed(DemoData.INSURER).orElseThrow().id();
        UUID company = identity.tenantNamed(DemoData.COMPANY).orElseThrow().id();
        assertThat(persons.memberCount(insurer)).isEqualTo(PhrDemoData.PERSONS);
        assertThat(persons.memberCount(company)).isEqualTo(PhrDemoData.PERSONS);

        Map<String, Long> byEstablishment = new java.util.TreeMap<>();
        jdbc.sql("select establishment_name, count(*) from phr_membership where tenant_id = ? group by 1").param(company)
                .query((rs, n) -> byEstablishment.put(rs.getString(1), rs.getLong(2))).list();
        assertThat(byEstablishment).containsOnlyKeys("本社", "静岡工場", "浜松物流センター");
        assertThat(byEstablishment.values()).allSatisfy(n -> assertThat(n).isGreaterThan(20));

        // per person: 4 years of checkups, 365 days of steps, 52 weeks of home weight and blood pressure
        List<long[]> perPerson = jdbc.sql("""
                select count(distinct o.effective_start::date) filter (where o.data_category = 'CHECKUP'),
                       count(*) filter (where o.code = '41950-7'),
                       count(*) filter (where o.code = '29463-7'),
                       count(*) filter (where o.code = '8480-6'),
                       count(distinct o.effective_start::date) filter (where o.code = '41950-7'),
                       avg(o.value_num) filter (where o.code = '41950-7')
                  from phr_membership m left join phr_observation o on o.person_id = m.person_id
                 where m.tenant_id = ? group by m.person_id""").param(insurer)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)})
                .list();
        assertThat(perPerson).hasSize(PhrDemoData.PERSONS).allSatisfy(p -> {
            assertThat(p[0]).as("checkup days").isEqualTo(4);
            assertThat(p[1]).isEqualTo(365);
            assertThat(p[4]).isEqualTo(365);
            assertThat(p[2]).isEqualTo(52);
            assertThat(p[3]).isEqualTo(p[2]);
        });
        assertThat(perPerson.stream().map(p -> p[5]).distinct().count()).as("average steps differ per person").isGreaterThan(200);
        assertThat(perPerson.stream().mapToLong(p -> p[5]).min().orElseThrow()).isGreaterThan(1500);
        assertThat(perPerson.stream().mapToLong(p -> p[5]).max().orElseThrow()).isLessThan(20_000);

        // written by the insurer's health app (提供元), and read by the employer only where a life-log consent allows it
        assertThat(jdbc.sql("""
                select distinct o.tenant_id from phr_observation o join phr_membership m on m.person_id = o.person_id
                 where m.tenant_id = ? and o.data_category = 'LIFELOG'""").param(insurer).query(UUID.class).list())
                .containsExactly(insurer);
        Accessor employer = Accessor.tenant(company, "test", "テスト", Accessor.Channel.API);
        List<UUID> consenting = jdbc.sql("""
                select distinct person_id from phr_consent where recipient_tenant_id = ? and data_category = 'LIFELOG'
                   and status = 'active' and superseded_at is null""").param(company).query(UUID.class).list();
        assertThat(consenting).hasSizeBetween(80, 160);
        UUID notConsenting = persons.memberIds(company).stream().filter(p -> !consenting.contains(p)).findFirst().orElseThrow();
        assertThat(observations.searchObservations(employer, steps(consenting.get(0)))).hasSize(50);
        assertThat(observations.searchObservations(employer, steps(notConsenting))).isEmpty();

        // loaded once: running the loader again adds nothing
        long observations = jdbc.sql("select count(*) from phr_observation").query(Long.class).single();
        assertThat(observations).isGreaterThanOrEqualTo(PhrDemoData.PERSONS * (4 * 13 + 365 + 3 * 52L));
        new PhrDemoData(identity, persons, null, null, null, null, null, null).run(null);
        assertThat(jdbc.sql("select count(*) from phr_observation").query(Long.class).single()).isEqualTo(observations);
    }

    @Test
    void demoCheckupsCarryQuestionnaireJudgementsAndCodedItemsAndTheInsurerHasGuidanceTargets() {
        UUID insurer = identity.tenantNamed(DemoData.INSURER).orElseThrow().id();
        UUID taro = jdbc.sql("select person_id from phr_membership where tenant_id = ? and insured_number = '1000000'")
                .param(insurer).query(UUID.class).single();
        // every checkup of 山田 太郎: 問診, 判定 and 尿 coded as valueCodeableConcept
        assertThat(jdbc.sql("""
                select count(*) from phr_observation where person_id = ? and resource -> 'valueCodeableConcept' is not null
                   and code in ('9N736000000000011', '9N501000000000011', '9N506000000000011', '1A010000000191111')""")
                .param(taro).query(Long.class).single()).isEqualTo(16);
        assertThat(jdbc.sql("select count(*) from phr_checkup where person_id = ? and status = 'CURRENT' and guidance_level is not null")
                .param(taro).query(Long.class).single()).isEqualTo(4);
        Map<String, Long> levels = new java.util.TreeMap<>();
        jdbc.sql("select guidance_level, count(*) from phr_checkup where tenant_id = ? and checkup_date >= '2024-04-01' group by 1")
                .param(insurer).query((rs, n) -> levels.put(rs.getString(1), rs.getLong(2))).list();
        assertThat(levels).containsOnlyKeys("1", "2", "3");
        assertThat(levels.get("1")).isGreaterThan(5);
        assertThat(levels.get("2")).isGreaterThan(5);
        Accessor staff = Accessor.tenant(insurer, "test", "テスト", Accessor.Channel.PAGE);
        assertThat(guidance.list(staff, 2024)).hasSizeGreaterThan(10);
        // the members overview's coded items: consenting members per answer, small cells suppressed
        var coded = overview.overview(staff, 2024);
        var level = coded.get(0);
        assertThat(level.name()).isEqualTo("保健指導レベル");
        assertThat(level.persons()).isGreaterThan(150);
        assertThat(level.answers()).extracting(a -> a.label()).containsExactly("積極的支援", "動機付け支援", "なし（情報提供）", "判定不能");
        assertThat(level.answers().get(3).persons()).isZero();
        assertThat(level.answers().get(2).persons()).isGreaterThan(10);
        assertThat(coded).filteredOn(i -> i.name().equals("喫煙")).singleElement()
                .satisfies(i -> assertThat(i.answers().get(0).persons()).isNotNull().isGreaterThan(10));
    }

    @Autowired jp.hip.phr.checkup.GuidanceTargets guidance;
    @Autowired jp.hip.phr.checkup.CodedItemsOverview overview;

    @Test
    void taroHasThreeMedicationStatementsOverTheLastYearThatHisInsurerMayRead() {
        UUID insurer = identity.tenantNamed(DemoData.INSURER).orElseThrow().id();
        UUID taro = jdbc.sql("select person_id from phr_membership where tenant_id = ? and insured_number = '1000000'")
                .param(insurer).query(UUID.class).single();
        Accessor reader = Accessor.tenant(insurer, "test", "テスト", Accessor.Channel.API);
        var found = medications.searchMedicationStatements(reader, java.util.Optional.of(taro), 50, 0);
        assertThat(found).hasSize(3);
        assertThat(found).allSatisfy(s -> assertThat(s.getMedicationCodeableConcept().getCoding()).extracting("system")
                .contains(MedicationStatementRules.YJ, MedicationStatementRules.HOT9));
        java.time.Instant yearAgo = java.time.Instant.now().minus(java.time.Duration.ofDays(366));
        assertThat(found).allSatisfy(s -> assertThat(s.getEffectivePeriod().getStart().toInstant()).isAfter(yearAgo));
        // The employer has no medication consent: it sees none of it.
        UUID company = identity.tenantNamed(DemoData.COMPANY).orElseThrow().id();
        assertThat(medications.searchMedicationStatements(Accessor.tenant(company, "test", "テスト", Accessor.Channel.API),
                java.util.Optional.of(taro), 50, 0)).isEmpty();
    }

    static ObservationQuery steps(UUID person) {
        return new ObservationQuery(java.util.Optional.of(person), java.util.Optional.empty(), java.util.Optional.of("41950-7"),
                java.util.Optional.empty(), java.util.Optional.empty(), true, java.util.Optional.empty(), false, 50, 0);
    }
}
