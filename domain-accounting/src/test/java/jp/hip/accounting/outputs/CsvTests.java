package jp.hip.accounting.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTests {

    @Test
    void startsWithTheUtf8BomAndEndsRowsWithCrlf() {
        byte[] csv = Csv.forExcel(List.of(List.of("a", "b"), List.of("c", "d")));
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo("\uFEFF\"a\",\"b\"\r\n\"c\",\"d\"\r\n");
    }

    @Test
    void neutralisesCellsThatExcelWouldRunAsFormulas() {
        // One rule for every export (ExcelCsv, ADR 0097): plain numbers such as a negative amount stay numbers.
        String csv = new String(Csv.forExcel(List.of(List.of("=1+1", "+81", "-5", "-5+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "普通", "a=b"))),
                StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("\uFEFF\"'=1+1\",\"+81\",\"-5\",\"'-5+cmd|' /C calc'!A0\",\"'@SUM(A1)\",\"'\tx\",\"普通\",\"a=b\"\r\n");
    }

    @Test
    void doublesQuotesAndKeepsCommasAndNewlinesInsideTheCell() {
        String csv = new String(Csv.forExcel(List.of(List.of("say \"hi\", all", "two\nlines"))), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("\uFEFF\"say \"\"hi\"\", all\",\"two\nlines\"\r\n");
    }
}
