package jp.hip.collabo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import jp.hip.TestDatabase;

/**
 * Collabo-health benchmark (issue 12): {@code bin/bench collabo}. An insurer with {@code hip.benchmark.members}
 * (100,000) members and five years of 特定健診 (BMI, blood pressure, HbA1c, smoking answer: 20 observations per member),
 * {@code hip.benchmark.employees} (5,000) of them at the linked company's 事業所. Times building one employer's report
 * ({@link EmployerReports#build}: three aggregate reads — this year, the year before, the insurer's average — plus
 * suppression and storing) beside the machine's limit measured the standard way in the same run: the same
 * aggregation (eligible, examined and obese per sex × age band, this year, for the employer) as one plain SQL
 * {@code GROUP BY}, and the full-scan {@code count(*)} of the year's observations. Not part of the normal test run.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestDatabase.class)
class CollaboReportBenchmark {

    @Autowired CollaboFixture fixture;
    @Autowired EmployerReports reports;
    @Autowired JdbcClient jdbc;

    @Test
    void buildsOneEmployersReport() {
        int members = Integer.getInteger("hip.benchmark.members", 100_000);
        int employees = Integer.getInteger("hip.benchmark.employees", 5_000);
        CollaboFixture.Parties p = fixture.linked("B-1");
        long t0 = System.nanoTime();
        jdbc.sql("""
                insert into phr_person (id, family_name, given_name, birth_date, gender)
                select md5('bench-' || g)::uuid, 'ベンチ', 'テスト' || g, date '1951-04-01' + (g * 37 % 10950),
                       case when g % 2 = 0 then 'male' else 'female' end
                  from generate_series(1, ?) g""").param(members).update();
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, insurer_number, insured_symbol, insured_number, since)
                select ?, md5('bench-' || g)::uuid, 'INSURED', '06130012', 'B', 'b' || g, date '2020-04-01'
                  from generate_series(1, ?) g""").params(p.insurer(), members).update();
        jdbc.sql("""
                insert into phr_membership (tenant_id, person_id, kind, since, establishment_number, establishment_name)
                select ?, md5('bench-' || g)::uuid, 'EMPLOYEE', date '2020-04-01', 'B-1', 'B-1事業所'
                  from generate_series(1, ?) g""").params(p.company(), employees).update();
        for (int year = 2020; year <= 2024; year++) {
            jdbc.sql("""
                    insert into phr_observation (person_id, id, tenant_id, data_category, code_system, code, identity_code,
                        category_jp, category_hl7, effective_start, value_num, resource)
                    select md5('bench-' || g)::uuid, gen_random_uuid(), ?, 'CHECKUP', 'urn:oid:1.2.392.200119.6.1005', c.code,
                           substr(c.code, 1, 5), 'laboratory', 'laboratory', make_date(?, 6, 1) + (g % 200),
                           c.base + (g * c.k % c.spread), cast('{"resourceType":"Observation"}' as jsonb)
                      from generate_series(1, ?) g
                      cross join (values ('9N011000000000001', 18, 17, 13), ('9A751000000000001', 100, 60, 7),
                                         ('3D046000001906202', 4.6, 2, 3)) c(code, base, spread, k)""")
                    .params(p.insurer(), year, members).update();
            jdbc.sql("""
                    insert into phr_observation (person_id, id, tenant_id, data_category, code_system, code, identity_code,
                        category_jp, category_hl7, effective_start, resource)
                    select md5('bench-' || g)::uuid, gen_random_uuid(), ?, 'CHECKUP', 'urn:oid:1.2.392.200119.6.1005',
                           '9N736000000000011', '9N736', 'questionnaire', 'survey', make_date(?, 6, 1) + (g % 200),
                           cast('{"resourceType":"Observation","valueCodeableConcept":{"coding":[{"code":"' || (1 + g % 3) || '"}]}}' as jsonb)
                      from generate_series(1, ?) g""").params(p.insurer(), year, members).update();
        }
        jp.hip.TestDatabase.asOwner("analyze");
        long loaded = (System.nanoTime() - t0) / 1_000_000;
        String group = jdbc.sql("select employer_group from collabo_link_establishment where link_id = ?").param(p.linkId())
                .query(String.class).single();

        List<Long> build = new ArrayList<>();
        List<Long> groupBy = new ArrayList<>();
        List<Long> scan = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long a = System.nanoTime();
            reports.build(p.staff(), p.linkId(), group, 2024);
            build.add((System.nanoTime() - a) / 1_000_000);
            long b = System.nanoTime();
            jdbc.sql("""
                    select p.gender, least(greatest((extract(year from age(date '2025-03-31', p.birth_date))::int - 40) / 10, 0), 2),
                           count(distinct p.id), count(distinct o.person_id),
                           count(distinct o.person_id) filter (where o.identity_code = '9N011' and o.value_num >= 25)
                      from phr_membership m join phr_person p on p.id = m.person_id
                      join phr_membership e on e.tenant_id = :company and e.person_id = m.person_id and e.establishment_number = 'B-1'
                      left join phr_observation o on o.person_id = m.person_id and o.tenant_id = :insurer
                           and o.effective_start >= '2024-04-01' and o.effective_start < '2025-04-01'
                     where m.tenant_id = :insurer and m.kind = 'INSURED'
                       and extract(year from age(date '2025-03-31', p.birth_date)) between 40 and 74
                     group by 1, 2""").param("company", p.company()).param("insurer", p.insurer()).query().listOfRows();
            groupBy.add((System.nanoTime() - b) / 1_000_000);
            long c = System.nanoTime();
            jdbc.sql("select count(*) from phr_observation where effective_start >= '2024-04-01' and effective_start < '2025-04-01'")
                    .query(Long.class).single();
            scan.add((System.nanoTime() - c) / 1_000_000);
        }
        Collections.sort(build);
        Collections.sort(groupBy);
        Collections.sort(scan);
        System.out.printf("""
                %n== Collabo-health benchmark ==
                data: %,d members, %,d at the employer, 5 years x 4 items (%,d observations), loaded in %,d ms
                build one employer's report (3 aggregate reads: employer this year, the year before, insurer average;
                  suppression; store)                                      median %,d ms (min %,d, max %,d) of 5
                the machine's limit, same run:
                  the employer's year as one plain SQL GROUP BY (eligible, examined, obese per sex x age band)
                                                                           median %,d ms (min %,d) of 5
                  full scan count(*) of the year's observations              median %,d ms (min %,d) of 5
                """, members, employees, members * 20L, loaded, build.get(2), build.get(0), build.get(4),
                groupBy.get(2), groupBy.get(0), scan.get(2), scan.get(0));
        System.out.println("== end ==");
        UUID check = reports.reports(p.staff()).get(0).id();
        if (reports.report(p.staff(), check).orElseThrow().content().eligible().numerator() < 50) {
            throw new AssertionError("the benchmark employer is too small");
        }
    }
}
