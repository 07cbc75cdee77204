package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import jp.hip.PlatformTest;
import jp.hip.accounting.depreciation.TaxMethod;
import jp.hip.accounting.facilities.FacilityLedger;
import jp.hip.accounting.imports.ImportResult;

/** Facilities from a 固定資産台帳 CSV: all or nothing, an unknown method or a life outside 2–50 named by line and column. */
@PlatformTest
class FacilityImportTests extends ImportTestCompany {

    static final String HEADER = "名称,資産区分,取得日,取得価額,耐用年数,償却方法,健康利用割合,割合の根拠,備考\n";

    @Autowired
    FacilityLedger ledger;

    @Autowired
    JdbcTemplate jdbc;

    ImportResult run(String csv) {
        return as(() -> imports.importFacilities(csv.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void badRowsRefuseTheFileWithLineAndColumn() {
        ImportResult result = run(HEADER
                + "ジム,器具及び備品,2024-04-01,\"1,000,000\",10,級数法,100%,面積,\n"
                + "\n"
                + "食堂,建物,2024-04-01,30000000,60,定額法,30%,面積,\n"
                + "空調,建物附属設備,2020-04-01,2000000,15,定率法,100%,面積,\n");
        assertThat(result.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.messageKey()).containsExactly(
                "2:償却方法:accounting.import.method",
                "4:耐用年数:accounting.facility.lifeInvalid",
                "5:償却方法:accounting.facility.methodNotAllowed");
        assertThat(jdbc.queryForObject("select count(*) from acc_facility where tenant_id = ?", Integer.class, company)).isZero();
    }

    @Test
    void aLedgerExportImportsAndDepreciatesByTheTables() {
        ImportResult result = run(HEADER
                + "フィットネスルーム,器具及び備品,2024/4/1,\"1,000,000\",10,定率法,50%,面積,本社3階\n"
                + "旧休憩室,建物附属設備,2005-04-01,600000,15,旧定額法,100%,利用者数,\n");
        assertThat(result.problems()).isEmpty();
        assertThat(result.rowsWritten()).isEqualTo(2);
        var listed = as(() -> ledger.facilities(FiscalYear.of(2025)));
        assertThat(listed).extracting(HealthAccounting.FacilityView::taxMethod)
                .containsExactly(TaxMethod.DECLINING_200, TaxMethod.OLD_STRAIGHT_LINE);
        assertThat(listed.get(0).depreciationThisYear()).isEqualTo(Yen.of(160_000));
        assertThat(listed.get(0).healthShareThisYear()).isEqualTo(Yen.of(80_000));
    }
}
