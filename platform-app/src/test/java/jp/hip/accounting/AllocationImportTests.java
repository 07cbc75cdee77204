package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.hip.PlatformTest;
import jp.hip.accounting.imports.ImportResult;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;

/** 按分 from CSV: a line's rows replace its allocation, ratios sum to 100 % or 「主」, every problem by row and column. */
@PlatformTest
class AllocationImportTests extends ImportTestCompany {

    static final String HEADER = "年度,施策,明細,指標,割合\r\n";

    UUID app;
    UUID fee;
    UUID exercise;
    UUID weight;

    @BeforeEach
    void company() {
        as(() -> {
            UUID walking = accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("ウォーキング", null, PurposeCategory.POPULATION,
                    Set.of(1), Set.of(), 100));
            app = accounting.addLine(walking, new HealthAccounting.LineCommand("アプリ利用料", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED,
                    Yen.of(100_001), null));
            fee = accounting.addLine(walking, new HealthAccounting.LineCommand("景品", ExpenseType.OTHER, ResourceView.OTHER, Yen.of(50_000), null));
            exercise = healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("運動習慣者比率", IndicatorTier.BEHAVIOUR, "%",
                    Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE));
            weight = healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("適正体重維持者率", IndicatorTier.FINAL, "%",
                    Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE));
            return null;
        });
    }

    @Test
    void ratiosAndMainIndicatorReplaceEachLinesAllocation() {
        byte[] file = (HEADER + "2025,ウォーキング,アプリ利用料,運動習慣者比率,60%\r\n"
                + "2025,ウォーキング,アプリ利用料,適正体重維持者率,0.4\r\n"
                + "\r\n"
                + "2025年度,ウォーキング,景品,運動習慣者比率,主\r\n").getBytes(Charset.forName("Windows-31J"));
        ImportResult result = as(() -> imports.importAllocations(file, ImportResult.Duplicates.REFUSE));
        assertThat(result.problems()).isEmpty();
        assertThat(as(() -> accounting.line(app)).orElseThrow().allocations())
                .extracting(HealthAccounting.AllocationView::indicatorId, a -> a.ratio().stripTrailingZeros(), HealthAccounting.AllocationView::amount)
                .containsExactlyInAnyOrder(tuple(exercise, new BigDecimal("0.6"), Yen.of(60_001)), tuple(weight, new BigDecimal("0.4"), Yen.of(40_000)));
        assertThat(as(() -> accounting.line(fee)).orElseThrow().primaryOnly()).isTrue();
    }

    @Test
    void anAllocationImportedAgainAsStoredIsRefusedOrSkippedAtTheUsersChoice() {
        byte[] file = (HEADER + "2025,ウォーキング,アプリ利用料,運動習慣者比率,60%\r\n"
                + "2025,ウォーキング,アプリ利用料,適正体重維持者率,40%\r\n"
                + "2025,ウォーキング,景品,運動習慣者比率,主\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(as(() -> imports.importAllocations(file, ImportResult.Duplicates.REFUSE)).rowsWritten()).isEqualTo(3);

        ImportResult refused = as(() -> imports.importAllocations(file, ImportResult.Duplicates.REFUSE));
        assertThat(refused.problems()).extracting(ImportResult.Problem::row, ImportResult.Problem::messageKey)
                .containsExactly(tuple(2, "accounting.import.duplicate"), tuple(4, "accounting.import.duplicate"));

        // the same ratios written otherwise (「0.4」, another order) are the same allocation; 景品's is new
        byte[] changed = (HEADER + "2025,ウォーキング,アプリ利用料,適正体重維持者率,0.40\r\n"
                + "2025,ウォーキング,アプリ利用料,運動習慣者比率,0.6\r\n"
                + "2025,ウォーキング,景品,運動習慣者比率,50%\r\n"
                + "2025,ウォーキング,景品,適正体重維持者率,50%\r\n").getBytes(StandardCharsets.UTF_8);
        ImportResult notSkipped = as(() -> imports.importAllocations(changed, ImportResult.Duplicates.REFUSE));
        assertThat(notSkipped.problems()).extracting(ImportResult.Problem::row, ImportResult.Problem::messageKey)
                .containsExactly(tuple(2, "accounting.import.duplicate"));
        assertThat(as(() -> accounting.line(fee)).orElseThrow().primaryOnly()).isTrue();

        ImportResult skipped = as(() -> imports.importAllocations(changed, ImportResult.Duplicates.SKIP));
        assertThat(skipped.problems()).isEmpty();
        assertThat(skipped.rowsWritten()).isEqualTo(2);
        assertThat(skipped.rowsSkipped()).isEqualTo(2);
        assertThat(as(() -> accounting.line(fee)).orElseThrow().allocations())
                .extracting(HealthAccounting.AllocationView::indicatorId, a -> a.ratio().stripTrailingZeros())
                .containsExactlyInAnyOrder(tuple(exercise, new BigDecimal("0.5")), tuple(weight, new BigDecimal("0.5")));
    }

    @Test
    void problemsNameRowAndColumnAndNothingChanges() {
        byte[] file = ("\uFEFF" + HEADER + "2025,ウォーキング,アプリ利用料,運動習慣者比率,60%\r\n"
                + "2025,ウォーキング,アプリ利用料,適正体重維持者率,30%\r\n"
                + "2025,ウォーキング,ない明細,運動習慣者比率,主\r\n"
                + "2025,ウォーキング,景品,ない指標,半分\r\n"
                + "2025,ウォーキング,景品,運動習慣者比率\r\n").getBytes(StandardCharsets.UTF_8);
        ImportResult result = as(() -> imports.importAllocations(file, ImportResult.Duplicates.REFUSE));
        assertThat(result.problems()).extracting(ImportResult.Problem::row, ImportResult.Problem::column, ImportResult.Problem::messageKey)
                .containsExactly(
                        tuple(4, "明細", "accounting.import.lineUnknown"),
                        tuple(5, "指標", "accounting.import.indicatorUnknown"),
                        tuple(5, "割合", "accounting.import.ratio"),
                        tuple(6, null, "accounting.import.tooFewColumns"),
                        tuple(2, "割合", "accounting.allocation.sumNotOne"));
        assertThat(as(() -> accounting.line(app)).orElseThrow().allocations()).isEmpty();

        as(() -> years.close(FY));
        ImportResult closed = as(() -> imports.importAllocations((HEADER + "2025,ウォーキング,景品,運動習慣者比率,主\r\n")
                .getBytes(StandardCharsets.UTF_8), ImportResult.Duplicates.REFUSE));
        assertThat(closed.problems()).extracting(ImportResult.Problem::row, ImportResult.Problem::messageKey)
                .containsExactly(tuple(2, "accounting.year.closed"));
        assertThat(as(() -> accounting.line(fee)).orElseThrow().allocations()).isEmpty();
    }
}
