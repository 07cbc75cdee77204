package jp.hip.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExcelCsvTests {

    static String text(byte[] csv) {
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        return new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
    }

    @Test
    void utf8WithBomCrlfAndQuotesOnlyWhereNeeded() {
        assertThat(text(ExcelCsv.write(List.of(List.of("登録番号", "名称"), List.of("HG-0001", "指針, \"引用\"")))))
                .isEqualTo("登録番号,名称\r\nHG-0001,\"指針, \"\"引用\"\"\"\r\n");
    }

    @Test
    void everyCellQuotedWhenAsked() {
        assertThat(text(ExcelCsv.writeAllQuoted(List.of(List.of("施策", "1200"))))).isEqualTo("\"施策\",\"1200\"\r\n");
    }

    @Test
    void formulaCellsGetAnApostropheNumbersAndDashesDoNot() {
        assertThat(Arrays.asList("=SUM(A1)", "+81 3", "-cmd", "@x", "\tx", "-", "-1", "0.25", "", null, "普通の文字")
                .stream().map(ExcelCsv::neutralise).toList())
                .containsExactly("'=SUM(A1)", "'+81 3", "'-cmd", "'@x", "'\tx", "-", "-1", "0.25", "", "", "普通の文字");
        assertThat(text(ExcelCsv.write(List.of(List.of("=HYPERLINK(\"http://evil\")"))))).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n");
    }
}
