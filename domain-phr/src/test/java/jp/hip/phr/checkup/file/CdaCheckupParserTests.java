package jp.hip.phr.checkup.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import jp.hip.phr.PhrException;
import jp.hip.phr.checkup.file.CheckupResult.Status;

class CdaCheckupParserTests {

    private final CdaCheckupParser parser = new CdaCheckupParser();

    private CheckupDocument parse(String xml) {
        return parser.parse("h0001.xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, CheckupResult> byCode(CheckupDocument d) {
        return d.results().stream().collect(Collectors.toMap(CheckupResult::code, Function.identity()));
    }

    @Test
    @DisplayName("第4期の全項目: 数値・コード・文字列・入れ子のグループ・判定・解釈コードと基準範囲")
    void readsEveryKindOfItem() {
        CheckupDocument d = parse(CheckupCorpus.fullFourthPeriod("1001", "01").toXml());
        assertThat(d.insurerNumber()).isEqualTo("06130012");
        assertThat(d.insuredSymbol()).isEqualTo("テ01");
        assertThat(d.branchNumber()).isEqualTo("01");
        assertThat(d.institutionNumber()).isEqualTo("1311111111");
        assertThat(d.institutionName()).isEqualTo("みなと健診クリニック");
        assertThat(d.programType()).isEqualTo("010");
        assertThat(d.nameKana()).isEqualTo("テスト イチロウ");
        assertThat(d.warnings()).isEmpty();
        Map<String, CheckupResult> r = byCode(d);
        assertThat(r.get("3D010000001926101").number()).isEqualByComparingTo("112"); // 空腹時血糖 電位差法
        assertThat(r.get("3D046000001920402").number()).isEqualByComparingTo("5.9"); // HbA1c HPLC
        assertThat(r.get("3B035000002399901").unit()).isEqualTo("U/L"); // AST その他
        assertThat(r.get("9A752000000000001").number()).isEqualByComparingTo("138"); // 2回目
        CheckupResult tg = r.get("3F015000002327101");
        assertThat(tg.interpretation()).isEqualTo("H");
        assertThat(tg.referenceLow()).isEqualByComparingTo("30");
        assertThat(tg.referenceHigh()).isEqualByComparingTo("149");
        assertThat(r.get("1A010000000191111").answerLabel()).isEqualTo("±");
        assertThat(r.get("9N736000000000011").answerLabel()).isEqualTo("はい");
        assertThat(r.get("9N791000000000011").answerLabel()).isEqualTo("1～2合未満");
        assertThat(r.get("9N506000000000011").answerLabel()).isEqualTo("積極的支援");
        assertThat(r.get("9N501000000000011").answerLabel()).isEqualTo("基準該当");
        assertThat(r.get("9N701167000000049").text()).isEqualTo("アムロジピン");
        CheckupResult judgement = r.get("9N511000000000049");
        assertThat(judgement.text()).startsWith("特定保健指導の対象です");
        assertThat(judgement.doctorName()).isEqualTo("テスト ハナコ");
        assertThat(r.get("2A030000001930101").nested()).isTrue(); // 貧血 group (entryRelationship)
        assertThat(r.get("2A030000001930101").number()).isEqualByComparingTo("14.1");
        assertThat(d.results().stream().filter(x -> x.item().group().equals("問診") && x.answerCode() != null).count()).isEqualTo(22);
        assertThat(d.results()).noneMatch(CheckupResult::review);
    }

    @Test
    @DisplayName("第3期の問診は回答のコード体系で読む")
    void decodesThirdPeriodAnswersByTheirCodeSystem() {
        Map<String, CheckupResult> r = byCode(parse(CheckupCorpus.thirdPeriod("2001").toXml()));
        assertThat(r.get("9N736000000000011").answerSystem()).isEqualTo("1.2.392.200119.6.2003");
        assertThat(r.get("9N736000000000011").answerLabel()).isEqualTo("はい");
        assertThat(r.get("9N786000000000011").answerLabel()).isEqualTo("時々");
        assertThat(r.get("9N791000000000011").answerLabel()).isEqualTo("3合以上");
        assertThat(r.values()).noneMatch(CheckupResult::review);
    }

    @Test
    @DisplayName("項目の回答コード体系でも前期の体系でもない回答は、ラベルを付けずコードのまま要確認とする")
    void keepsAnAnswerInAForeignCodeSystemUndecodedForReview() {
        Map<String, CheckupResult> r = byCode(parse(CdaCheckupWriter.checkup("06130012", null, "3004", null)
                .answer("9N141000000000011", "2", "1.2.392.200119.6.2141").answer("9N736000000000011", "2", "1.2.392.200119.6.2003")
                .toXml()));
        assertThat(r.get("9N141000000000011").answerLabel()).isNull();
        assertThat(r.get("9N141000000000011").answerCode()).isEqualTo("2");
        assertThat(r.get("9N141000000000011").reviewReason()).isEqualTo("phr.review.unknownAnswerSystem");
        assertThat(r.get("9N736000000000011").answerLabel()).isEqualTo("いいえ"); // 第3期 喫煙 (.2003)
        assertThat(r.get("9N736000000000011").review()).isFalse();
    }

    @Test
    @DisplayName("未実施と測定不能は値なしでそのまま残し、ファイルは受け付ける")
    void keepsNotPerformedAndUnmeasurable() {
        CheckupDocument d = parse(CdaCheckupWriter.checkup("06130012", null, "3001", "00")
                .number("9N001000000000001", 160).notPerformed("3F077000002327101").unmeasurable("1A020000000191111")
                .answer("9N512000000000011", "1").toXml());
        Map<String, CheckupResult> r = byCode(d);
        assertThat(r.get("3F077000002327101").status()).isEqualTo(Status.NOT_PERFORMED);
        assertThat(r.get("3F077000002327101").number()).isNull();
        assertThat(r.get("1A020000000191111").status()).isEqualTo(Status.UNMEASURABLE);
        assertThat(r.get("1A020000000191111").display()).isEqualTo("測定不能");
        assertThat(r.get("9N512000000000011").answerLabel()).isEqualTo("生理中");
    }

    @Test
    @DisplayName("入力範囲外でも正しい形の値は取り込み、要確認とする")
    void flagsOutOfRangeValuesForReview() {
        CheckupDocument d = parse(CdaCheckupWriter.checkup("06130012", null, "3002", null)
                .number("3D010000001926101", 1500).number("9N006000000000001", 70)
                .beyondLimits("3F015000002327101", "H", new BigDecimal("9999"))
                .answer("1A010000000191111", "9").toXml());
        Map<String, CheckupResult> r = byCode(d);
        assertThat(r.get("3D010000001926101").review()).isTrue();
        assertThat(r.get("3D010000001926101").number()).isEqualByComparingTo("1500");
        assertThat(r.get("9N006000000000001").review()).isFalse();
        assertThat(r.get("3F015000002327101").review()).isTrue();
        assertThat(r.get("3F015000002327101").number()).isEqualByComparingTo("9999");
        assertThat(r.get("1A010000000191111").review()).isTrue();
        assertThat(r.get("1A010000000191111").reviewReason()).isEqualTo("phr.review.unknownAnswer");
        assertThat(d.reviewCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("コード表にない項目・読めない値は警告として日本語名で示し、ほかの項目は取り込む")
    void warnsOfUnknownAndUnreadableItems() {
        CheckupDocument d = parse(CdaCheckupWriter.checkup("06130012", null, "3003", null)
                .number("9N001000000000001", 160)
                .raw("<entry><observation classCode=\"OBS\" moodCode=\"EVN\"><code code=\"3D045000001906202\" displayName=\"HbA1c(JDS)\"/>"
                        + "<value xsi:type=\"PQ\" value=\"5.5\" unit=\"%\"/></observation></entry>")
                .raw("<entry><observation classCode=\"OBS\" moodCode=\"EVN\"><code code=\"9N006000000000001\"/>"
                        + "<value xsi:type=\"PQ\" value=\"abc\" unit=\"kg\"/></observation></entry>")
                .raw("<entry><observation classCode=\"OBS\" moodCode=\"EVN\"><code code=\"3B035000002327201\"/>"
                        + "<value xsi:type=\"PQ\" value=\"20\" unit=\"mg/dL\"/></observation></entry>").toXml());
        assertThat(d.results()).extracting(CheckupResult::code).containsExactly("9N001000000000001");
        assertThat(d.warnings()).extracting(PhrException.Problem::key)
                .containsExactly("phr.import.unknownItem", "phr.import.badNumber", "phr.import.unit");
        assertThat(d.warnings()).extracting(PhrException.Problem::where).containsExactly("HbA1c(JDS)", "体重", "AST(GOT)");
    }

    @Test
    void readsShiftJisAndUtf8WithBom() {
        String xml = CheckupCorpus.thirdPeriod("2002").toXml();
        byte[] sjis = xml.replace("encoding=\"UTF-8\"", "encoding=\"Shift_JIS\"").getBytes(SafeXml.WINDOWS_31J);
        assertThat(parser.parse("sjis.xml", sjis).nameKana()).isEqualTo("テスト サブロウ");
        byte[] undeclared = xml.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "").getBytes(SafeXml.WINDOWS_31J);
        assertThat(parser.parse("sjis2.xml", undeclared).nameKana()).isEqualTo("テスト サブロウ");
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[body.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bom, 3, body.length);
        assertThat(parser.parse("bom.xml", bom).nameKana()).isEqualTo("テスト サブロウ");
    }

    @Test
    @DisplayName("壊れたファイルだけを拒否する: XMLでない・CDAでない・本人を特定できない・DOCTYPE")
    void refusesOnlyStructurallyBrokenFiles() {
        assertThatThrownBy(() -> parse("not xml")).isInstanceOf(PhrException.class)
                .satisfies(e -> assertThat(((PhrException) e).problems().get(0).key()).isEqualTo("phr.import.malformed"));
        assertThatThrownBy(() -> parse("<checkupClaim xmlns=\"urn:x\"/>"))
                .satisfies(e -> assertThat(((PhrException) e).problems().get(0).key()).isEqualTo("phr.import.notCda"));
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
                .satisfies(e -> assertThat(((PhrException) e).problems().get(0).key()).isEqualTo("phr.import.doctype"));
        String noNumber = CdaCheckupWriter.checkup("06130012", null, "", null).number("9N001000000000001", 160).toXml()
                .replace("<id root=\"1.2.392.200119.6.205\" extension=\"\"/>", "");
        assertThatThrownBy(() -> parse(noNumber))
                .satisfies(e -> assertThat(((PhrException) e).problems()).extracting(PhrException.Problem::where).contains("被保険者証等番号"));
        String guidance = CdaCheckupWriter.checkup("06130012", null, "1", null).reportCategory("21").number("9N001000000000001", 160).toXml();
        assertThatThrownBy(() -> parse(guidance))
                .satisfies(e -> assertThat(((PhrException) e).problems().get(0).key()).isEqualTo("phr.import.reportCategory"));
    }

    @Test
    void readsADeletionRequestWithoutItems() {
        CheckupDocument d = parse(CdaCheckupWriter.checkup("06130012", "テ01", "1001", "01").reportCategory("19").toXml());
        assertThat(d.deletionRequest()).isTrue();
        assertThat(d.results()).isEmpty();
    }

    @Test
    @DisplayName("すべての回答コード表の各コードを読める")
    void readsEveryAnswerOfEveryValueSet() {
        CheckupItemTable table = CheckupItemTable.standard();
        int answers = 0;
        for (CheckupItem item : table.items()) {
            if (!item.type().coded()) {
                continue;
            }
            for (Map.Entry<String, String> answer : table.answers(item.valueSetOid()).entrySet()) {
                CheckupDocument d = parse(CdaCheckupWriter.checkup("06130012", null, "9", null).answer(item.code(), answer.getKey()).toXml());
                assertThat(d.results()).singleElement().satisfies(r -> {
                    assertThat(r.answerLabel()).isEqualTo(answer.getValue());
                    assertThat(r.review()).isFalse();
                });
                answers++;
            }
        }
        assertThat(answers).isGreaterThan(400);
    }
}
