package jp.hip.phr.checkup.file;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The CSV template an insurer downloads (UTF-8 with BOM, opens in Excel) and its column description: the fixed
 * columns, then the 基本的な健診 items, 問診 and 判定 of the 第4期 table, each headed 「名前 コード」. The
 * description lists every column with its type, unit and allowed answers. Any other item of the table may be
 * added as a column headed by its code.
 */
public final class CheckupCsvTemplate {

    /** The items of the template: 基本的な健診 (one variant per analyte), 22 問診, 判定. */
    public static final List<String> ITEMS = List.of("9N001000000000001", "9N006000000000001", "9N011000000000001",
            "9N016160100000001", "9A751000000000001", "9A761000000000001", "3F015000002327101", "3F070000002327101",
            "3F077000002327101", "3B035000002327201", "3B045000002327201", "3B090000002327101", "3D010000001926101",
            "3D046000001906202", "1A020000000191111", "1A010000000191111", "9N141000000000011", "9N056000000000011",
            "9N061000000000011", "9N066000000000011", "9N701000000000011", "9N706000000000011", "9N711000000000011",
            "9N716000000000011", "9N721000000000011", "9N726000000000011", "9N731000000000011", "9N736000000000011",
            "9N741000000000011", "9N746000000000011", "9N751000000000011", "9N756000000000011", "9N872000000000011",
            "9N766000000000011", "9N771000000000011", "9N782000000000011", "9N781000000000011", "9N786000000000011",
            "9N791000000000011", "9N796000000000011", "9N801000000000011", "9N808000000000011", "9N501000000000011",
            "9N506000000000011", "9N511000000000049");

    private CheckupCsvTemplate() {}

    public static byte[] template(CheckupItemTable table) {
        List<String> header = new ArrayList<>(List.of("保険者番号", "被保険者証記号", "被保険者証番号", "被保険者証枝番", "氏名カナ",
                "性別", "生年月日", "健診実施日", "健診実施機関番号", "健診実施機関名"));
        ITEMS.forEach(code -> header.add(table.nameOf(code) + " " + code));
        return bom(String.join(",", header.stream().map(CheckupCsvTemplate::quote).toList()) + "\r\n");
    }

    public static byte[] description(CheckupItemTable table) {
        StringBuilder csv = new StringBuilder("列,種類,単位,入力できる値\r\n");
        csv.append("保険者番号,必須,,8桁の数字\r\n").append("被保険者証記号,任意,,被保険者証のとおり\r\n")
                .append("被保険者証番号,必須,,被保険者証のとおり\r\n")
                .append("被保険者証枝番,任意,,2桁の数字。被扶養者は被保険者と別の枝番\r\n").append("氏名カナ,必須,,姓と名を空白で区切る\r\n")
                .append("性別,必須,,1 または 男 / 2 または 女\r\n").append("生年月日,必須,,YYYY-MM-DD または YYYYMMDD\r\n")
                .append("健診実施日,必須,,YYYY-MM-DD または YYYYMMDD\r\n").append("健診実施機関番号,任意,,10桁の数字\r\n")
                .append("健診実施機関名,任意,,\r\n");
        for (CheckupItem item : table.items()) {
            String kind = switch (item.type()) {
                case PQ -> "数値";
                case CD, CO -> "コード";
                case ST -> "文字列";
            };
            String allowed = item.type().coded()
                    ? table.answers(item.valueSetOid()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" / "))
                    : item.type() == CheckupItem.ResultType.PQ && item.min() != null
                            ? item.min().toPlainString() + "〜" + item.max().toPlainString() + "（範囲外は要確認）" : "";
            csv.append(quote(item.nameJa() + " " + item.code())).append(',').append(kind).append(',')
                    .append(quote(item.unit() == null ? "" : item.unit())).append(',')
                    .append(quote(allowed + (allowed.isEmpty() ? "" : " / ") + "未実施 / 測定不能")).append("\r\n");
        }
        return bom(csv.toString());
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains(" ") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static byte[] bom(String s) {
        byte[] body = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }
}
