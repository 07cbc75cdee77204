package jp.hip.phr.checkup.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CheckupItemTableTests {

    private final CheckupItemTable table = CheckupItemTable.standard();

    private static List<String[]> tsvRows() throws IOException {
        try (InputStream in = CheckupItemTable.class.getResourceAsStream("checkup-items.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).filter(l -> !l.isBlank())
                    .map(l -> l.split("\t", -1)).toList();
        }
    }

    @Test
    @DisplayName("checkup-items.tsv の 322 項目すべてが型・単位・回答コード表つきでコード表にある")
    void everyCodeOfTheTableIsKnownWithItsTypeAndUnit() throws IOException {
        List<String[]> rows = tsvRows();
        assertThat(rows).hasSize(322);
        for (String[] row : rows) {
            CheckupItem item = table.item(row[0]).orElseThrow(() -> new AssertionError("unknown " + row[0]));
            assertThat(item.nameJa()).as(row[0]).isEqualTo(row[1]);
            assertThat(item.type().name()).as(row[0]).isEqualTo(row[2]);
            assertThat(item.unit()).as(row[0]).isEqualTo(row[3].isBlank() ? null : row[3]);
            assertThat(item.valueSetOid()).as(row[0]).isEqualTo(row[4].isBlank() ? null : row[4]);
            assertThat(item.group()).as(row[0]).isEqualTo(row[5]);
            assertThat(item.loinc()).as(row[0]).isEqualTo(row[6].isBlank() ? null : row[6]);
            if (item.type().coded()) {
                assertThat(table.answers(item.valueSetOid())).as("answers of " + row[0] + " " + row[4]).isNotEmpty();
            }
        }
        assertThat(table.items()).hasSize(322);
    }

    @Test
    void mapsTableUnitsThatAreNotUcum() {
        assertThat(table.item("9N121000000000001").orElseThrow().ucumUnit()).isEqualTo("/min");
        assertThat(table.item("8A065000002391901").orElseThrow().ucumUnit()).isEqualTo("mL/min/{1.73_m2}");
        assertThat(table.item("9A751000000000001").orElseThrow().ucumUnit()).isEqualTo("mm[Hg]");
    }

    @Test
    void decodesAnswersByTheirOwnCodeSystem() {
        assertThat(table.answerLabel("1.2.392.200119.6.24060", "2")).contains("以前は吸っていたが、最近1ヶ月間は吸っていない");
        assertThat(table.answerLabel("1.2.392.200119.6.2003", "1")).contains("はい");
        assertThat(table.answerLabel("1.2.392.200119.6.3001", "1")).contains("積極的支援");
        assertThat(table.answerLabel("1.2.392.200119.6.2008", "0")).contains("はい");
        assertThat(table.answerLabel("1.2.392.200119.6.2009", "0")).contains("いいえ");
        assertThat(table.answerLabel("1.2.392.200119.6.2102", "9")).isEmpty();
    }

    @Test
    void methodVariantsShareTheAnalyteAndItsInputRange() {
        CheckupItem potential = table.item("3D010000001926101").orElseThrow();
        CheckupItem enzymatic = table.item("3D010000001927201").orElseThrow();
        assertThat(potential.analyte()).isEqualTo(enzymatic.analyte()).isEqualTo("3D010");
        assertThat(potential.min()).isEqualTo(enzymatic.min());
        assertThat(potential.outsideInputRange(new java.math.BigDecimal("1200"))).isTrue();
        assertThat(potential.outsideInputRange(new java.math.BigDecimal("99"))).isFalse();
    }

    @Test
    @DisplayName("英語ページ用の項目名と回答: 最も長く一致するコードの名前、訳のない項目は空")
    void englishNamesAndAnswersForTheEnglishPages() throws IOException {
        assertThat(table.nameEn("9N006000000000001")).contains("Body weight");
        assertThat(table.nameEn("3D010000001926101")).contains("Fasting blood glucose");
        assertThat(table.nameEn("3D010129901926101")).as("the longer entry wins").contains("Random blood glucose");
        assertThat(table.nameEn("9N736000000000011")).contains("Smoking");
        assertThat(table.nameEn("9N516000000000049")).as("not translated").isEmpty();
        assertThat(table.nameEn(null)).isEmpty();
        assertThat(table.answerLabelEn("1.2.392.200119.6.3001", "2")).contains("Motivational support");
        assertThat(table.answerLabelEn("1.2.392.200119.6.2003", "1")).contains("Yes");
        assertThat(table.answerLabelEn("1.2.392.200119.6.2003", "9")).isEmpty();
        // every translated code names items of the table, every translated answer an answer of it
        List<String[]> rows = tsvRows();
        try (InputStream in = CheckupItemTable.class.getResourceAsStream("checkup-items-en.tsv")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).skip(1)
                    .map(l -> l.split("\t", -1)[0])
                    .forEach(code -> assertThat(rows).as(code).anyMatch(r -> r[0].startsWith(code)));
        }
        try (InputStream in = CheckupItemTable.class.getResourceAsStream("checkup-answers-en.tsv")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).skip(1)
                    .map(l -> l.split("\t", -1))
                    .forEach(f -> assertThat(table.answerLabel(f[0], f[1])).as(f[0] + " " + f[1]).isPresent());
        }
    }
}
