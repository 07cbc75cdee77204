package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.imports.ImportResult;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.identity.Role;

/** Personnel time (時間投資) from CSV or .xlsx: the column-safe rules of ADR 0026, each row under its year's policy. */
@PlatformTest
class TimeImportTests extends ImportTestCompany {

    static final String HEADER = "年度,施策,明細,役割,1人あたり時間,人数,時間単価,単価の根拠,根拠資料\r\n";

    @Autowired
    MockMvc mvc;

    UUID measure;

    @BeforeEach
    void company() {
        measure = as(() -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("健康セミナー", null,
                PurposeCategory.LITERACY, Set.of(1), Set.of(), 80)));
        as(() -> {
            years.changePolicy(FY, new HealthAccounting.PolicyView(true, Yen.of(6_000_000), 240, 500));
            return null;
        });
    }

    @Test
    void windows31jRowsBecomePersonnelLinesUnderTheYearsPolicy() {
        byte[] file = (HEADER + "2025,健康セミナー,講師（産業医）,産業医,2,1,\"15,000\",契約単価,契約書 No.7\r\n"
                + "\r\n"
                + "2025年度,健康セミナー,受講時間,参加従業員,1.5,80,3000,標準時間単価,\r\n").getBytes(Charset.forName("Windows-31J"));
        ImportResult result = as(() -> imports.importTime(file, ImportResult.Duplicates.REFUSE));
        assertThat(result.problems()).isEmpty();
        assertThat(result.rowsWritten()).isEqualTo(2);
        var lines = as(() -> accounting.measure(measure)).orElseThrow().lines();
        assertThat(lines).extracting(HealthAccounting.LineView::description, l -> l.amount().amount(), HealthAccounting.LineView::expenseType)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("講師（産業医）", 30_000L, ExpenseType.PERSONNEL),
                        org.assertj.core.groups.Tuple.tuple("受講時間", 360_000L, ExpenseType.PERSONNEL));
        assertThat(lines).allSatisfy(l -> assertThat(l.personnelTime()).isNotNull());
    }

    @Test
    void everyProblemNamesItsPhysicalLineAndColumnAndNothingIsWritten() {
        byte[] file = ("\uFEFF" + HEADER + "2025,健康セミナー,講師,産業医,2,1,15000,契約単価,\r\n"
                + "\r\n"
                + "2025,健康セミナー,受講,医師,0,x,3000,時給,\r\n"
                + "2025,ない施策,受講,参加従業員,1,1,3000,標準時間単価,\r\n"
                + "2025,健康セミナー,受講,参加従業員,1,1,3000\r\n").getBytes(StandardCharsets.UTF_8);
        ImportResult result = as(() -> imports.importTime(file, ImportResult.Duplicates.REFUSE));
        assertThat(result.rowsWritten()).isZero();
        assertThat(result.problems()).extracting(ImportResult.Problem::row, ImportResult.Problem::column, ImportResult.Problem::messageKey)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4, "役割", "accounting.import.role"),
                        org.assertj.core.groups.Tuple.tuple(4, "人数", "accounting.time.personsInvalid"),
                        org.assertj.core.groups.Tuple.tuple(4, "単価の根拠", "accounting.import.rateBasis"),
                        org.assertj.core.groups.Tuple.tuple(5, "施策", "accounting.import.measureUnknown"),
                        org.assertj.core.groups.Tuple.tuple(6, null, "accounting.import.tooFewColumns"));
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines()).isEmpty();
    }

    @Test
    void theSameTimeRowsImportedAgainAreRefusedOrSkippedAtTheUsersChoice() {
        String first = HEADER + "2025,健康セミナー,講師,産業医,2,1,15000,契約単価,契約書 No.7\r\n"
                + "2025,健康セミナー,受講時間,参加従業員,1.5,80,3000,標準時間単価,\r\n";
        assertThat(as(() -> imports.importTime(first.getBytes(StandardCharsets.UTF_8), ImportResult.Duplicates.REFUSE)).rowsWritten())
                .isEqualTo(2);
        // the amount follows the year's policy, the content does not: still the same rows after the policy changed
        as(() -> {
            years.changePolicy(FY, new HealthAccounting.PolicyView(false, Yen.of(6_000_000), 240, 500));
            return null;
        });
        // the same time written differently (1.50 hours, 「15,000」) is the same row; another 根拠資料 is another row
        String again = HEADER + "2025,健康セミナー,講師,産業医,2.00,1,\"15,000\",契約単価,契約書 No.7\r\n"
                + "\r\n"
                + "2025年度,健康セミナー,受講時間,参加従業員,1.50,80,3000,標準時間単価,\r\n"
                + "2025,健康セミナー,講師,産業医,2,1,15000,契約単価,契約書 No.8\r\n";
        ImportResult refused = as(() -> imports.importTime(again.getBytes(StandardCharsets.UTF_8), ImportResult.Duplicates.REFUSE));
        assertThat(refused.rowsWritten()).isZero();
        assertThat(refused.problems()).extracting(ImportResult.Problem::row, ImportResult.Problem::messageKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "accounting.import.duplicate"),
                        org.assertj.core.groups.Tuple.tuple(4, "accounting.import.duplicate"));
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines()).hasSize(2);

        ImportResult skipped = as(() -> imports.importTime(again.getBytes(StandardCharsets.UTF_8), ImportResult.Duplicates.SKIP));
        assertThat(skipped.problems()).isEmpty();
        assertThat(skipped.rowsRead()).isEqualTo(3);
        assertThat(skipped.rowsWritten()).isEqualTo(1);
        assertThat(skipped.rowsSkipped()).isEqualTo(2);
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines()).extracting(HealthAccounting.LineView::sourceDocument)
                .containsExactlyInAnyOrder("契約書 No.7", null, "契約書 No.8");
    }

    @Test
    void aSpreadsheetWorksToo_andAClosedYearRefusesTheFile() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            var sheet = book.createSheet();
            String[][] rows = {HEADER.strip().split(","), {"2025", "健康セミナー", "保健指導", "保健師", "1.25", "4", "4000", "給与実績", ""}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            book.write(out);
        }
        ImportResult ok = as(() -> imports.importTime(out.toByteArray(), ImportResult.Duplicates.REFUSE));
        assertThat(ok.problems()).isEmpty();
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines()).singleElement()
                .satisfies(l -> assertThat(l.amount()).isEqualTo(Yen.of(20_000)));

        as(() -> years.close(FY));
        ImportResult refused = as(() -> imports.importTime(out.toByteArray(), ImportResult.Duplicates.REFUSE));
        assertThat(refused.problems()).extracting(ImportResult.Problem::row, ImportResult.Problem::messageKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "accounting.year.closed"));
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines()).hasSize(1);
    }

    @Test
    void theImportPageOffersTheTemplateAndTakesTheFile() throws Exception {
        Cookie session = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        assertThat(mvc.perform(get("/company/import").cookie(session)).andReturn().getResponse().getContentAsString())
                .contains("/company/import/template-time.csv", "value=\"time\"");
        byte[] template = mvc.perform(get("/company/import/template-time.csv").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(template, StandardCharsets.UTF_8)).startsWith("\uFEFF\"年度\",\"施策\",\"明細\",\"役割\"");
        String page = mvc.perform(multipart("/company/import").file(new MockMultipartFile("file", "time.csv", "text/csv", template))
                        .param("kind", "time").with(csrf()).cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("2行の明細を取り込みました");
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines()).hasSize(2);
        // the page's choice reaches the time import: the same template again, stored rows skipped
        String again = mvc.perform(multipart("/company/import").file(new MockMultipartFile("file", "time.csv", "text/csv", template))
                        .param("kind", "time").param("duplicates", "SKIP").with(csrf()).cookie(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(again).contains("登録済みと同じ2行は飛ばしました");
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines()).hasSize(2);
    }
}
