package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;
import jp.hip.phr.checkup.CheckupImport;

/** 特定健診 XML import: all or nothing per file, every problem reported, originals kept, hostile input refused. */
@PlatformTest
class CheckupImportTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CheckupImport checkups;
    @Autowired JdbcClient jdbc;

    Accounts.Account staff;
    Accessor insurer;

    @BeforeEach
    void setUp() {
        staff = accounts.withRole(Role.INSURER_STAFF);
        insurer = Accessor.tenant(staff.tenantId(), staff.userId().toString(), "テスト", Accessor.Channel.PAGE);
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

    @Test
    void importsEachGoodFileAndRejectsABadOneWithEveryProblem() throws Exception {
        byte[] upload = zip(new java.util.LinkedHashMap<>(Map.of(
                "6631111116_06130012_202506200_1/checkup-yamada.xml", sample("checkup-yamada-20250610.xml"),
                "6631111116_06130012_202506200_1/checkup-sato.xml", sample("checkup-sato-20250615.xml"),
                "6631111116_06130012_202506200_1/checkup-bad.xml", sample("checkup-bad-values.xml"))));
        CheckupImport.ImportReport report = checkups.importCheckups(insurer, "batch.zip", upload);

        assertThat(report.files()).hasSize(3);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(1);
        CheckupImport.FileResult bad = report.files().stream().filter(f -> f.fileName().equals("checkup-bad.xml")).findFirst().orElseThrow();
        assertThat(bad.problems()).extracting(PhrException.Problem::key)
                .contains("phr.import.badNumber", "phr.error.unit", "phr.error.range");
        // Nothing of the bad file was written.
        assertThat(count("select count(*) from phr_membership where tenant_id = ? and insured_number = '3456789'", staff.tenantId())).isZero();
        assertThat(count("select count(*) from phr_source_document where tenant_id = ?", staff.tenantId())).isEqualTo(2);
        // Every numeric item in the code table became an observation; coded 問診 items are reported, not stored.
        CheckupImport.FileResult yamada = report.files().stream().filter(f -> f.fileName().equals("checkup-yamada.xml")).findFirst().orElseThrow();
        assertThat(yamada.observations()).isEqualTo(13);
        assertThat(yamada.warnings()).hasSize(4);
        // The original is kept byte for byte.
        byte[] kept = jdbc.sql("select content from phr_source_document where tenant_id = ? and file_name = 'checkup-yamada.xml'")
                .param(staff.tenantId()).query(byte[].class).single();
        assertThat(kept).isEqualTo(sample("checkup-yamada-20250610.xml"));
        // Units were mapped to UCUM (mmHg → mm[Hg]).
        assertThat(count("select count(*) from phr_observation where tenant_id = ? and unit = 'mm[Hg]'", staff.tenantId())).isEqualTo(4);

        // Sending the same archive again stores nothing twice.
        CheckupImport.ImportReport again = checkups.importCheckups(insurer, "batch.zip", upload);
        assertThat(again.files()).filteredOn(CheckupImport.FileResult::alreadyImported).hasSize(2);
        assertThat(count("select count(*) from phr_observation where tenant_id = ?", staff.tenantId())).isEqualTo(26);
    }

    static final String CSV_HEADER = "保険者番号,被保険者証記号,被保険者証番号,氏名カナ,性別,生年月日,健診実施日,9N006000000000001,9A751000000000001,3F077000002327101\r\n";

    @Test
    void csvIsAllOrNothingWithEveryProblemByRowAndColumnAndAcceptsExcelEncodings() throws Exception {
        String bad = CSV_HEADER
                + "06130012,健001,5550001,タナカ イチロウ,1,1970/1/2,2025/6/1,70.2,128,130\r\n"
                + "06130012,健001,5550002,タナカ ハナコ,3,1972-13-01,2025-06-01,五十,118,1300000\r\n";
        CheckupImport.ImportReport rejected = checkups.importCheckups(insurer, "bad.csv", bad.getBytes(StandardCharsets.UTF_8));
        assertThat(rejected.imported()).isZero();
        assertThat(rejected.files().get(0).problems()).extracting(PhrException.Problem::key)
                .containsExactlyInAnyOrder("phr.csv.gender", "phr.csv.date", "phr.csv.number");
        assertThat(count("select count(*) from phr_membership where tenant_id = ?", staff.tenantId())).isZero();

        String outOfRange = CSV_HEADER
                + "06130012,健001,5550001,タナカ イチロウ,1,1970/1/2,2025/6/1,70.2,128,130\r\n"
                + "06130012,健001,5550002,タナカ ハナコ,2,1972-03-01,2025-06-01,50.5,118,1300000\r\n";
        CheckupImport.ImportReport rangeRejected = checkups.importCheckups(insurer, "range.csv", outOfRange.getBytes(StandardCharsets.UTF_8));
        assertThat(rangeRejected.files().get(0).problems()).extracting(PhrException.Problem::key).containsExactly("phr.error.range");
        assertThat(count("select count(*) from phr_membership where tenant_id = ?", staff.tenantId())).isZero();

        String good = "\uFEFF" + CSV_HEADER
                + "06130012,健001,5550001,タナカ イチロウ,1,1970/1/2,2025/6/1,70.2,128,130\r\n"
                + "06130012,健001,5550002,タナカ ハナコ,女,19720301,2025-06-01,50.5,118,\r\n";
        CheckupImport.ImportReport imported = checkups.importCheckups(insurer, "good.csv", good.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.imported()).isEqualTo(2);
        assertThat(imported.observations()).isEqualTo(5);
        checkups.importCheckups(insurer, "good.csv", good.getBytes(StandardCharsets.UTF_8));
        assertThat(count("select count(*) from phr_observation where tenant_id = ?", staff.tenantId())).isEqualTo(5);

        String sjis = CSV_HEADER + "06130012,健002,5550003,スズキ サブロウ,男,1965/5/5,2025/6/2,66.0,,\r\n";
        CheckupImport.ImportReport windows = checkups.importCheckups(insurer, "sjis.csv", sjis.getBytes(java.nio.charset.Charset.forName("Windows-31J")));
        assertThat(windows.imported()).isEqualTo(1);
        assertThat(windows.files().get(0).person()).startsWith("スズキ サブロウ");
    }

    @Test
    void externalEntitiesAndEntityBombsAreRefused() throws Exception {
        for (String hostile : new String[] {"checkup-xxe.xml", "checkup-billion-laughs.xml"}) {
            CheckupImport.ImportReport report = checkups.importCheckups(insurer, hostile, sample(hostile));
            assertThat(report.imported()).isZero();
            assertThat(report.files().get(0).problems()).extracting(PhrException.Problem::key).containsExactly("phr.import.doctype");
        }
        CheckupImport.ImportReport broken = checkups.importCheckups(insurer, "broken.xml", "<ClinicalDocument".getBytes(StandardCharsets.UTF_8));
        assertThat(broken.files().get(0).problems()).extracting(PhrException.Problem::key).containsExactly("phr.import.malformed");
        assertThat(count("select count(*) from phr_source_document where tenant_id = ?", staff.tenantId())).isZero();
    }

    @Test
    void aZipBombIsStoppedBeforeItExpands() throws Exception {
        byte[] zeros = new byte[1_900_000];
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            files.put("bomb-" + i + ".xml", zeros);
        }
        byte[] bomb = zip(files);
        assertThat(bomb.length).isLessThan(1_000_000);
        CheckupImport.ImportReport report = checkups.importCheckups(insurer, "bomb.zip", bomb);
        assertThat(report.imported()).isZero();
        assertThat(report.files().get(0).problems()).extracting(PhrException.Problem::key).containsExactly("phr.import.zipBomb");
    }

    @Test
    void insurerStaffUploadsThroughThePageAndSeesTheResult() throws Exception {
        var session = Accounts.signIn(mvc, staff.email());
        String page = mvc.perform(multipart("/insurer/checkups")
                        .file(new MockMultipartFile("file", "checkups.zip", "application/zip",
                                zip(Map.of("yamada-unique-name.xml", sample("checkup-yamada-20250610.xml"), "b.xml", sample("checkup-bad-values.xml")))))
                        .cookie(session).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("取込結果", "2ファイルを読み、1ファイルを取り込み、1ファイルを取り込みませんでした", "四十八");
        assertThat(count("select count(*) from phr_source_document where tenant_id = ?", staff.tenantId())).isEqualTo(1);
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/insurer/checkups").cookie(session))
                .andReturn().getResponse().getContentAsString()).contains("yamada-unique-name.xml", "登録されている加入者: 1人");

        // Another insurer's staff see neither the file nor the member.
        var other = Accounts.signIn(mvc, accounts.withRole(Role.INSURER_STAFF).email());
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/insurer/checkups").cookie(other))
                .andReturn().getResponse().getContentAsString()).doesNotContain("yamada-unique-name.xml").contains("登録されている加入者: 0人");
    }

    @Test
    void anotherInsurersStaffCannotUseTheImportOfAnIndividual() throws Exception {
        var individual = accounts.withRole(Role.INDIVIDUAL);
        var session = Accounts.signIn(mvc, individual.email());
        int status = mvc.perform(multipart("/insurer/checkups")
                        .file(new MockMultipartFile("file", "a.xml", "application/xml", sample("checkup-yamada-20250610.xml")))
                        .cookie(session).with(csrf()))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(403);
        assertThat(count("select count(*) from phr_source_document where person_id in (select id from phr_person where personal_tenant_id = ?)",
                individual.tenantId())).isZero();
    }
}
