package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.depreciation.DepreciationRounding;
import jp.hip.accounting.depreciation.SharedUseBasis;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.PersonnelRole;
import jp.hip.accounting.ledger.PersonnelTime;
import jp.hip.accounting.ledger.RateBasis;

class ValueObjectTests {

    @Test
    @DisplayName("年度: 3月31日は前年度、4月1日は新年度")
    void fiscalYearTurnsOnTheFirstOfApril() {
        assertThat(FiscalYear.containing(LocalDate.of(2026, 3, 31))).isEqualTo(FiscalYear.of(2025));
        assertThat(FiscalYear.containing(LocalDate.of(2026, 4, 1))).isEqualTo(FiscalYear.of(2026));
        assertThat(FiscalYear.containing(LocalDate.of(2026, 1, 1))).isEqualTo(FiscalYear.of(2025));
        assertThat(FiscalYear.of(2025).firstDay()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(FiscalYear.of(2025).lastDay()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(FiscalYear.of(2025).contains(LocalDate.of(2026, 3, 31))).isTrue();
        assertThat(FiscalYear.of(2025).contains(LocalDate.of(2026, 4, 1))).isFalse();
        assertThat(FiscalYear.of(2025)).hasToString("2025年度");
    }

    @Test
    void monthsFromCountsTheMonthsLeftInTheFiscalYear() {
        FiscalYear y = FiscalYear.of(2025);
        assertThat(y.monthsFrom(LocalDate.of(2025, 4, 15))).isEqualTo(12);
        assertThat(y.monthsFrom(LocalDate.of(2025, 10, 1))).isEqualTo(6);
        assertThat(y.monthsFrom(LocalDate.of(2026, 3, 1))).isEqualTo(1);
        assertThat(y.monthsFrom(LocalDate.of(2026, 4, 1))).isZero();
    }

    @Test
    void yenIsNeverNegativeAndParsesWhatPeopleType() {
        assertThatThrownBy(() -> Yen.of(-1)).isInstanceOf(AccountingException.class).hasMessage("accounting.yen.negative");
        assertThat(Yen.parse("1,234,567")).isEqualTo(Yen.of(1234567));
        assertThat(Yen.parse(" 1234567円 ")).isEqualTo(Yen.of(1234567));
        assertThat(Yen.parse("１，０００")).isEqualTo(Yen.of(1000));
        assertThatThrownBy(() -> Yen.parse("-5")).hasMessage("accounting.yen.negative");
        assertThatThrownBy(() -> Yen.parse("12.5")).hasMessage("accounting.yen.invalid");
        assertThatThrownBy(() -> Yen.parse("")).hasMessage("accounting.yen.invalid");
        assertThat(Yen.of(1234567).formatted()).isEqualTo("1,234,567円");
    }

    @Test
    void allocationRatiosMustSumToExactlyOne() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        assertThat(AllocationRule.ratios(List.of(share(a, "0.6"), share(b, "0.4"))).shares()).hasSize(2);
        assertThatThrownBy(() -> AllocationRule.ratios(List.of(share(a, "0.6"), share(b, "0.3"))))
                .hasMessage("accounting.allocation.sumNotOne");
        assertThatThrownBy(() -> AllocationRule.ratios(List.of(share(a, "0.333333"), share(b, "0.333333"), share(c, "0.333333"))))
                .hasMessage("accounting.allocation.sumNotOne");
        assertThat(AllocationRule.ratios(List.of(share(a, "0.333333"), share(b, "0.333333"), share(c, "0.333334"))).shares()).hasSize(3);
        assertThatThrownBy(() -> AllocationRule.ratios(List.of(share(a, "0.5"), share(a, "0.5"))))
                .hasMessage("accounting.allocation.duplicate");
        assertThatThrownBy(() -> share(a, "0")).hasMessage("accounting.allocation.ratioRange");
        assertThatThrownBy(() -> share(a, "1.2")).hasMessage("accounting.allocation.ratioRange");
        assertThatThrownBy(() -> AllocationRule.ratios(List.of())).hasMessage("accounting.allocation.empty");
    }

    @Test
    void primaryOnlyPutsTheWholeAmountOnOneIndicator() {
        UUID a = UUID.randomUUID();
        assertThat(AllocationRule.primaryOnly(a).split(Yen.of(1001))).containsExactly(Map.entry(a, Yen.of(1001)));
        assertThatThrownBy(() -> new AllocationRule(true, List.of(share(a, "0.5"), share(UUID.randomUUID(), "0.5"))))
                .hasMessage("accounting.allocation.primaryOnlyOne");
    }

    @Test
    void splittingByRatiosKeepsEveryYen() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        var parts = AllocationRule.ratios(List.of(share(a, "0.333333"), share(b, "0.333333"), share(c, "0.333334"))).split(Yen.of(100));
        assertThat(parts.values().stream().mapToLong(Yen::amount).sum()).isEqualTo(100);
        assertThat(parts.get(c)).isEqualTo(Yen.of(34));
    }

    @Test
    void personnelTimeIsHoursTimesPersonsTimesRate() {
        var physician = new PersonnelTime(PersonnelRole.OCCUPATIONAL_PHYSICIAN, new BigDecimal("12.5"), 1, Yen.of(15000), RateBasis.CONTRACT);
        assertThat(physician.cost(false)).isEqualTo(Yen.of(187500));
        var participants = new PersonnelTime(PersonnelRole.PARTICIPANT, new BigDecimal("1.5"), 120, Yen.of(3333), RateBasis.STANDARD_RATE);
        assertThat(participants.cost(true)).isEqualTo(Yen.of(599940));
        assertThat(participants.cost(false)).as("participants' time counts only under the company's policy").isEqualTo(Yen.ZERO);
        var rounding = new PersonnelTime(PersonnelRole.NURSE, new BigDecimal("0.25"), 1, Yen.of(3001), RateBasis.STANDARD_RATE);
        assertThat(rounding.cost(false)).isEqualTo(Yen.of(750));
        assertThatThrownBy(() -> new PersonnelTime(PersonnelRole.NURSE, BigDecimal.ZERO, 1, Yen.of(1), RateBasis.CONTRACT))
                .hasMessage("accounting.time.hoursInvalid");
        assertThatThrownBy(() -> new PersonnelTime(PersonnelRole.NURSE, BigDecimal.ONE, 0, Yen.of(1), RateBasis.CONTRACT))
                .hasMessage("accounting.time.personsInvalid");
    }

    @Test
    void straightLineDepreciationProratesTheFirstYearAndStopsAtOneYen() {
        // 1,200,000円, 5 years, acquired 2023-10-01: 6 months in 2023年度
        var gym = new Depreciation(Yen.of(1_200_000), LocalDate.of(2023, 10, 1), 5, DepreciationMethod.STRAIGHT_LINE,
                BigDecimal.ONE, SharedUseBasis.FLOOR_AREA);
        assertThat(gym.fullFor(FiscalYear.of(2022), DepreciationRounding.DOWN)).isEqualTo(Yen.ZERO);
        assertThat(gym.fullFor(FiscalYear.of(2023), DepreciationRounding.DOWN)).isEqualTo(Yen.of(120_000));
        assertThat(gym.fullFor(FiscalYear.of(2024), DepreciationRounding.DOWN)).isEqualTo(Yen.of(240_000));
        assertThat(gym.fullFor(FiscalYear.of(2027), DepreciationRounding.DOWN)).isEqualTo(Yen.of(240_000));
        assertThat(gym.fullFor(FiscalYear.of(2028), DepreciationRounding.DOWN)).isEqualTo(Yen.of(119_999));
        assertThat(gym.bookValueAtEndOf(FiscalYear.of(2028), DepreciationRounding.DOWN)).isEqualTo(Yen.of(1));
        assertThat(gym.fullFor(FiscalYear.of(2029), DepreciationRounding.DOWN)).isEqualTo(Yen.ZERO);
        assertThat(gym.fullyDepreciatedBy(FiscalYear.of(2029), DepreciationRounding.DOWN)).isTrue();
        assertThat(gym.fullyDepreciatedBy(FiscalYear.of(2027), DepreciationRounding.DOWN)).isFalse();
    }

    @Test
    void decliningBalance200UsesTheTableAndSwitchesAtTheGuarantee() {
        var equipment = new Depreciation(Yen.of(1_000_000), LocalDate.of(2024, 4, 1), 5, DepreciationMethod.DECLINING_BALANCE,
                BigDecimal.ONE, SharedUseBasis.HOURS);
        assertThat(equipment.fullFor(FiscalYear.of(2024), DepreciationRounding.DOWN)).isEqualTo(Yen.of(400_000));
        assertThat(equipment.fullFor(FiscalYear.of(2025), DepreciationRounding.DOWN)).isEqualTo(Yen.of(240_000));
        assertThat(equipment.fullFor(FiscalYear.of(2026), DepreciationRounding.DOWN)).isEqualTo(Yen.of(144_000));
        // 調整前 216,000 × 0.400 = 86,400 < 償却保証額 108,000: 改定取得価額 216,000 × 改定償却率 0.500
        assertThat(equipment.fullFor(FiscalYear.of(2027), DepreciationRounding.DOWN)).isEqualTo(Yen.of(108_000));
        assertThat(equipment.fullFor(FiscalYear.of(2028), DepreciationRounding.DOWN)).isEqualTo(Yen.of(107_999));
        assertThat(equipment.bookValueAtEndOf(FiscalYear.of(2028), DepreciationRounding.DOWN)).isEqualTo(Yen.of(1));
    }

    @Test
    void onlyTheHealthUseShareOfASharedFacilityCounts() {
        var canteen = new Depreciation(Yen.of(3_000_000), LocalDate.of(2020, 4, 1), 10, DepreciationMethod.STRAIGHT_LINE,
                new BigDecimal("0.35"), SharedUseBasis.FLOOR_AREA);
        assertThat(canteen.healthShareFor(FiscalYear.of(2021), DepreciationRounding.DOWN)).isEqualTo(Yen.of(105_000));
        assertThatThrownBy(() -> new Depreciation(Yen.of(1), LocalDate.now(), 5, DepreciationMethod.STRAIGHT_LINE,
                new BigDecimal("1.01"), SharedUseBasis.USERS)).hasMessage("accounting.facility.ratioInvalid");
    }

    private static AllocationRule.Share share(UUID id, String ratio) {
        return new AllocationRule.Share(id, new BigDecimal(ratio));
    }
}
