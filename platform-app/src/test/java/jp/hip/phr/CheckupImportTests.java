package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;
import jp.hip.phr.checkup.file.CdaCheckupWriter;
import jp.hip.phr.checkup.file.CheckupArchiveWriter;
import jp.hip.phr.checkup.CheckupRecords;
import jp.hip.phr.checkup.ImportLine;
import jp.hip.phr.checkup.ImportLine.Outcome;
import jp.hip.phr.checkup.ImportReport;

/**
 * 特定健診 import as insurers receive it (issue 11): the real archive layout, persons by 保険者番号 + 記号 + 番号 +
 * 枝番, corrections and deletions with history, every item kind, other insurers' files and hostile input refused
 * by file name, nothing half-written. The files are the project's own (CdaCheckupWriter), no real person's data.
 */
@PlatformTest
class CheckupImportTests {

    static final String INSURER = "06130012";

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CheckupRecords checkups;
    @Autowired JdbcClient jdbc;

    Accounts.Account staff;
    Accessor insurer;

    @BeforeEach
    void setUp() {
        staff = accounts.withRole(Role.INSURER_STAFF);
        insurer = Accessor.tenant(staff.tenantId(), staff.userId().toString(), "テスト担当", Accessor.Channel.PAGE);
        checkups.registerInsurerNumber(insurer, INSURER);
    }

    static byte[] sample(String name) throws IOException {
        return new ClassPathResource("phr/" + name).getContentAsByteArray();
    }

    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    /** A 第4期 file: values, 問診, 判定, a nested 貧血 group, 未実施 and 測定不能. */
    static CdaCheckupWriter full(String number, String branch, String given) {
        return CdaCheckupWriter.checkup(INSURER, "テ01", number, branch).person("テスト", given, "1", LocalDate.of(1970, 4, 2))
                .on(LocalDate.of(2024, 6, 3)).institution("1311111111", "みなと健診クリニック")
                .number("9N001000000000001", 170.2).number("9N006000000000001", 78.5).number("9N011000000000001", 27.1)
                .number("9N016160100000001", new BigDecimal("92"), "H", null, new BigDecimal("85"))
                .number("9A751000000000001", 142).number("9A761000000000001", 91).number("9A752000000000001", 138)
                .number("3D010000001926101", 112).number("3D046000001920402", 5.9).number("3B035000002399901", 28)
                .answer("1A010000000191111", "2").answer("9N701000000000011", "1").answer("9N736000000000011", "1")
                .answer("9N786000000000011", "3").answer("9N791000000000011", "2")
                .group(g -> g.number("2A030000001930101", 14.1).number("2A020000001930101", 480))
                .notPerformed("3F077000002327101").unmeasurable("1A020000000191111")
                .answer("9N501000000000011", "1").answer("9N506000000000011", "1")
                .judgement("9N511000000000049", "特定保健指導の対象です。", "テスト ハナコ");
    }

    @Test
    @DisplayName("実際の構成のアーカイブ: ix08・DATA・CLAIMS・su08・XSD をファイルごとに1行で報告し、全種類の項目を取り込む")
    void importsARealLayoutArchiveWithEveryKindOfItem() {
        CheckupArchiveWriter archive = new CheckupArchiveWriter("6631111116", INSURER, LocalDate.of(2024, 7, 1)).withClaims()
                .add(full("5001", "00", "イチロウ").toXml())
                .add(CdaCheckupWriter.checkup(INSURER, "テ01", "5002", "00").on(LocalDate.of(2024, 6, 4))
                        .number("9N006000000000001", 61).number("3D010000001926101", 1500).toXml());
        ImportReport report = checkups.importUpload(insurer, archive.zipName(), archive.toZip());

        assertThat(report.lines()).extracting(ImportLine::outcome).containsExactlyInAnyOrder(Outcome.SKIPPED, Outcome.SKIPPED,
                Outcome.IMPORTED, Outcome.SKIPPED, Outcome.IMPORTED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED);
        assertThat(report.lines()).filteredOn(l -> l.file().endsWith("ix08_V08.xml")).singleElement()
                .satisfies(l -> assertThat(l.messages().get(0).key()).isEqualTo("phr.archive.index"));
        ImportLine first = report.lines().stream().filter(l -> l.file().endsWith("000001.xml") && l.file().contains("/DATA/")).findFirst().orElseThrow();
        assertThat(first.observations()).isEqualTo(22);
        UUID person = jdbc.sql("select person_id from phr_membership where tenant_id = ? and insured_number = '5001'")
                .param(staff.tenantId()).query(UUID.class).single();
        // coded answers as valueCodeableConcept in the answer's own system, text as valueString, 未実施/測定不能 as such
        String smoking = jdbc.sql("select resource::text from phr_observation where person_id = ? and code = '9N736000000000011'")
                .param(person).query(String.class).single();
        assertThat(smoking).contains("valueCodeableConcept", "urn:oid:1.2.392.200119.6.24060", "はい");
        assertThat(jdbc.sql("select resource ->> 'valueString' from phr_observation where person_id = ? and code = '9N511000000000049'")
                .param(person).query(String.class).single()).isEqualTo("特定保健指導の対象です。");
        assertThat(jdbc.sql("select resource -> 'dataAbsentReason' ->> 'text' from phr_observation where person_id = ? and code = '3F077000002327101'")
                .param(person).query(String.class).single()).isEqualTo("未実施");
        assertThat(jdbc.sql("select resource -> 'dataAbsentReason' ->> 'text' from phr_observation where person_id = ? and code = '1A020000000191111'")
                .param(person).query(String.class).single()).isEqualTo("測定不能");
        assertThat(count("select count(*) from phr_observation where person_id = ? and code = '2A030000001930101' and value_num = 14.1", person)).isOne();
        assertThat(jdbc.sql("select resource -> 'interpretation' -> 0 -> 'coding' -> 0 ->> 'code' from phr_observation where person_id = ? and code = '9N016160100000001'")
                .param(person).query(String.class).single()).isEqualTo("H");
        // 健診実施機関 and プログラム種別 kept; the out-of-range value stored and flagged 要確認
        assertThat(jdbc.sql("select institution_number || '/' || institution_name || '/' || program_type from phr_checkup where person_id = ?")
                .param(person).query(String.class).single()).isEqualTo("1311111111/みなと健診クリニック/010");
        assertThat(report.review()).isEqualTo(1);
        assertThat(count("select count(*) from phr_observation where tenant_id = ? and code = '3D010000001926101' and value_num = 1500", staff.tenantId())).isOne();
        // the same archive again: nothing stored twice
        ImportReport again = checkups.importUpload(insurer, archive.zipName(), archive.toZip());
        assertThat(again.count(Outcome.ALREADY)).isEqualTo(2);
        assertThat(count("select count(*) from phr_checkup where tenant_id = ?", staff.tenantId())).isEqualTo(2);
    }

    @Test
    @DisplayName("枝番の違う被扶養者は別の人。枝番のないファイルは一人に決まるときだけ結び付け、決まらなければ保険者に尋ねる")
    void dependentsAreSeparatePersonsAndFilesWithoutBranchMatchOnlyWhenUnambiguous() {
        ImportReport family = checkups.importUpload(insurer, "family.zip", new CheckupArchiveWriter("6631111116", INSURER, LocalDate.of(2024, 7, 1))
                .add(full("6001", "00", "イチロウ").toXml())
                .add(CdaCheckupWriter.checkup(INSURER, "テ01", "6001", "01").person("テスト", "ハナコ", "2", LocalDate.of(1972, 1, 1))
                        .number("9N006000000000001", 52).toXml())
                .toZip());
        assertThat(family.imported()).isEqualTo(2);
        assertThat(count("select count(distinct person_id) from phr_membership where tenant_id = ? and insured_number = '6001'", staff.tenantId())).isEqualTo(2);

        // two persons share 記号・番号: an older file without 枝番 cannot be assigned unless the birth date decides
        ImportReport ambiguous = checkups.importUpload(insurer, "old.xml", CdaCheckupWriter.checkup(INSURER, "テ01", "6001", null)
                .person("テスト", "ジロウ", "1", LocalDate.of(1999, 9, 9)).number("9N006000000000001", 60).toXml().getBytes(StandardCharsets.UTF_8));
        assertThat(ambiguous.lines()).singleElement().satisfies(l -> {
            assertThat(l.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(l.messages().get(0).key()).isEqualTo("phr.import.ambiguous");
        });
        ImportReport byBirth = checkups.importUpload(insurer, "old2.xml", CdaCheckupWriter.checkup(INSURER, "テ01", "6001", null)
                .person("テスト", "ハナコ", "2", LocalDate.of(1972, 1, 1)).on(LocalDate.of(2023, 6, 1)).number("9N006000000000001", 53)
                .toXml().getBytes(StandardCharsets.UTF_8));
        assertThat(byBirth.imported()).isOne();
        // only one person with this 記号・番号: a file without 枝番 is theirs
        checkups.importUpload(insurer, "single.xml", CdaCheckupWriter.checkup(INSURER, "テ01", "6002", "00").number("9N006000000000001", 70)
                .toXml().getBytes(StandardCharsets.UTF_8));
        ImportReport single = checkups.importUpload(insurer, "single-old.xml", CdaCheckupWriter.checkup(INSURER, "テ01", "6002", null)
                .on(LocalDate.of(2022, 6, 1)).number("9N006000000000001", 69).toXml().getBytes(StandardCharsets.UTF_8));
        assertThat(single.imported()).isOne();
        assertThat(count("select count(*) from phr_membership where tenant_id = ? and insured_number = '6002'", staff.tenantId())).isOne();
        assertThat(count("select count(*) from phr_membership where tenant_id = ? and insured_number = '6001'", staff.tenantId())).isEqualTo(2);
    }

    @Test
    @DisplayName("訂正は前の結果を履歴に残して置き換え、報告区分19は結果を削除する")
    void aCorrectionReplacesWithHistoryAndADeletionRequestRemoves() {
        checkups.importUpload(insurer, "first.xml", full("7001", "00", "サブロウ").toXml().getBytes(StandardCharsets.UTF_8));
        ImportReport corrected = checkups.importUpload(insurer, "second.xml", CdaCheckupWriter.checkup(INSURER, "テ01", "7001", "00")
                .person("テスト", "サブロウ", "1", LocalDate.of(1970, 4, 2)).on(LocalDate.of(2024, 6, 3))
                .institution("1311111111", "みなと健診クリニック").number("9N006000000000001", 77.0).toXml().getBytes(StandardCharsets.UTF_8));
        assertThat(corrected.lines()).singleElement().satisfies(l -> assertThat(l.outcome()).isEqualTo(Outcome.CORRECTED));
        UUID person = jdbc.sql("select person_id from phr_membership where tenant_id = ? and insured_number = '7001'")
                .param(staff.tenantId()).query(UUID.class).single();
        assertThat(jdbc.sql("select value_num from phr_observation where person_id = ? and code = '9N006000000000001'")
                .param(person).query(BigDecimal.class).single()).isEqualByComparingTo("77.0");
        assertThat(count("select count(*) from phr_observation where person_id = ?", person)).isOne();
        assertThat(count("select count(*) from phr_checkup_observation_history where person_id = ?", person)).isEqualTo(22);
        assertThat(jdbc.sql("select string_agg(status || version, ',' order by version) from phr_checkup where person_id = ?")
                .param(person).query(String.class).single()).isEqualTo("SUPERSEDED1,CURRENT2");

        ImportReport deleted = checkups.importUpload(insurer, "delete.xml", CdaCheckupWriter.checkup(INSURER, "テ01", "7001", "00")
                .reportCategory("19").on(LocalDate.of(2024, 6, 3)).institution("1311111111", "みなと健診クリニック").toXml()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(deleted.lines()).singleElement().satisfies(l -> assertThat(l.outcome()).isEqualTo(Outcome.DELETED));
        assertThat(count("select count(*) from phr_observation where person_id = ?", person)).isZero();
        assertThat(count("select count(*) from phr_checkup where person_id = ? and status = 'DELETED'", person)).isOne();
        ImportReport nothing = checkups.importUpload(insurer, "delete-again.xml", CdaCheckupWriter.checkup(INSURER, "テ01", "7001", "00")
                .reportCategory("19").on(LocalDate.of(2020, 1, 1)).toXml().getBytes(StandardCharsets.UTF_8));
        assertThat(nothing.lines().get(0).messages().get(0).key()).isEqualTo("phr.import.deleteUnknown");
    }

    @Test
    @DisplayName("ほかの保険者番号のファイル・壊れたファイル・危険なアーカイブはファイル名を示して拒否し、何も書かない")
    void refusesOtherInsurersAndHostileInputByFileName() throws Exception {
        ImportReport other = checkups.importUpload(insurer, "other.zip", zip(new LinkedHashMap<>(Map.of(
                "a/DATA/h1.xml", CdaCheckupWriter.checkup("06139999", null, "8001", "00").number("9N006000000000001", 60).toXml().getBytes(StandardCharsets.UTF_8),
                "a/DATA/h2.xml", "<checkupClaim xmlns=\"urn:x\"/>".getBytes(StandardCharsets.UTF_8),
                "a/DATA/h3.xml", sample("checkup-xxe.xml"), "a/DATA/h4.xml", sample("checkup-billion-laughs.xml")))));
        assertThat(other.lines()).allSatisfy(l -> assertThat(l.outcome()).isEqualTo(Outcome.REJECTED));
        Map<String, String> keys = new LinkedHashMap<>();
        other.lines().forEach(l -> keys.put(l.file(), l.messages().get(0).key()));
        assertThat(keys).containsEntry("a/DATA/h1.xml", "phr.import.otherInsurer").containsEntry("a/DATA/h2.xml", "phr.import.notCda")
                .containsEntry("a/DATA/h3.xml", "phr.import.doctype").containsEntry("a/DATA/h4.xml", "phr.import.doctype");
        ImportReport nested = checkups.importUpload(insurer, "nested.zip", zip(Map.of("a/DATA/inner.zip", zip(Map.of("x.xml", new byte[10])))));
        assertThat(nested.lines()).singleElement().satisfies(l -> assertThat(l.messages().get(0).where()).isEqualTo("a/DATA/inner.zip"));
        byte[] zeros = new byte[1_900_000];
        Map<String, byte[]> bomb = new LinkedHashMap<>();
        for (int i = 0; i < 120; i++) {
            bomb.put("a/DATA/bomb-" + i + ".xml", zeros);
        }
        assertThat(checkups.importUpload(insurer, "bomb.zip", zip(bomb)).lines().get(0).messages().get(0).key()).isEqualTo("phr.import.zipBomb");
        assertThat(count("select count(*) from phr_membership where tenant_id = ?", staff.tenantId())).isZero();
        assertThat(count("select count(*) from phr_source_document where tenant_id = ?", staff.tenantId())).isZero();

        // An insurer that has not registered its 保険者番号 imports nothing.
        var unregistered = accounts.withRole(Role.INSURER_STAFF);
        ImportReport none = checkups.importUpload(Accessor.tenant(unregistered.tenantId(), "x", "x", Accessor.Channel.PAGE), "a.xml",
                full("8002", "00", "シロウ").toXml().getBytes(StandardCharsets.UTF_8));
        assertThat(none.lines().get(0).messages().get(0).key()).isEqualTo("phr.import.noInsurerNumber");
    }

    @Test
    @DisplayName("CSVは全行か無し。回答コードを検査し、テンプレートは取り込める")
    void csvIsAllOrNothingChecksAnswersAndTheTemplateRoundTrips() throws Exception {
        var session = Accounts.signIn(mvc, staff.email());
        byte[] template = mvc.perform(get("/insurer/checkups/template.csv").cookie(session)).andReturn().getResponse().getContentAsByteArray();
        String header = new String(template, StandardCharsets.UTF_8);
        assertThat(header).startsWith("\uFEFF保険者番号").contains("喫煙 9N736000000000011", "保健指導レベル 9N506000000000011");
        String columns = mvc.perform(get("/insurer/checkups/template-columns.csv").cookie(session)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(columns).contains("1=積極的支援", "未実施 / 測定不能");
        int items = header.strip().split(",").length - 10;
        String row = INSURER + ",テ02,9001,01,テスト ゴロウ,1,1968/5/5,2024/6/10,1311111111,みなと健診クリニック" + ",".repeat(items) + "\r\n";
        // fill 体重 (column 12) and 喫煙 (by header position)
        List<String> head = java.util.Arrays.stream(header.substring(1).strip().split(",")).map(c -> c.replace("\"", "")).toList();
        String[] cells = row.strip().split(",", -1);
        cells[head.indexOf("体重 9N006000000000001")] = "66.6";
        cells[head.indexOf("喫煙 9N736000000000011")] = "3";
        cells[head.indexOf("保健指導レベル 9N506000000000011")] = "2";
        String good = new String(template, StandardCharsets.UTF_8) + String.join(",", cells) + "\r\n";
        ImportReport imported = checkups.importUpload(insurer, "good.csv", good.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.imported()).as(imported.toString()).isOne();
        assertThat(imported.observations()).isEqualTo(3);

        cells[head.indexOf("喫煙 9N736000000000011")] = "9";
        cells[2] = "9002";
        // saved by Excel as Shift_JIS: no BOM
        String bad = new String(template, StandardCharsets.UTF_8).substring(1) + String.join(",", cells) + "\r\n";
        ImportReport rejected = checkups.importUpload(insurer, "bad.csv", bad.getBytes(java.nio.charset.Charset.forName("Windows-31J")));
        assertThat(rejected.lines()).singleElement().satisfies(l -> {
            assertThat(l.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(l.messages()).extracting(p -> p.key()).containsExactly("phr.csv.answer");
            assertThat(l.messages().get(0).args()).contains("喫煙");
        });
        assertThat(count("select count(*) from phr_membership where tenant_id = ? and insured_number = '9002'", staff.tenantId())).isZero();
    }

    @Test
    @DisplayName("画面: 取り込み、1ファイル1行の結果、ページ送りの履歴（誰が・いつ・結果）、ほかの保険者には見えない")
    void insurerStaffUploadsThroughThePageAndSeesThePagedHistory() throws Exception {
        var session = Accounts.signIn(mvc, staff.email());
        byte[] upload = zip(new LinkedHashMap<>(Map.of("a/DATA/h1.xml", full("9101", "00", "ロクロウ").toXml().getBytes(StandardCharsets.UTF_8),
                "a/DATA/h2.xml", sample("checkup-bad-values.xml"))));
        String page = mvc.perform(multipart("/insurer/checkups").file(new MockMultipartFile("file", "checkups.zip", "application/zip", upload))
                        .cookie(session).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("取込結果", "取込 2件", "四十八", "HDLコレステロール: ", "体重: ", "要確認: 値 57 % は入力範囲外");
        assertThat(page).doesNotContain("phr.import.", "3F070000002327101: ");
        for (int i = 0; i < 21; i++) {
            checkups.importUpload(insurer, "empty-" + i + ".xml", new byte[] {'<'});
        }
        String history = mvc.perform(get("/insurer/checkups").cookie(session)).andReturn().getResponse().getContentAsString();
        assertThat(history).contains("empty-20.xml", "テスト担当", "1 / 2 ページ").doesNotContain("checkups.zip");
        assertThat(mvc.perform(get("/insurer/checkups?page=2").cookie(session)).andReturn().getResponse().getContentAsString())
                .contains("checkups.zip");

        var other = Accounts.signIn(mvc, accounts.withRole(Role.INSURER_STAFF).email());
        assertThat(mvc.perform(get("/insurer/checkups").cookie(other)).andReturn().getResponse().getContentAsString())
                .doesNotContain("checkups.zip", "empty-20.xml").contains("登録されている加入者: 0人");
        UUID upload1 = jdbc.sql("select id from phr_checkup_upload where tenant_id = ? and file_name = 'checkups.zip'")
                .param(staff.tenantId()).query(UUID.class).single();
        assertThat(mvc.perform(get("/insurer/checkups/uploads/" + upload1).cookie(other)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/insurer/checkups/uploads/" + upload1).cookie(session)).andReturn().getResponse().getContentAsString())
                .contains("四十八");
    }

    @Test
    void anIndividualCannotUseTheImport() throws Exception {
        var individual = accounts.withRole(Role.INDIVIDUAL);
        var session = Accounts.signIn(mvc, individual.email());
        int status = mvc.perform(multipart("/insurer/checkups")
                        .file(new MockMultipartFile("file", "a.xml", "application/xml", sample("checkup-yamada-20250610.xml")))
                        .cookie(session).with(csrf()))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(403);
    }
}
