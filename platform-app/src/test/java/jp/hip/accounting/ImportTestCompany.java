package jp.hip.accounting;

import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

import jp.hip.Accounts;
import jp.hip.accounting.imports.AccountingImports;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.TenantKind;

/** Set-up shared by the accounting import tests (issue 15): a new COMPANY tenant for each test, and work run as it. */
abstract class ImportTestCompany {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthIndicators healthIndicators;

    @Autowired
    AccountingImports imports;

    @Autowired
    AccountingYears years;

    @Autowired
    Accounts accounts;

    UUID company;

    @BeforeEach
    void newCompany() {
        company = accounts.tenant(TenantKind.COMPANY);
    }

    <T> T as(Supplier<T> work) {
        return CurrentTenant.runAs(company, work);
    }
}
