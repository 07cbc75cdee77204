package jp.hip.collabo;

import java.util.ArrayList;
import java.util.List;

/**
 * Small-cell suppression of one table of counts with its margins (ref-phr.md §5.2, §6.9; issue 12 §3), applied
 * where the aggregate is computed, before anything is stored or shown.
 *
 * <p>The table has body rows × body columns plus a total row and a total column (and the grand total). Each cell
 * carries a numerator (e.g. risk holders) and a denominator (persons measured).
 * <ol>
 * <li>Primary: a cell is hidden when its denominator is under {@code minCell} (but not 0), or its numerator or the
 * complement (denominator − numerator) is between 1 and {@code minCell} − 1 (NDB rule: no count under 10, and a
 * shown share would give the complement).</li>
 * <li>Complementary: no row or column (with its total) may have exactly one hidden cell, and no hidden cell may be
 * determined by the linear equations of all the table's rows and columns (checked by elimination); while one is, the
 * shown cell with the smallest positive denominator in one of its lines is hidden too (body cells before totals,
 * the grand total last).</li>
 * </ol>
 * Zero counts are shown (NDB: a count of 0 may be published); an empty cell (denominator 0) is 「-」.
 */
final class Suppression {

    private Suppression() {}

    /**
     * @param numerators   body counts [row][column]
     * @param denominators body counts [row][column]
     * @return the full table [row][column] with the total row last and the total column last
     */
    static Cell[][] apply(int[][] numerators, int[][] denominators, int minCell) {
        int rows = numerators.length + 1;
        int cols = numerators[0].length + 1;
        int[][] num = new int[rows][cols];
        int[][] den = new int[rows][cols];
        for (int r = 0; r < rows - 1; r++) {
            for (int c = 0; c < cols - 1; c++) {
                num[r][c] = numerators[r][c];
                den[r][c] = denominators[r][c];
                num[r][cols - 1] += numerators[r][c];
                den[r][cols - 1] += denominators[r][c];
                num[rows - 1][c] += numerators[r][c];
                den[rows - 1][c] += denominators[r][c];
                num[rows - 1][cols - 1] += numerators[r][c];
                den[rows - 1][cols - 1] += denominators[r][c];
            }
        }
        boolean[][] hidden = new boolean[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int n = num[r][c];
                int d = den[r][c];
                hidden[r][c] = d > 0 && (d < minCell || (n > 0 && n < minCell) || (d - n > 0 && d - n < minCell));
            }
        }
        while (true) {
            int[] line = lineWithOneHidden(hidden, rows, cols);
            if (line == null) {
                int[] determined = determinedCell(hidden, rows, cols);
                if (determined == null) {
                    break;
                }
                line = new int[] {0, determined[0], determined[1]};
                if (!hideSmallestIn(hidden, den, rows, cols, 0, determined[0])
                        && !hideSmallestIn(hidden, den, rows, cols, 1, determined[1])) {
                    hideAll(hidden, den, rows, cols);
                }
                continue;
            }
            if (!hideSmallestIn(hidden, den, rows, cols, line[0], line[1])) {
                hideAll(hidden, den, rows, cols);
            }
        }
        Cell[][] out = new Cell[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = hidden[r][c] ? Cell.suppressed() : Cell.shown(num[r][c], den[r][c]);
            }
        }
        return out;
    }

    /** {kind (0 row, 1 column), index} of a line with exactly one hidden cell, or null. */
    private static int[] lineWithOneHidden(boolean[][] hidden, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int count = 0;
            for (int c = 0; c < cols; c++) {
                count += hidden[r][c] ? 1 : 0;
            }
            if (count == 1) {
                return new int[] {0, r};
            }
        }
        for (int c = 0; c < cols; c++) {
            int count = 0;
            for (int r = 0; r < rows; r++) {
                count += hidden[r][c] ? 1 : 0;
            }
            if (count == 1) {
                return new int[] {1, c};
            }
        }
        return null;
    }

    /** Hides the shown cell with the smallest positive denominator in the line; false when there is none. */
    private static boolean hideSmallestIn(boolean[][] hidden, int[][] den, int rows, int cols, int kind, int index) {
        int best = -1;
        long bestScore = Long.MAX_VALUE;
        int length = kind == 0 ? cols : rows;
        for (int i = 0; i < length; i++) {
            int r = kind == 0 ? index : i;
            int c = kind == 0 ? i : index;
            if (hidden[r][c] || den[r][c] == 0) {
                continue;
            }
            // body cells first, then the margins, the grand total last
            int margin = (r == rows - 1 ? 1 : 0) + (c == cols - 1 ? 1 : 0);
            long score = margin * 1_000_000_000L + den[r][c];
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        if (best < 0) {
            return false;
        }
        if (kind == 0) {
            hidden[index][best] = true;
        } else {
            hidden[best][index] = true;
        }
        return true;
    }

    private static void hideAll(boolean[][] hidden, int[][] den, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (den[r][c] > 0) {
                    hidden[r][c] = true;
                }
            }
        }
    }

    /**
     * A hidden cell whose value follows from the shown ones through the table's row and column equations, or null.
     * Gaussian elimination over the hidden cells: a cell is determined when its unit vector lies in the row space.
     */
    static int[] determinedCell(boolean[][] hidden, int rows, int cols) {
        List<int[]> vars = new ArrayList<>();
        int[][] index = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                index[r][c] = -1;
                if (hidden[r][c]) {
                    index[r][c] = vars.size();
                    vars.add(new int[] {r, c});
                }
            }
        }
        if (vars.isEmpty()) {
            return null;
        }
        List<double[]> equations = new ArrayList<>();
        for (int r = 0; r < rows; r++) { // sum of body columns − total column = 0
            double[] e = new double[vars.size()];
            for (int c = 0; c < cols; c++) {
                if (index[r][c] >= 0) {
                    e[index[r][c]] += c == cols - 1 ? -1 : 1;
                }
            }
            equations.add(e);
        }
        for (int c = 0; c < cols; c++) {
            double[] e = new double[vars.size()];
            for (int r = 0; r < rows; r++) {
                if (index[r][c] >= 0) {
                    e[index[r][c]] += r == rows - 1 ? -1 : 1;
                }
            }
            equations.add(e);
        }
        double[][] m = reduce(equations.toArray(double[][]::new), vars.size());
        for (int v = 0; v < vars.size(); v++) {
            if (inRowSpace(m, v)) {
                return vars.get(v);
            }
        }
        return null;
    }

    /** Reduced row echelon form. */
    private static double[][] reduce(double[][] a, int n) {
        int lead = 0;
        int rowCount = a.length;
        for (int r = 0; r < rowCount && lead < n; r++, lead++) {
            int i = r;
            while (Math.abs(a[i][lead]) < 1e-9) {
                i++;
                if (i == rowCount) {
                    i = r;
                    lead++;
                    if (lead == n) {
                        return a;
                    }
                }
            }
            double[] t = a[i];
            a[i] = a[r];
            a[r] = t;
            double lv = a[r][lead];
            for (int j = 0; j < n; j++) {
                a[r][j] /= lv;
            }
            for (int k = 0; k < rowCount; k++) {
                if (k != r) {
                    double f = a[k][lead];
                    for (int j = 0; j < n; j++) {
                        a[k][j] -= f * a[r][j];
                    }
                }
            }
        }
        return a;
    }

    /** In RREF, e_v is in the row space iff some row equals e_v. */
    private static boolean inRowSpace(double[][] rref, int v) {
        for (double[] row : rref) {
            if (Math.abs(row[v] - 1) < 1e-9) {
                boolean unit = true;
                for (int j = 0; j < row.length; j++) {
                    if (j != v && Math.abs(row[j]) > 1e-9) {
                        unit = false;
                        break;
                    }
                }
                if (unit) {
                    return true;
                }
            }
        }
        return false;
    }
}
