package jp.hip.collabo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.PlatformTest;

/**
 * Each of the ten ratios at its 判定値 boundary (V51 definitions), hand-computed: 50 examined members (men and women
 * alternating); the first 20 have the value that counts (at the threshold), the other 30 the value just below it.
 * Five of those 30 answer 服薬(血圧) = 1: counted as blood-pressure risk holders only while the setting says so.
 */
@PlatformTest
class MetricRulesTests {

    @Autowired CollaboFixture fixture;
    @Autowired EmployerReports reports;
    @Autowired JdbcClient jdbc;

    static final String WHEN = "2024-07-01T01:00:00Z";

    @Test
    void everyRatioCountsAtItsThresholdAndTheMedicationSettingIsApplied() {
        CollaboFixture.Parties p = fixture.linked("M-1");
        for (int i = 0; i < 50; i++) {
            boolean male = i % 2 == 0;
            boolean hit = i < 20;
            UUID person = fixture.employee(p.insurer(), p.company(), "M-1", LocalDate.of(1960, 6, 1), male ? "male" : "female");
            UUID insurer = p.insurer();
            fixture.numeric(insurer, person, "9N016160100000001", male ? (hit ? "85" : "84.9") : (hit ? "90" : "89.9"), WHEN);
            fixture.numeric(insurer, person, "9A751000000000001", hit ? "130" : "129", WHEN);
            fixture.numeric(insurer, person, "9A761000000000001", "84", WHEN);
            fixture.numeric(insurer, person, "3B045000002327201", hit ? "31" : "30", WHEN);
            fixture.numeric(insurer, person, "3F070000002327101", hit ? "39" : "40", WHEN);
            fixture.numeric(insurer, person, "3F015000002327101", "149", WHEN);
            fixture.numeric(insurer, person, "3D046000001906202", hit ? "5.6" : "5.5", WHEN);
            if (i >= 20 && i < 25) {
                fixture.coded(insurer, person, "9N701000000000011", "1", WHEN);
            }
            fixture.coded(insurer, person, "9N736000000000011", hit ? "1" : "3", WHEN);
            fixture.coded(insurer, person, "9N746000000000011", hit ? "1" : "2", WHEN);
            fixture.coded(insurer, person, "9N781000000000011", hit ? "2" : "1", WHEN);
            fixture.coded(insurer, person, "9N791000000000011", hit ? "2" : "3", WHEN);
            fixture.coded(insurer, person, "9N796000000000011", hit ? "1" : "2", WHEN);
        }
        String group = jdbc.sql("select employer_group from collabo_link_establishment where link_id = ?").param(p.linkId())
                .query(String.class).single();
        UUID id = reports.build(p.staff(), p.linkId(), group, 2024);
        ReportContent c = reports.report(p.staff(), id).orElseThrow().content();
        Map<String, Integer> expected = Map.of("OBESITY", 20, "BLOOD_PRESSURE", 25, "LIVER", 20, "LIPID", 20, "GLUCOSE", 20,
                "SMOKING", 30, "EXERCISE", 20, "DIET", 20, "DRINKING", 10, "SLEEP", 20);
        expected.forEach((key, count) -> {
            ReportContent.Ratio r = EmployerReportTests.ratio(c, key);
            assertThat(r.current().denominator()).as(key).isEqualTo(50);
            assertThat(r.current().numerator()).as(key).isEqualTo(count);
        });
        assertThat(EmployerReportTests.ratio(c, "DRINKING").current().percent()).isEqualByComparingTo("20.0");

        reports.changeSettings(p.staff(), new ReportContent.Settings(false, 50, 10));
        reports.build(p.staff(), p.linkId(), group, 2024);
        ReportContent without = reports.report(p.staff(), id).orElseThrow().content();
        assertThat(EmployerReportTests.ratio(without, "BLOOD_PRESSURE").current().numerator()).isEqualTo(20);
        assertThat(without.settings().medicationIsRisk()).isFalse();
    }
}
