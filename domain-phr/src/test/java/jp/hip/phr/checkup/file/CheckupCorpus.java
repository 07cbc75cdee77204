package jp.hip.phr.checkup.file;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The project's own 特定健診 test files (ref-checkup-codes.md: the real 2024 archive holds personal data and is
 * never copied). Every name, number and value here is invented.
 */
final class CheckupCorpus {

    static final String INSURER = "06130012";
    static final String OTHER_INSURER = "06139999";

    private CheckupCorpus() {}

    /** A full 第4期 checkup: 基本的な健診, 22 問診 answers, 判定, a nested 貧血 group, interpretation and ranges. */
    static CdaCheckupWriter fullFourthPeriod(String number, String branch) {
        return CdaCheckupWriter.checkup(INSURER, "テ01", number, branch)
                .person("テスト", "イチロウ", "1", LocalDate.of(1972, 5, 10))
                .on(LocalDate.of(2024, 6, 3))
                .institution("1311111111", "みなと健診クリニック")
                .number("9N001000000000001", 170.2).number("9N006000000000001", 78.5).number("9N011000000000001", 27.1)
                .number("9N016160100000001", new BigDecimal("92.0"), "H", null, new BigDecimal("85"))
                .number("9A751000000000001", 142).number("9A761000000000001", 91)
                .number("9A752000000000001", 138).number("9A762000000000001", 88)
                .number("3F015000002327101", new BigDecimal("180"), "H", new BigDecimal("30"), new BigDecimal("149"))
                .number("3F070000002327101", 45).number("3F077000002327101", 141)
                .number("3B035000002399901", 28).number("3B045000002327201", 35).number("3B090000002327101", 60)
                .number("3D010000001926101", 112).number("3D046000001920402", 5.9)
                .answer("1A020000000191111", "1").answer("1A010000000191111", "2")
                .answer("9N141000000000011", "2")
                .answer("9N056000000000011", "2").answer("9N061000000000011", "2").answer("9N066000000000011", "2")
                .answer("9N701000000000011", "1").text("9N701167000000049", "アムロジピン").answer("9N706000000000011", "2")
                .answer("9N711000000000011", "2")
                .answer("9N716000000000011", "2").answer("9N721000000000011", "2").answer("9N726000000000011", "2")
                .answer("9N731000000000011", "2").answer("9N736000000000011", "1").answer("9N741000000000011", "1")
                .answer("9N746000000000011", "2").answer("9N751000000000011", "2").answer("9N756000000000011", "2")
                .answer("9N872000000000011", "1").answer("9N766000000000011", "1").answer("9N771000000000011", "1")
                .answer("9N782000000000011", "2").answer("9N781000000000011", "2").answer("9N786000000000011", "3")
                .answer("9N791000000000011", "2").answer("9N796000000000011", "1").answer("9N801000000000011", "2")
                .answer("9N808000000000011", "2")
                .group(g -> g.text("2A020161001930149", "貧血の既往歴あり").number("2A030000001930101", 14.1)
                        .number("2A020000001930101", 480).number("2A040000001930102", 43.2))
                .answer("9N501000000000011", "1").answer("9N506000000000011", "1")
                .judgement("9N511000000000049", "特定保健指導の対象です。生活習慣の改善を。", "テスト ハナコ");
    }

    /** A 第3期 問診 (2022): 喫煙 in .2003 (はい/いいえ), 飲酒 .2005, 飲酒量 .2006. */
    static CdaCheckupWriter thirdPeriod(String number) {
        return CdaCheckupWriter.checkup(INSURER, "テ01", number, "00")
                .person("テスト", "サブロウ", "1", LocalDate.of(1965, 3, 3)).on(LocalDate.of(2022, 9, 12))
                .number("9N001000000000001", 165).number("9N006000000000001", 60)
                .answer("9N736000000000011", "1", "1.2.392.200119.6.2003")
                .answer("9N786000000000011", "2", "1.2.392.200119.6.2005")
                .answer("9N791000000000011", "4", "1.2.392.200119.6.2006");
    }
}
