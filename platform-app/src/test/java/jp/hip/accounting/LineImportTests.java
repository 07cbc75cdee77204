package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.imports.ImportResult;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** CSV import of investment lines: encodings, all-or-nothing with row and column, limits, tenants. */
@PlatformTest
class LineImportTests extends ImportTestCompany {

    static final String HEADER = "年度,施策,明細,費用区分,投資資源,金額,根拠資料\r\n";

    @Autowired
    MockMvc mvc;

    UUID measure;

    @BeforeEach
    void measure() {
        measure = as(() -> accounting.createMeasure(FiscalYear.of(2025), new HealthAccounting.MeasureCommand(
                "ウォーキング", null, PurposeCategory.POPULATION, Set.of(1), Set.of(), 100)));
    }

    ImportResult importAs(UUID tenant, byte[] csv) {
        return CurrentTenant.runAs(tenant, () -> accounting.importLines(csv));
    }

    int lines() {
        return as(() -> accounting.measure(measure)).orElseThrow().lines().size();
    }

    @Test
    void importsUtf8WithBom() {
        byte[] csv = ("\uFEFF" + HEADER + "2025,ウォーキング,アプリ,外注費,外注,\"680,000\",請求書 1\r\n"
                + "2025年度,ウォーキング,景品,OTHER,その他,50000,\r\n").getBytes(StandardCharsets.UTF_8);
        ImportResult result = importAs(company, csv);
        assertThat(result.problems()).isEmpty();
        assertThat(result.rowsWritten()).isEqualTo(2);
        var detail = as(() -> accounting.measure(measure)).orElseThrow();
        assertThat(detail.measure().total()).isEqualTo(Yen.of(730_000));
        assertThat(detail.lines()).extracting(HealthAccounting.LineView::sourceDocument).contains("請求書 1");
    }

    @Test
    void importsWindows31jAsExcelSavesIt() {
        byte[] csv = (HEADER + "2025,ウォーキング,歩数計アプリ～年額,外注費,外注,1000,①請求書\r\n").getBytes(Charset.forName("Windows-31J"));
        assertThat(importAs(company, csv).rowsWritten()).isEqualTo(1);
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines().get(0).sourceDocument())
                .isEqualTo("①請求書");
    }

    @Test
    void anyBadRowRejectsTheFileListsEveryProblemAndWritesNothing() {
        byte[] csv = (HEADER + "2025,ウォーキング,アプリ,外注費,外注,1000,\r\n"
                + "2025,ウォーキング,景品,雑費,その他,-5,\r\n"
                + "2024,ウォーキング,,外注費,外注,abc,\r\n"
                + "20x5,存在しない施策,x,外注費,宇宙,1,\r\n").getBytes(StandardCharsets.UTF_8);
        ImportResult result = importAs(company, csv);
        assertThat(result.rowsWritten()).isZero();
        assertThat(result.rowsRead()).isEqualTo(4);
        assertThat(result.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.messageKey()).containsExactly(
                "3:費用区分:accounting.import.expenseType",
                "3:金額:accounting.yen.negative",
                "4:施策:accounting.import.measureUnknown",
                "4:明細:accounting.line.description.required",
                "4:金額:accounting.yen.invalid",
                "5:年度:accounting.import.year",
                "5:投資資源:accounting.import.resourceView");
        assertThat(lines()).isZero();
    }

    @Test
    void importsTheFirstSheetOfAnExcelWorkbook() throws Exception {
        byte[] xlsx;
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = book.createSheet("明細");
            String[] header = HEADER.strip().split(",");
            var h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            var r = sheet.createRow(1);
            r.createCell(0).setCellValue(2025);
            r.createCell(1).setCellValue("ウォーキング");
            r.createCell(2).setCellValue("アプリ");
            r.createCell(3).setCellValue("外注費");
            r.createCell(4).setCellValue("外注");
            r.createCell(5).setCellValue(680000);
            var bad = sheet.createRow(2);
            bad.createCell(0).setCellValue(2025);
            bad.createCell(1).setCellValue("ウォーキング");
            bad.createCell(2).setCellValue("景品");
            bad.createCell(3).setCellValue("外注費");
            bad.createCell(4).setCellValue("外注");
            bad.createCell(5).setCellValue(-3);
            book.write(out);
            xlsx = out.toByteArray();
        }
        ImportResult rejected = importAs(company, xlsx);
        assertThat(rejected.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.messageKey())
                .containsExactly("3:金額:accounting.yen.negative");
        assertThat(lines()).isZero();
    }

    @Test
    void aZipBombIsRefusedBeforeItExpands() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 200; i++) {
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        assertThat(out.size()).isLessThan(1024 * 1024);
        assertThat(importAs(company, out.toByteArray()).problems()).extracting(ImportResult.Problem::messageKey)
                .containsExactly("accounting.import.unreadableXlsx");
        assertThat(lines()).isZero();
    }

    @Test
    void indicatorValuesImportAllOrNothingAndReplaceTheYearsValues() {
        UUID smoking = as(() -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("喫煙率",
                IndicatorTier.BEHAVIOUR, "%", Direction.LOWER_IS_BETTER, null, null, BenefitKind.NONE)));
        String header = "年度,指標,ベースライン,目標,実績,回答率\r\n";
        ImportResult bad = as(() -> accounting.importValues((header + "2025,喫煙率,24.8,22,23.2,86.5\r\n"
                + "2025,飲酒率,1,2,3,\r\n2024,喫煙率,abc,,,120\r\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(bad.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.messageKey()).containsExactly(
                "3:指標:accounting.import.indicatorUnknown", "4:ベースライン:accounting.value.invalid");
        assertThat(as(() -> healthIndicators.indicator(smoking)).orElseThrow().values()).isEmpty();
        ImportResult good = as(() -> accounting.importValues((header + "2025,喫煙率,24.8,22,23.2,86.5\r\n"
                + "2024年度,喫煙率,26.1,24,24.8,\r\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(good.rowsWritten()).isEqualTo(2);
        var values = as(() -> healthIndicators.indicator(smoking)).orElseThrow().values();
        assertThat(values).extracting(v -> v.fiscalYear().startYear()).containsExactly(2024, 2025);
        assertThat(values.get(1).actual()).isEqualByComparingTo("23.2");
    }

    @Test
    void aWrongHeaderOrEmptyFileIsRefused() {
        assertThat(importAs(company, "a,b,c\r\n1,2,3".getBytes(StandardCharsets.UTF_8)).problems())
                .extracting(ImportResult.Problem::messageKey).containsExactly("accounting.import.header");
        assertThat(importAs(company, new byte[0]).problems()).extracting(ImportResult.Problem::messageKey)
                .containsExactly("accounting.import.empty");
        assertThat(importAs(company, HEADER.getBytes(StandardCharsets.UTF_8)).problems()).extracting(ImportResult.Problem::messageKey)
                .containsExactly("accounting.import.empty");
    }

    @Test
    void anotherCompanysMeasureNamesAreUnknown() {
        UUID other = accounts.tenant(TenantKind.COMPANY);
        ImportResult result = importAs(other, (HEADER + "2025,ウォーキング,アプリ,外注費,外注,1000,\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(result.problems()).extracting(ImportResult.Problem::messageKey).containsExactly("accounting.import.measureUnknown");
        assertThat(lines()).isZero();
    }

    @Test
    void theImportPageShowsProblemsByRowAndColumnAndViewersCannotUpload() throws Exception {
        Accounts.Account hr = accounts.user(company, Role.HR_STAFF);
        Accounts.Account viewer = accounts.user(company, Role.COMPANY_VIEWER);
        Cookie session = Accounts.signIn(mvc, hr.email());
        var file = new MockMultipartFile("file", "lines.csv", "text/csv",
                (HEADER + "2025,ウォーキング,アプリ,外注費,外注,-1,\r\n").getBytes(StandardCharsets.UTF_8));
        String page = mvc.perform(multipart("/company/import").file(file).with(csrf()).cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("何も取り込んでいません", "金額にマイナスは入力できません。", ">2<", ">金額<");
        Cookie viewerSession = Accounts.signIn(mvc, viewer.email());
        var good = new MockMultipartFile("file", "lines.csv", "text/csv",
                (HEADER + "2025,ウォーキング,アプリ,外注費,外注,1,\r\n").getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/company/import").file(good).with(csrf()).cookie(viewerSession)).andExpect(status().isForbidden());
        assertThat(lines()).isZero();
    }
}
