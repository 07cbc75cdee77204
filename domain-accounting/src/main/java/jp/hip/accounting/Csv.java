package jp.hip.accounting;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV for Excel, the one writer of the module: UTF-8 with BOM, CRLF, every cell quoted, and a cell that starts
 * with = + - @ (or a tab/CR) prefixed with an apostrophe so that Excel does not run it as a formula.
 */
public final class Csv {

    private Csv() {}

    public static byte[] forExcel(List<? extends List<String>> rows) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        for (List<String> cells : rows) {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append('"').append(neutralise(cells.get(i)).replace("\"", "\"\"")).append('"');
            }
            csv.append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Excel runs a cell that starts with = + - @ (or a tab/CR) as a formula: prefix it with an apostrophe. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }
}
