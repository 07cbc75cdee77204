package jp.hip.accounting.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvReaderTests {

    @Test
    void recordsCarryTheirPhysicalLineCountingBlankLinesAndQuotedBreaks() throws Exception {
        String csv = "\uFEFFa,b,c\r\n\r\n1,\"x\r\ny\",3\n\n\n4,\"5,6\",\"say \"\"hi\"\"\"\r7, 8 ,9";
        List<ImportTable.Cells> records = CsvReader.read(csv, 100);
        assertThat(records).extracting(ImportTable.Cells::line).containsExactly(1, 3, 7, 8);
        assertThat(records.get(1).values()).containsExactly("1", "x\r\ny", "3");
        assertThat(records.get(2).values()).containsExactly("4", "5,6", "say \"hi\"");
        assertThat(records.get(3).values()).containsExactly("7", "8", "9");
    }

    @Test
    void anUnquotedThousandsSeparatorMakesAnExtraCell() throws Exception {
        assertThat(CsvReader.read("2025,a,b,外注費,外注,1,234,\n", 10).get(0).values()).hasSize(8);
        assertThat(LineImport.looksSplit("1", "234")).isTrue();
        assertThat(LineImport.looksSplit("1", "請求書234")).isFalse();
        assertThat(LineImport.looksSplit("1234", "234")).isFalse();
    }

    @Test
    void anUnclosedQuoteOrTextAfterAQuoteIsMalformedAtItsLine() {
        assertThatThrownBy(() -> CsvReader.read("a,b\n\n1,\"open\n2,3\n", 10))
                .isInstanceOfSatisfying(CsvReader.Malformed.class, e -> assertThat(e.line).isEqualTo(3));
        assertThatThrownBy(() -> CsvReader.read("a,b\n1,\"x\"y\n", 10))
                .isInstanceOfSatisfying(CsvReader.Malformed.class, e -> assertThat(e.line).isEqualTo(2));
        assertThatThrownBy(() -> CsvReader.read("a,b\n1,x\"y\n", 10)).isInstanceOf(CsvReader.Malformed.class);
    }
}
