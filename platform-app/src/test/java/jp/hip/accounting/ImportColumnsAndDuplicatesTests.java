package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.imports.AccountingImports;
import jp.hip.accounting.imports.ImportResult;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** Imports never shift a column, name the physical line, detect lines imported twice, state their real limit (ADR 0026). */
@PlatformTest
class ImportColumnsAndDuplicatesTests {

    static final String HEADER = "年度,施策,明細,費用区分,投資資源,金額,根拠資料\r\n";

    @Autowired
    AccountingImports imports;

    @Autowired
    HealthAccounting accounting;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    UUID company;

    @BeforeEach
    void measure() {
        company = accounts.tenant(TenantKind.COMPANY);
        CurrentTenant.runAs(company, () -> accounting.createMeasure(FiscalYear.of(2025), new HealthAccounting.MeasureCommand(
                "ウォーキング", null, PurposeCategory.POPULATION, Set.of(1), Set.of(), 100)));
    }

    ImportResult run(String csv, ImportResult.Duplicates duplicates) {
        return CurrentTenant.runAs(company, () -> imports.importLines(csv.getBytes(StandardCharsets.UTF_8), duplicates));
    }

    int stored() {
        return jdbc.queryForObject("select count(*) from acc_investment_line where tenant_id = ?", Integer.class, company);
    }

    @Test
    void anUnquotedThousandsSeparatorIsRefusedAtItsPhysicalLineNeverReadAsOneYen() {
        String csv = HEADER + "\r\n"                                      // line 2: blank, counted
                + "2025,ウォーキング,アプリ,外注費,外注,\"1,234\",請求書1\r\n"  // line 3: fine
                + "\r\n"                                                  // line 4: blank
                + "2025,ウォーキング,景品,その他経費,その他,1,234,請求書2\r\n"   // line 5: 8 cells
                + "2025,ウォーキング,景品,その他経費,その他,1,234\r\n"          // line 6: 7 cells, amount split
                + "2025,ウォーキング,景品,その他経費,その他\r\n";              // line 7: 5 cells
        ImportResult result = run(csv, ImportResult.Duplicates.REFUSE);
        assertThat(result.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.messageKey()).containsExactly(
                "5:null:accounting.import.tooManyColumns",
                "6:金額:accounting.import.amountSplit",
                "7:null:accounting.import.tooFewColumns");
        assertThat(stored()).isZero();
        // a header without 根拠資料 has six columns, and then a split amount is a seventh cell: refused
        ImportResult sixColumns = run("年度,施策,明細,費用区分,投資資源,金額\n2025,ウォーキング,景品,その他経費,その他,1,234\n",
                ImportResult.Duplicates.REFUSE);
        assertThat(sixColumns.problems()).extracting(p -> p.row() + ":" + p.messageKey())
                .containsExactly("2:accounting.import.tooManyColumns");
        ImportResult fine = run(HEADER + "2025,ウォーキング,アプリ,外注費,外注,\"1,234\",請求書1\r\n", ImportResult.Duplicates.REFUSE);
        assertThat(fine.rowsWritten()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select amount from acc_investment_line where tenant_id = ?", Long.class, company)).isEqualTo(1234L);
    }

    @Test
    void theSameLinesImportedAgainAreRefusedOrSkippedAtTheUsersChoice() {
        String file = HEADER + "2025,ウォーキング,アプリ,外注費,外注,680000,請求書 No.1\r\n"
                + "2025,ウォーキング,景品,その他経費,その他,50000,領収書 No.2\r\n";
        assertThat(run(file, ImportResult.Duplicates.REFUSE).rowsWritten()).isEqualTo(2);
        ImportResult again = run(file, ImportResult.Duplicates.REFUSE);
        assertThat(again.problems()).extracting(p -> p.row() + ":" + p.messageKey())
                .containsExactly("2:accounting.import.duplicate", "3:accounting.import.duplicate");
        assertThat(stored()).isEqualTo(2);
        // one new line, one already stored: SKIP imports the new one only
        String more = file + "2025,ウォーキング,景品,その他経費,その他,50000,領収書 No.3\r\n";
        ImportResult skipped = run(more, ImportResult.Duplicates.SKIP);
        assertThat(skipped.problems()).isEmpty();
        assertThat(skipped.rowsWritten()).isEqualTo(1);
        assertThat(skipped.rowsSkipped()).isEqualTo(2);
        assertThat(stored()).isEqualTo(3);
        // the same content with another source document is another line
        assertThat(run(HEADER + "2025,ウォーキング,景品,その他経費,その他,50000,領収書 No.4\r\n", ImportResult.Duplicates.REFUSE)
                .rowsWritten()).isEqualTo(1);
        // another company's identical lines do not count
        UUID other = accounts.tenant(TenantKind.COMPANY);
        CurrentTenant.runAs(other, () -> accounting.createMeasure(FiscalYear.of(2025), new HealthAccounting.MeasureCommand(
                "ウォーキング", null, PurposeCategory.POPULATION, Set.of(1), Set.of(), 100)));
        assertThat(CurrentTenant.runAs(other, () -> imports.importLines(file.getBytes(StandardCharsets.UTF_8),
                ImportResult.Duplicates.REFUSE)).rowsWritten()).isEqualTo(2);
    }

    @Test
    void theStatedSizeLimitIsTheRealOneAndTemplatesDownload() throws Exception {
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        String page = mvc.perform(get("/company/import").cookie(hr)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("20MB・200,000行まで", "/company/import/template-lines.csv");
        byte[] tooBig = new byte[AccountingImports.MAX_BYTES + 1];
        java.util.Arrays.fill(tooBig, (byte) 'a');
        String refused = mvc.perform(multipart("/company/import").file(new MockMultipartFile("file", "big.csv", "text/csv", tooBig))
                .with(csrf()).cookie(hr)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("ファイルが大きすぎます（20MB まで）");
        byte[] template = mvc.perform(get("/company/import/template-lines.csv").cookie(hr)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        String text = new String(template, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF\"年度\",\"施策\",\"明細\",\"費用区分\",\"投資資源\",\"金額\",\"根拠資料\"");
        // the template, filled in, imports as it is (its example measure is unknown here: refused by name, not by shape)
        ImportResult fromTemplate = CurrentTenant.runAs(company, () -> imports.importLines(template, ImportResult.Duplicates.REFUSE));
        assertThat(fromTemplate.problems()).extracting(ImportResult.Problem::messageKey)
                .containsExactly("accounting.import.measureUnknown");
        // the page offers the duplicate choice and reports skipped rows
        var file = new MockMultipartFile("file", "l.csv", "text/csv",
                (HEADER + "2025,ウォーキング,アプリ,外注費,外注,1,請求書\r\n").getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/company/import").file(file).with(csrf()).cookie(hr)).andExpect(status().isOk());
        String skippedPage = mvc.perform(multipart("/company/import").file(file).param("duplicates", "SKIP").with(csrf()).cookie(hr))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(skippedPage).contains("登録済みと同じ1行は飛ばしました");
    }
}
