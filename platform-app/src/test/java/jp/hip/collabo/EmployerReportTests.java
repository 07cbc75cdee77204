package jp.hip.collabo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.hip.PlatformTest;
import jp.hip.collabo.ReportContent.Breakdown;
import jp.hip.collabo.ReportContent.Ratio;

/**
 * The employer report against a hand-computed fixture (FY2024):
 * 60 eligible members at 事業所 A (30 men of 45, 6 men of 65, 24 women of 55; plus 5 too young or too old who do not
 * count); 50 examined (24 + 6 + 20) = 83.3 % (with 51, the 9 not examined would be a count under 10: ×).
 * BMI ≥ 25: 10 + 3 + 4 = 17 of 50 = 34.0 %. Smokers: 11 of 50, so 39 of 50 = 78.0 % without the habit.
 * 特定保健指導: 12 targets, 10 completed (complement 2 < 10: the rate is ×).
 * The insurer's 10 other members (another employer) are all examined, BMI 22, non-smokers: insurer obesity
 * 17/60 = 28.3 %, index round(34.0 / 28.3 × 100) = 120 (20 worse: band 1 不良); smoking 49/60 = 81.7 %, index
 * round(78.0 / 81.7 × 100) = 95 (band 3 平均程度).
 * FY2023: 40 examined, 12 obese = 30.0 %, so the change is +4.0 points.
 */
@PlatformTest
class EmployerReportTests {

    @Autowired CollaboFixture fixture;
    @Autowired EmployerReports reports;
    @Autowired GuidanceRecords guidance;
    @Autowired JdbcClient jdbc;

    CollaboFixture.Parties p;

    @BeforeEach
    void setUp() {
        p = fixture.linked("A-1", "B-2");
        List<UUID> examined = new ArrayList<>();
        int[][] groups = {{30, 24, 1979, 0}, {6, 6, 1959, 0}, {24, 20, 1969, 1}}; // persons, examined, birth year, female
        int obese2024[] = {10, 3, 4};
        int obese2023[] = {8, 2, 2};
        int examined2023[] = {20, 5, 15};
        int smokers[] = {6, 2, 3};
        for (int g = 0; g < groups.length; g++) {
            for (int i = 0; i < groups[g][0]; i++) {
                UUID person = fixture.employee(p.insurer(), p.company(), "A-1", LocalDate.of(groups[g][2], 6, 1),
                        groups[g][3] == 1 ? "female" : "male");
                if (i < groups[g][1]) {
                    examined.add(person);
                    fixture.numeric(p.insurer(), person, CollaboFixture.BMI, i < obese2024[g] ? "27.0" : "22.0", "2024-06-10T01:00:00Z");
                    fixture.coded(p.insurer(), person, CollaboFixture.SMOKING, i < smokers[g] ? "1" : (i % 2 == 0 ? "2" : "3"),
                            "2024-06-10T01:00:00Z");
                }
                if (i < examined2023[g]) {
                    fixture.numeric(p.insurer(), person, CollaboFixture.BMI, i < obese2023[g] ? "26.0" : "21.0", "2023-06-10T01:00:00Z");
                }
                if (g == 0 && i < 12) {
                    guidance.record(p.staff(), new GuidanceRecords.Entry(2024, "健1", fixture.numberOf(p.insurer(), person),
                            GuidanceRecords.Level.MOTIVATIONAL, LocalDate.of(2024, 8, 1), i < 10 ? LocalDate.of(2025, 2, 1) : null));
                }
            }
        }
        // not eligible: too young, too old (examined, obese: must not count)
        for (LocalDate birth : List.of(LocalDate.of(1990, 1, 1), LocalDate.of(1992, 1, 1), LocalDate.of(1945, 1, 1))) {
            UUID person = fixture.employee(p.insurer(), p.company(), "A-1", birth, "male");
            fixture.numeric(p.insurer(), person, CollaboFixture.BMI, "30.0", "2024-06-10T01:00:00Z");
        }
        // the insurer's other members (another employer): the all-member average
        for (int i = 0; i < 10; i++) {
            UUID person = fixture.employee(p.insurer(), null, null, LocalDate.of(1975, 6, 1), "male");
            fixture.numeric(p.insurer(), person, CollaboFixture.BMI, "22.0", "2024-06-10T01:00:00Z");
            fixture.coded(p.insurer(), person, CollaboFixture.SMOKING, "3", "2024-06-10T01:00:00Z");
        }
    }

    String group() {
        return new ArrayList<>(jdbc.sql("select employer_group from collabo_link_establishment where link_id = ?")
                .param(p.linkId()).query(String.class).set()).get(0);
    }

    static Ratio ratio(ReportContent c, String key) {
        return c.ratios().stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void computesTheRatesAndRatiosOfTheHandComputedFixture() {
        UUID id = reports.build(p.staff(), p.linkId(), group(), 2024);
        ReportContent c = reports.report(p.staff(), id).orElseThrow().content();
        assertThat(c.eligible().numerator()).isEqualTo(60); // the fixture's one employee per 事業所 is 36: not eligible
        assertThat(c.checkup().current().numerator()).isEqualTo(50);
        assertThat(c.checkup().current().percent()).isEqualByComparingTo("83.3");
        Ratio obesity = ratio(c, "OBESITY");
        assertThat(obesity.current().numerator()).isEqualTo(17);
        assertThat(obesity.current().denominator()).isEqualTo(50);
        assertThat(obesity.current().percent()).isEqualByComparingTo("34.0");
        assertThat(obesity.insurerPercent()).isEqualByComparingTo("28.3");
        assertThat(obesity.index()).isEqualTo(120);
        assertThat(obesity.band()).isEqualTo(1);
        assertThat(obesity.previous().percent()).isEqualByComparingTo("30.0");
        assertThat(obesity.changePoints()).isEqualByComparingTo("4.0");
        Ratio smoking = ratio(c, "SMOKING");
        assertThat(smoking.current().numerator()).isEqualTo(39);
        assertThat(smoking.current().percent()).isEqualByComparingTo("78.0");
        assertThat(smoking.insurerPercent()).isEqualByComparingTo("81.7");
        assertThat(smoking.index()).isEqualTo(95);
        assertThat(smoking.band()).isEqualTo(3);
        assertThat(smoking.previous().mark()).isEqualTo("-");
        assertThat(smoking.changeMark()).isEqualTo("-");
        // no values and no answers: 「-」 with the reason
        assertThat(ratio(c, "LIVER").current().mark()).isEqualTo("-");
        assertThat(ratio(c, "LIVER").reasonKey()).isEqualTo("collabo.reason.noValues");
        assertThat(ratio(c, "SLEEP").current().mark()).isEqualTo("-");
        assertThat(ratio(c, "SLEEP").reasonKey()).isEqualTo("collabo.reason.noQuestionnaire");
        // 12 targets, 10 completed: the 2 who did not complete would follow from the rate, so it is ×
        assertThat(c.guidance().current().mark()).isEqualTo("×");
        assertThat(c.guidance().changeMark()).isEqualTo("×");
        assertThat(c.notHeld()).extracting(ReportContent.NotHeld::key).containsExactly("MEDICAL_COST", "GENERIC_DRUGS");
        assertThat(c.settings().medicationIsRisk()).isTrue();
    }

    @Test
    void refusesAnEmployerUnderFiftyEligiblePersonsAndStoresNothing() {
        CollaboFixture.Parties small = fixture.linked("S-1");
        for (int i = 0; i < 45; i++) {
            fixture.employee(small.insurer(), small.company(), "S-1", LocalDate.of(1970, 1, 1), "male");
        }
        String g = jdbc.sql("select employer_group from collabo_link_establishment where link_id = ?").param(small.linkId())
                .query(String.class).single();
        assertThatThrownBy(() -> reports.build(small.staff(), small.linkId(), g, 2024))
                .isInstanceOf(CollaboException.class).hasMessage("collabo.report.tooSmall");
        assertThat(reports.reports(small.staff())).isEmpty();
    }

    @Test
    void noHiddenCellCanBeRecoveredAndNoShownCellIsUnderTen() {
        UUID id = reports.build(p.staff(), p.linkId(), group(), 2024);
        ReportContent c = reports.report(p.staff(), id).orElseThrow().content();
        assertThat(c.breakdowns()).isNotEmpty();
        int hiddenSeen = 0;
        for (Breakdown b : c.breakdowns()) {
            int rows = b.cells().size();
            int cols = b.cells().get(0).size();
            Integer[][] nums = new Integer[rows][cols];
            Integer[][] dens = new Integer[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int col = 0; col < cols; col++) {
                    Cell cell = b.cells().get(r).get(col);
                    if (cell.isSuppressed()) {
                        hiddenSeen++;
                    } else if (cell.isShown()) {
                        nums[r][col] = cell.numerator();
                        dens[r][col] = cell.denominator();
                        assertThat(cell.denominator()).as(b.key()).isGreaterThanOrEqualTo(10);
                        assertThat(cell.numerator() == 0 || cell.numerator() >= 10).as(b.key()).isTrue();
                        assertThat(cell.denominator() - cell.numerator() == 0 || cell.denominator() - cell.numerator() >= 10)
                                .as(b.key()).isTrue();
                    } else {
                        nums[r][col] = 0;
                        dens[r][col] = 0;
                    }
                }
            }
            assertThat(RecoveryAttack.recovered(nums)).as(b.key() + " numerators").isEmpty();
            assertThat(RecoveryAttack.recovered(dens)).as(b.key() + " denominators").isEmpty();
        }
        assertThat(hiddenSeen).isGreaterThan(0);
        // the headline is the table's grand total: the same figure everywhere
        Breakdown obesity = c.breakdowns().stream().filter(b -> b.key().equals("OBESITY")).findFirst().orElseThrow();
        assertThat(obesity.cells().get(3).get(3)).isEqualTo(ratio(c, "OBESITY").current());
        // men aged 65 (6 persons) are hidden, and so is enough around them that they cannot be recovered
        assertThat(obesity.cells().get(0).get(2).mark()).isEqualTo("×");
        assertThat(obesity.cells().get(0).get(0).mark()).isEqualTo("×");
    }

    @Test
    void aCompanyDoesNotSeeADraftAndAnotherTenantSeesNothing() {
        UUID id = reports.build(p.staff(), p.linkId(), group(), 2024);
        assertThat(reports.report(p.hr(), id)).isEmpty();
        reports.share(p.staff(), id);
        assertThat(reports.report(p.hr(), id)).isPresent();
        assertThatThrownBy(() -> reports.share(p.staff(), id)).hasMessage("collabo.report.notDraft");
        assertThatThrownBy(() -> reports.build(p.staff(), p.linkId(), group(), 2024)).hasMessage("collabo.report.alreadyShared");
        CollaboFixture.Parties other = fixture.linked("Z-9");
        assertThat(reports.report(other.staff(), id)).isEmpty();
        assertThat(reports.report(other.hr(), id)).isEmpty();
        assertThatThrownBy(() -> reports.comment(other.hr(), other.linkId(), id, null, "見えますか")).hasMessage("collabo.notFound");
        // a comment naming another link of the same report's reader is refused
        assertThatThrownBy(() -> reports.comment(p.hr(), other.linkId(), id, null, "x")).hasMessage("collabo.comment.otherLink");
        reports.comment(p.hr(), p.linkId(), id, "risks", "肥満の割合について相談したいです。");
        reports.comment(p.staff(), p.linkId(), id, null, "承知しました。");
        assertThat(reports.comments(p.staff(), id)).extracting(CommentView::side).containsExactly(Side.COMPANY, Side.INSURER);
        assertThatThrownBy(() -> reports.acknowledge(p.staff(), id)).hasMessage("collabo.report.companyOnly");
        reports.acknowledge(p.hr(), id);
        assertThat(reports.report(p.staff(), id).orElseThrow().status()).isEqualTo(EmployerReport.Status.ACKNOWLEDGED);
        assertThat(jdbc.sql("select count(*) from plat_audit_event where tenant_id = ? and action = 'PHR_STATUTORY_AGGREGATE_READ'")
                .param(p.insurer()).query(Integer.class).single()).isEqualTo(3);
    }
}
