package jp.hip.accounting.depreciation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jp.hip.accounting.AccountingException;

/**
 * The statutory rate tables (減価償却資産の耐用年数等に関する省令 別表第七〜第十) for useful lives 2–50, as
 * versioned reference data: {@code depreciation-rates.csv} beside this class, whose {@code # version:} line names
 * the revision it was taken from. Rates are exact decimals, never binary floating point. A new revision is a new
 * file and a new {@link #version()}; each facility records the version its schedule was computed with.
 */
public final class DepreciationRates {

    public static final int MIN_LIFE = 2;
    public static final int MAX_LIFE = 50;

    /** One row: the rates of one useful life. {@code revised} and {@code guarantee} are null where the table has ―. */
    public record Rates(int life, BigDecimal straight, BigDecimal db200, BigDecimal db200Revised, BigDecimal db200Guarantee,
            BigDecimal db250, BigDecimal db250Revised, BigDecimal db250Guarantee, BigDecimal oldStraight, BigDecimal oldDeclining) {

        /** 償却率 of the method. */
        public BigDecimal rate(TaxMethod method) {
            return switch (method) {
                case OLD_STRAIGHT_LINE -> oldStraight;
                case OLD_DECLINING_BALANCE -> oldDeclining;
                case STRAIGHT_LINE -> straight;
                case DECLINING_250 -> db250;
                case DECLINING_200 -> db200;
            };
        }

        /** 改定償却率 (定率法 only; null where none). */
        public BigDecimal revised(TaxMethod method) {
            return method == TaxMethod.DECLINING_200 ? db200Revised : method == TaxMethod.DECLINING_250 ? db250Revised : null;
        }

        /** 保証率 (定率法 only; null where none). */
        public BigDecimal guarantee(TaxMethod method) {
            return method == TaxMethod.DECLINING_200 ? db200Guarantee : method == TaxMethod.DECLINING_250 ? db250Guarantee : null;
        }
    }

    private static final DepreciationRates CURRENT = load("depreciation-rates.csv");

    private final String version;
    private final Map<Integer, Rates> rows;

    private DepreciationRates(String version, Map<Integer, Rates> rows) {
        this.version = version;
        this.rows = rows;
    }

    public static DepreciationRates current() {
        return CURRENT;
    }

    public String version() {
        return version;
    }

    /** The rates of a useful life; refused outside 2–50 years. */
    public Rates forLife(int life) {
        Rates r = rows.get(life);
        if (r == null) {
            throw new AccountingException("accounting.facility.lifeInvalid");
        }
        return r;
    }

    static DepreciationRates load(String resource) {
        try (InputStream in = DepreciationRates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String version = null;
            Map<Integer, Rates> rows = new HashMap<>();
            for (String line; (line = reader.readLine()) != null;) {
                if (line.startsWith("# version:")) {
                    version = line.substring("# version:".length()).strip();
                }
                if (line.isBlank() || line.startsWith("#") || line.startsWith("n,")) {
                    continue;
                }
                String[] c = line.split(",");
                int n = Integer.parseInt(c[0]);
                rows.put(n, new Rates(n, d(c[1]), d(c[2]), d(c[3]), d(c[4]), d(c[5]), d(c[6]), d(c[7]), d(c[8]), d(c[9])));
            }
            for (int n = MIN_LIFE; n <= MAX_LIFE; n++) {
                if (!rows.containsKey(n)) {
                    throw new IllegalStateException(resource + " lacks useful life " + n);
                }
            }
            return new DepreciationRates(version, Map.copyOf(rows));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal d(String text) {
        return text.strip().equals("-") ? null : new BigDecimal(text.strip());
    }
}
