package jp.hip.collabo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The attacker of the suppression tests: given a table with its totals where some cells are hidden (null), it
 * writes every row and column equation with the shown values and solves them exactly (rational Gaussian
 * elimination), and answers which hidden cells it recovered. Independent of the production code's check.
 */
final class RecoveryAttack {

    private RecoveryAttack() {}

    /** @param table [row][column] with the total row last and the total column last; null = hidden */
    static List<int[]> recovered(Integer[][] table) {
        int rows = table.length;
        int cols = table[0].length;
        List<int[]> vars = new ArrayList<>();
        int[][] index = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                index[r][c] = -1;
                if (table[r][c] == null) {
                    index[r][c] = vars.size();
                    vars.add(new int[] {r, c});
                }
            }
        }
        int n = vars.size();
        List<BigInteger[]> eqs = new ArrayList<>();
        for (int line = 0; line < rows + cols; line++) {
            BigInteger[] e = new BigInteger[n + 1];
            java.util.Arrays.fill(e, BigInteger.ZERO);
            boolean isRow = line < rows;
            int length = isRow ? cols : rows;
            for (int i = 0; i < length; i++) {
                int r = isRow ? line : i;
                int c = isRow ? i : line - rows;
                boolean total = isRow ? c == cols - 1 : r == rows - 1;
                BigInteger sign = total ? BigInteger.ONE.negate() : BigInteger.ONE;
                if (table[r][c] == null) {
                    e[index[r][c]] = e[index[r][c]].add(sign);
                } else {
                    e[n] = e[n].subtract(sign.multiply(BigInteger.valueOf(table[r][c])));
                }
            }
            eqs.add(e);
        }
        // fraction-free elimination
        int rank = 0;
        int[] pivotCol = new int[eqs.size()];
        for (int col = 0; col < n && rank < eqs.size(); col++) {
            int p = -1;
            for (int i = rank; i < eqs.size(); i++) {
                if (eqs.get(i)[col].signum() != 0) {
                    p = i;
                    break;
                }
            }
            if (p < 0) {
                continue;
            }
            java.util.Collections.swap(eqs, rank, p);
            BigInteger[] pr = eqs.get(rank);
            for (int i = 0; i < eqs.size(); i++) {
                if (i == rank || eqs.get(i)[col].signum() == 0) {
                    continue;
                }
                BigInteger[] row = eqs.get(i);
                BigInteger f = row[col];
                for (int j = 0; j <= n; j++) {
                    row[j] = row[j].multiply(pr[col]).subtract(pr[j].multiply(f));
                }
            }
            pivotCol[rank] = col;
            rank++;
        }
        List<int[]> found = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            BigInteger[] row = eqs.get(i);
            int nonZero = 0;
            for (int j = 0; j < n; j++) {
                nonZero += row[j].signum() != 0 ? 1 : 0;
            }
            if (nonZero == 1) {
                found.add(vars.get(pivotCol[i]));
            }
        }
        return found;
    }
}
