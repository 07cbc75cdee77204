package jp.hip.accounting.depreciation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.Yen;

/** The worked examples of ref-depreciation.md §4, year by year, and the rules of §1–§3 (ADR 0024). */
class TaxDepreciationTests {

    static final long COST = 1_000_000;

    static List<TaxDepreciation.Period> schedule(long cost, LocalDate inService, int life, TaxMethod method, RoundingMode rounding,
            int startMonth) {
        return TaxDepreciation.schedule(cost, inService, life, method, rounding, startMonth, DepreciationRates.current().forLife(life));
    }

    static List<Long> amounts(List<TaxDepreciation.Period> periods) {
        return periods.stream().map(TaxDepreciation.Period::amount).toList();
    }

    static List<Long> openings(List<TaxDepreciation.Period> periods) {
        return periods.stream().map(TaxDepreciation.Period::opening).toList();
    }

    @Test
    @DisplayName("E1 定額法 n=10: 100,000円 × 9, then 99,999円; 1円 remains")
    void e1StraightLineTenYears() {
        var s = schedule(COST, LocalDate.of(2020, 4, 1), 10, TaxMethod.STRAIGHT_LINE, RoundingMode.DOWN, 4);
        assertThat(amounts(s)).containsExactly(100_000L, 100_000L, 100_000L, 100_000L, 100_000L, 100_000L, 100_000L, 100_000L,
                100_000L, 99_999L);
        assertThat(s.get(s.size() - 1).closing()).isEqualTo(1);
        assertThat(s.get(s.size() - 1).phase()).isEqualTo(TaxDepreciation.Phase.FINAL);
    }

    @Test
    @DisplayName("E2 200%定率法 n=10: 保証額 65,520, switch in year 7 to 262,144 × 0.250, under every rounding")
    void e2Declining200() {
        for (RoundingMode mode : List.of(RoundingMode.DOWN, RoundingMode.UP, RoundingMode.HALF_UP)) {
            var s = schedule(COST, LocalDate.of(2012, 4, 1), 10, TaxMethod.DECLINING_200, mode, 4);
            assertThat(amounts(s)).containsExactly(200_000L, 160_000L, 128_000L, 102_400L, 81_920L, 65_536L, 65_536L, 65_536L,
                    65_536L, 65_535L);
            assertThat(openings(s)).containsExactly(1_000_000L, 800_000L, 640_000L, 512_000L, 409_600L, 327_680L, 262_144L,
                    196_608L, 131_072L, 65_536L);
            assertThat(s.get(5).phase()).isEqualTo(TaxDepreciation.Phase.REGULAR);
            assertThat(s.get(6).phase()).isEqualTo(TaxDepreciation.Phase.REVISED);
            assertThat(amounts(s).stream().mapToLong(Long::longValue).sum()).isEqualTo(999_999);
        }
    }

    @Test
    @DisplayName("E3 250%定率法 n=10 (NTA Q&A Q4): 切り捨て gives 改定取得価額 133,485, 44,583 twice, 44,318")
    void e3Declining250() {
        var s = schedule(COST, LocalDate.of(2008, 4, 1), 10, TaxMethod.DECLINING_250, RoundingMode.DOWN, 4);
        assertThat(amounts(s)).containsExactly(250_000L, 187_500L, 140_625L, 105_468L, 79_101L, 59_326L, 44_495L, 44_583L,
                44_583L, 44_318L);
        assertThat(s.get(7).opening()).isEqualTo(133_485);
        assertThat(s.get(7).phase()).isEqualTo(TaxDepreciation.Phase.REVISED);
        // 四捨五入 gives the 133,483 of toyama-tax.info, not the NTA's figure: the rounding rule matters
        var rounded = schedule(COST, LocalDate.of(2008, 4, 1), 10, TaxMethod.DECLINING_250, RoundingMode.HALF_UP, 4);
        assertThat(rounded.get(7).opening()).isEqualTo(133_483);
    }

    @Test
    @DisplayName("E4 個人 定額法 n=6 from July: 83,500 / 167,000 × 5 / 81,499")
    void e4IndividualStraightLineFromJuly() {
        var s = schedule(COST, LocalDate.of(2007, 7, 1), 6, TaxMethod.STRAIGHT_LINE, RoundingMode.DOWN, 1);
        assertThat(amounts(s)).containsExactly(83_500L, 167_000L, 167_000L, 167_000L, 167_000L, 167_000L, 81_499L);
        assertThat(s.get(0).start()).isEqualTo(LocalDate.of(2007, 1, 1));
        assertThat(s.get(0).months()).isEqualTo(6);
    }

    @Test
    @DisplayName("E5 個人 250%定率法 n=6 from July, 切り上げ: 改定取得価額 91,437 × 0.5 = 45,719, last 45,717")
    void e5IndividualDeclining250RoundedUp() {
        var s = schedule(COST, LocalDate.of(2007, 7, 1), 6, TaxMethod.DECLINING_250, RoundingMode.UP, 1);
        assertThat(amounts(s)).containsExactly(208_500L, 330_056L, 192_423L, 112_182L, 65_402L, 45_719L, 45_717L);
        assertThat(s.get(5).opening()).isEqualTo(91_437);
        assertThat(s.get(s.size() - 1).closing()).isEqualTo(1);
    }

    @Test
    @DisplayName("E6 旧定額法 n=6 past 95 %: 149,400 × 6, 53,600, 0 in 平成19年, 10,000 × 4, 9,999 (切り上げ)")
    void e6OldStraightLineFiveYearRule() {
        var s = schedule(COST, LocalDate.of(2000, 1, 1), 6, TaxMethod.OLD_STRAIGHT_LINE, RoundingMode.UP, 1);
        assertThat(amounts(s)).containsExactly(149_400L, 149_400L, 149_400L, 149_400L, 149_400L, 149_400L, 53_600L, 0L,
                10_000L, 10_000L, 10_000L, 10_000L, 9_999L);
        assertThat(s.get(6).closing()).isEqualTo(50_000); // 95 % reached in 平成18年
        assertThat(s.get(7).start()).isEqualTo(LocalDate.of(2007, 1, 1));
        assertThat(s.get(8).phase()).isEqualTo(TaxDepreciation.Phase.FIVE_YEAR);
        assertThat(s.get(s.size() - 1).closing()).isEqualTo(1);
    }

    @Test
    @DisplayName("E7 法人 250% n=6, 事業供用 3月15日: 1 month, 調整前 834,000 compared unprorated, limit 69,500")
    void e7PartialMonthCountsWhole() {
        var s = schedule(2_000_000, LocalDate.of(2008, 3, 15), 6, TaxMethod.DECLINING_250, RoundingMode.DOWN, 4);
        assertThat(s.get(0).months()).isEqualTo(1);
        assertThat(s.get(0).amount()).isEqualTo(69_500);
        assertThat(s.get(0).phase()).isEqualTo(TaxDepreciation.Phase.REGULAR);
        assertThat(FiscalYear.of(s.get(0).start().getYear())).isEqualTo(FiscalYear.of(2007));
    }

    @Test
    @DisplayName("E8 定額法 n=10, 9 months in year 1: 75,000 / 100,000 × 9 / 24,999 over 11 年度")
    void e8StraightLinePartialFirstYear() {
        var s = schedule(COST, LocalDate.of(2024, 7, 10), 10, TaxMethod.STRAIGHT_LINE, RoundingMode.DOWN, 4);
        assertThat(s).hasSize(11);
        assertThat(s.get(0).amount()).isEqualTo(75_000);
        assertThat(s.subList(1, 10)).allSatisfy(p -> assertThat(p.amount()).isEqualTo(100_000));
        assertThat(s.get(s.size() - 1).amount()).isEqualTo(24_999);
        assertThat(amounts(s).stream().mapToLong(Long::longValue).sum()).isEqualTo(999_999);
    }

    @Test
    @DisplayName("耐用年数2年の定率法: 償却率 1.000, no 改定償却率 or 保証率; a full first year leaves 1円")
    void twoYearLifeWritesDownInTheFirstFullYear() {
        var rates = DepreciationRates.current().forLife(2);
        assertThat(rates.db200Revised()).isNull();
        assertThat(rates.db200Guarantee()).isNull();
        assertThat(amounts(schedule(COST, LocalDate.of(2024, 4, 1), 2, TaxMethod.DECLINING_200, RoundingMode.DOWN, 4)))
                .containsExactly(999_999L);
        assertThat(amounts(schedule(COST, LocalDate.of(2024, 10, 1), 2, TaxMethod.DECLINING_200, RoundingMode.DOWN, 4)))
                .containsExactly(500_000L, 499_999L);
    }

    @Test
    @DisplayName("旧定率法 stops at 95 %, then five years to 1円")
    void oldDecliningBalanceReachesNinetyFivePercentThenFiveYears() {
        var s = schedule(COST, LocalDate.of(2000, 4, 1), 10, TaxMethod.OLD_DECLINING_BALANCE, RoundingMode.DOWN, 4);
        assertThat(s.get(0).amount()).isEqualTo(206_000); // 1,000,000 × 0.206
        TaxDepreciation.Period reached = s.stream().filter(p -> p.closing() == 50_000).findFirst().orElseThrow();
        List<TaxDepreciation.Period> after = s.subList(s.indexOf(reached) + 1, s.size());
        assertThat(after).hasSize(5);
        assertThat(amounts(after)).containsExactly(9_999L, 9_999L, 9_999L, 9_999L, 10_003L);
        assertThat(s.get(s.size() - 1).closing()).isEqualTo(1);
    }

    @Test
    @DisplayName("方法は取得日で決まる: 旧 ≤ 2007-03-31, 250% to 2012-03-31, 200% from 2012-04-01")
    void methodFollowsTheAcquisitionDate() {
        assertThat(TaxMethod.of(DepreciationMethod.DECLINING_BALANCE, LocalDate.of(2007, 3, 31))).isEqualTo(TaxMethod.OLD_DECLINING_BALANCE);
        assertThat(TaxMethod.of(DepreciationMethod.STRAIGHT_LINE, LocalDate.of(2007, 3, 31))).isEqualTo(TaxMethod.OLD_STRAIGHT_LINE);
        assertThat(TaxMethod.of(DepreciationMethod.DECLINING_BALANCE, LocalDate.of(2007, 4, 1))).isEqualTo(TaxMethod.DECLINING_250);
        assertThat(TaxMethod.of(DepreciationMethod.DECLINING_BALANCE, LocalDate.of(2012, 3, 31))).isEqualTo(TaxMethod.DECLINING_250);
        assertThat(TaxMethod.of(DepreciationMethod.DECLINING_BALANCE, LocalDate.of(2012, 4, 1))).isEqualTo(TaxMethod.DECLINING_200);
        assertThat(TaxMethod.of(DepreciationMethod.STRAIGHT_LINE, LocalDate.of(2012, 4, 1))).isEqualTo(TaxMethod.STRAIGHT_LINE);
    }

    @Test
    @DisplayName("建物 (1998-04 以後) and 建物附属設備・構築物 (2016-04 以後) take 定額法 only; life outside 2–50 is refused")
    void classAndLifeLimits() {
        assertThatThrownBy(() -> depreciation(AssetClass.BUILDING, LocalDate.of(1998, 4, 1), 47, DepreciationMethod.DECLINING_BALANCE))
                .hasMessage("accounting.facility.methodNotAllowed");
        assertThat(depreciation(AssetClass.BUILDING, LocalDate.of(1998, 3, 31), 47, DepreciationMethod.DECLINING_BALANCE).taxMethod())
                .isEqualTo(TaxMethod.OLD_DECLINING_BALANCE);
        assertThatThrownBy(() -> depreciation(AssetClass.BUILDING_EQUIPMENT, LocalDate.of(2016, 4, 1), 15,
                DepreciationMethod.DECLINING_BALANCE)).hasMessage("accounting.facility.methodNotAllowed");
        assertThat(depreciation(AssetClass.STRUCTURE, LocalDate.of(2016, 3, 31), 15, DepreciationMethod.DECLINING_BALANCE).taxMethod())
                .isEqualTo(TaxMethod.DECLINING_200);
        assertThatThrownBy(() -> depreciation(AssetClass.EQUIPMENT, LocalDate.of(2020, 4, 1), 1, DepreciationMethod.STRAIGHT_LINE))
                .hasMessage("accounting.facility.lifeInvalid");
        assertThatThrownBy(() -> depreciation(AssetClass.EQUIPMENT, LocalDate.of(2020, 4, 1), 51, DepreciationMethod.STRAIGHT_LINE))
                .hasMessage("accounting.facility.lifeInvalid");
    }

    @Test
    @DisplayName("The table is exact decimals: 1,000,000 × 0.06552 = 65,520 (a double gives 65,519.999…)")
    void ratesAreExactDecimals() {
        var r = DepreciationRates.current().forLife(10);
        assertThat(r.db200Guarantee()).isEqualByComparingTo("0.06552");
        assertThat(BigDecimal.valueOf(COST).multiply(r.db200Guarantee()).setScale(0, RoundingMode.DOWN).longValueExact()).isEqualTo(65_520);
        assertThat(DepreciationRates.current().forLife(3).db200()).isEqualByComparingTo("0.667");
        assertThat(DepreciationRates.current().forLife(27).oldStraight()).isEqualByComparingTo("0.037");
        assertThat(DepreciationRates.current().forLife(50).db250Guarantee()).isEqualByComparingTo("0.01072");
        assertThat(DepreciationRates.current().version()).startsWith("R08");
    }

    @Test
    @DisplayName("年度 schedule: 期首簿価 − 償却費 = 期末簿価 each year, and the health-use share rounded by the company's rule")
    void yearlyLedgerRowsChain() {
        var d = new Depreciation(Yen.of(3_000_001), LocalDate.of(2020, 4, 1), 10, DepreciationMethod.STRAIGHT_LINE,
                new BigDecimal("0.35"), SharedUseBasis.FLOOR_AREA);
        var years = d.schedule(DepreciationRounding.DOWN);
        for (int i = 0; i < years.size(); i++) {
            var y = years.get(i);
            assertThat(y.opening().amount() - y.amount().amount()).isEqualTo(y.closing().amount());
            if (i > 0) {
                assertThat(y.opening()).isEqualTo(years.get(i - 1).closing());
            }
        }
        assertThat(years.get(0).amount()).isEqualTo(Yen.of(300_000)); // 3,000,001 × 0.100 = 300,000.1 → 300,000
        assertThat(years.get(0).healthShare()).isEqualTo(Yen.of(105_000));
        assertThat(d.fullFor(FiscalYear.of(2019), DepreciationRounding.DOWN)).isEqualTo(Yen.ZERO);
        assertThat(d.bookValueAtEndOf(FiscalYear.of(2019), DepreciationRounding.DOWN)).isEqualTo(Yen.of(3_000_001));
        assertThat(d.fullyDepreciatedBy(FiscalYear.of(2029), DepreciationRounding.DOWN)).isTrue();
        assertThat(d.inUseIn(FiscalYear.of(2019))).isFalse();
    }

    private static Depreciation depreciation(AssetClass assetClass, LocalDate acquired, int life, DepreciationMethod method) {
        return new Depreciation(Yen.of(COST), acquired, life, method, assetClass, BigDecimal.ONE, SharedUseBasis.FLOOR_AREA);
    }
}
