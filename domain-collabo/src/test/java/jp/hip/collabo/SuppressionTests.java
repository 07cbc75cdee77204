package jp.hip.collabo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Small-cell suppression on many random tables: no shown count under 10, no hidden cell follows from the rest. */
class SuppressionTests {

    @Test
    void noShownCellIsUnderTheCellSizeAndNoLineHasExactlyOneHiddenCell() {
        Random random = new Random(12);
        for (int t = 0; t < 500; t++) {
            int rows = 2 + random.nextInt(2);
            int cols = 2 + random.nextInt(4);
            int[][] num = new int[rows][cols];
            int[][] den = new int[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    den[r][c] = random.nextInt(5) == 0 ? 0 : random.nextInt(60);
                    num[r][c] = den[r][c] == 0 ? 0 : random.nextInt(den[r][c] + 1);
                }
            }
            Cell[][] out = Suppression.apply(num, den, 10);
            boolean[][] hidden = new boolean[rows + 1][cols + 1];
            for (int r = 0; r <= rows; r++) {
                for (int c = 0; c <= cols; c++) {
                    Cell cell = out[r][c];
                    hidden[r][c] = cell.isSuppressed();
                    if (cell.isShown()) {
                        assertThat(cell.denominator()).isGreaterThanOrEqualTo(10);
                        assertThat(cell.numerator() == 0 || cell.numerator() >= 10).isTrue();
                        int complement = cell.denominator() - cell.numerator();
                        assertThat(complement == 0 || complement >= 10).isTrue();
                    }
                }
            }
            for (int r = 0; r <= rows; r++) {
                int count = 0;
                for (int c = 0; c <= cols; c++) {
                    count += hidden[r][c] ? 1 : 0;
                }
                assertThat(count).isNotEqualTo(1);
            }
            for (int c = 0; c <= cols; c++) {
                int count = 0;
                for (int r = 0; r <= rows; r++) {
                    count += hidden[r][c] ? 1 : 0;
                }
                assertThat(count).isNotEqualTo(1);
            }
            assertThat(Suppression.determinedCell(hidden, rows + 1, cols + 1)).isNull();
        }
    }

    @Test
    void bandsCompareWithTheInsurerAverageInTheMetricsDirection() {
        assertThat(ReportBuilder.band(100, true)).isEqualTo(3);
        assertThat(ReportBuilder.band(80, true)).isEqualTo(5);
        assertThat(ReportBuilder.band(90, true)).isEqualTo(4);
        assertThat(ReportBuilder.band(110, true)).isEqualTo(2);
        assertThat(ReportBuilder.band(120, true)).isEqualTo(1);
        assertThat(ReportBuilder.band(120, false)).isEqualTo(5);
        assertThat(ReportBuilder.band(95, false)).isEqualTo(3);
        assertThat(ReportBuilder.band(70, false)).isEqualTo(1);
    }
}
