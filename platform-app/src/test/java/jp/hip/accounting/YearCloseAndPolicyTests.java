package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.depreciation.DepreciationRounding;
import jp.hip.accounting.depreciation.SharedUseBasis;
import jp.hip.accounting.facilities.FacilityLedger;
import jp.hip.accounting.imports.AccountingImports;
import jp.hip.accounting.imports.ImportResult;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PersonnelRole;
import jp.hip.accounting.ledger.PersonnelTime;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.RateBasis;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** Policies per 年度 (ADR 0027), 年度確定 with audited reopening, copy to the next year (ADR 0028). */
@PlatformTest
class YearCloseAndPolicyTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthIndicators healthIndicators;

    @Autowired
    jp.hip.accounting.outputs.AccountingOutputs outputs;

    @Autowired
    AccountingYears years;

    @Autowired
    AccountingChanges changes;

    @Autowired
    AccountingImports imports;

    @Autowired
    FacilityLedger ledger;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    UUID company;

    @BeforeEach
    void company() {
        company = accounts.tenant(TenantKind.COMPANY);
    }

    <T> T as(java.util.function.Supplier<T> work) {
        return CurrentTenant.runAs(company, work);
    }

    void run(Runnable work) {
        CurrentTenant.runAs(company, () -> {
            work.run();
            return null;
        });
    }

    UUID measure(FiscalYear year, String name) {
        return as(() -> accounting.createMeasure(year, new HealthAccounting.MeasureCommand(name, "説明", PurposeCategory.POPULATION,
                Set.of(1), Set.of(), 10)));
    }

    int audits(String action) {
        return jdbc.queryForObject("select count(*) from plat_audit_event where tenant_id = ? and action = ?", Integer.class,
                company, action);
    }

    @Test
    void aYearsPolicyRecomputesThatYearOnlyAndTheAuditSaysHowMuch() {
        var time = new PersonnelTime(PersonnelRole.PARTICIPANT, new BigDecimal("2"), 10, Yen.of(2500), RateBasis.STANDARD_RATE);
        UUID thisYear = as(() -> accounting.addTimeLine(measure(FY, "研修"), new HealthAccounting.TimeCommand("受講", time, null)));
        UUID lastYear = as(() -> accounting.addTimeLine(measure(FY.previous(), "研修"), new HealthAccounting.TimeCommand("受講", time, null)));
        int recomputed = as(() -> years.changePolicy(FY, new HealthAccounting.PolicyView(true, Yen.of(5_000_000), 240, 300)));
        assertThat(recomputed).isEqualTo(1);
        assertThat(as(() -> accounting.line(thisYear)).orElseThrow().amount()).isEqualTo(Yen.of(50_000));
        assertThat(as(() -> accounting.line(lastYear)).orElseThrow().amount()).isEqualTo(Yen.ZERO);
        assertThat(jdbc.queryForObject("""
                select details->>'personnelAfter' from plat_audit_event where tenant_id = ? and action = 'ACC_POLICY_CHANGED'
                """, String.class, company)).isEqualTo("50000");
        assertThat(as(() -> years.policyOf(FY)).own()).isTrue();
        assertThat(as(() -> years.policyOf(FY.next())).carriedFrom()).isEqualTo(FY);
        // the disclosure states the policy it used
        var disclosure = as(() -> outputs.disclosure(FY, true));
        assertThat(disclosure.policy().policy().employeeCount()).isEqualTo(300);
        assertThat(disclosure.closed()).isNull();
    }

    @Test
    void aClosedYearRefusesEveryChangeAndReopeningIsAudited() {
        UUID m = measure(FY, "ウォーキング");
        UUID line = as(() -> accounting.addLine(m, new HealthAccounting.LineCommand("アプリ", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(100_000), "請求書")));
        UUID indicator = as(() -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("歩数", IndicatorTier.BEHAVIOUR,
                "歩", Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE)));
        UUID gym = as(() -> ledger.create(new HealthAccounting.FacilityCommand("ジム", new Depreciation(Yen.of(1_000_000),
                LocalDate.of(2024, 4, 1), 10, DepreciationMethod.STRAIGHT_LINE, BigDecimal.ONE, SharedUseBasis.USERS), null)));
        UUID depreciation = as(() -> accounting.addDepreciationLine(m, gym));
        var closed = as(() -> years.close(FY));
        assertThat(closed.version()).isEqualTo(1);
        assertThat(audits("ACC_YEAR_CLOSED")).isEqualTo(1);
        String closedKey = "accounting.year.closed";
        assertThatThrownBy(() -> as(() -> accounting.addLine(m, new HealthAccounting.LineCommand("景品", ExpenseType.OTHER,
                ResourceView.OTHER, Yen.of(1), null)))).hasMessage(closedKey);
        assertThatThrownBy(() -> run(() -> accounting.deleteLine(line))).hasMessage(closedKey);
        assertThatThrownBy(() -> run(() -> changes.changeLine(line, new HealthAccounting.LineCommand("アプリ", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(1), null)))).hasMessage(closedKey);
        assertThatThrownBy(() -> run(() -> accounting.allocate(line, AllocationRule.primaryOnly(indicator)))).hasMessage(closedKey);
        assertThatThrownBy(() -> run(() -> healthIndicators.setValue(indicator, FY, null, null, BigDecimal.ONE, null))).hasMessage(closedKey);
        assertThatThrownBy(() -> run(() -> years.changePolicy(FY, new HealthAccounting.PolicyView(true, Yen.of(1), 240, 1))))
                .hasMessage(closedKey);
        assertThatThrownBy(() -> as(() -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("新", null,
                PurposeCategory.POPULATION, Set.of(1), Set.of(), 1)))).hasMessage(closedKey);
        assertThatThrownBy(() -> as(() -> changes.deleteMeasure(m, 2))).hasMessage(closedKey);
        assertThatThrownBy(() -> run(() -> ledger.changeRounding(DepreciationRounding.UP))).hasMessage(closedKey);
        ImportResult imported = as(() -> imports.importLines(("年度,施策,明細,費用区分,投資資源,金額,根拠資料\n"
                + "2025,ウォーキング,景品,その他経費,その他,5000,領収書\n").getBytes(StandardCharsets.UTF_8), ImportResult.Duplicates.REFUSE));
        assertThat(imported.problems()).extracting(p -> p.row() + ":" + p.column() + ":" + p.messageKey())
                .containsExactly("2:年度:" + closedKey);
        assertThat(jdbc.queryForObject("select count(*) from acc_investment_line where tenant_id = ?", Integer.class, company)).isEqualTo(2);
        assertThat(as(() -> accounting.line(depreciation))).isPresent();
        // the next year is open
        assertThat(as(() -> accounting.createMeasure(FY.next(), new HealthAccounting.MeasureCommand("翌年", null,
                PurposeCategory.POPULATION, Set.of(1), Set.of(), 1)))).isNotNull();
        // reopening needs a reason, is audited, and the second close is version 2
        assertThatThrownBy(() -> run(() -> years.reopen(FY, " "))).hasMessage("accounting.year.reasonRequired");
        run(() -> years.reopen(FY, "監査指摘で金額訂正"));
        assertThat(jdbc.queryForObject("select details->>'reason' from plat_audit_event where tenant_id = ? and action = 'ACC_YEAR_REOPENED'",
                String.class, company)).isEqualTo("監査指摘で金額訂正");
        run(() -> changes.changeLine(line, new HealthAccounting.LineCommand("アプリ", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED,
                Yen.of(90_000), "請求書（訂正）")));
        assertThat(as(() -> years.close(FY)).version()).isEqualTo(2);
        assertThat(as(() -> outputs.disclosure(FY, true)).closed().version()).isEqualTo(2);
        // another company sees its own years only
        assertThat(CurrentTenant.runAs(accounts.tenant(TenantKind.COMPANY), () -> years.closed(FY))).isEmpty();
    }

    @Test
    void aMeasureDeletionSaysWhatGoesWithItAndAnIndicatorInUseStays() {
        UUID m = measure(FY, "禁煙");
        UUID indicator = as(() -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("喫煙率", IndicatorTier.BEHAVIOUR,
                "%", Direction.LOWER_IS_BETTER, null, null, BenefitKind.NONE)));
        UUID line = as(() -> accounting.addLine(m, new HealthAccounting.LineCommand("外来", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(300_000), null)));
        run(() -> accounting.allocate(line, AllocationRule.primaryOnly(indicator)));
        var preview = as(() -> changes.measureDeletion(m)).orElseThrow();
        assertThat(preview.lines()).isEqualTo(1);
        assertThat(preview.allocatedLines()).isEqualTo(1);
        assertThat(preview.total()).isEqualTo(Yen.of(300_000));
        assertThatThrownBy(() -> run(() -> changes.deleteIndicator(indicator))).hasMessage("accounting.indicator.allocated");
        assertThatThrownBy(() -> as(() -> changes.deleteMeasure(m, 0))).hasMessage("accounting.measure.changedSinceConfirmation");
        as(() -> changes.deleteMeasure(m, 1));
        assertThat(as(() -> accounting.measure(m))).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from acc_allocation where tenant_id = ?", Integer.class, company)).isZero();
        assertThat(audits("ACC_MEASURE_DELETED")).isEqualTo(1);
        run(() -> changes.changeIndicator(indicator, new HealthAccounting.IndicatorCommand("喫煙率（全社）", IndicatorTier.BEHAVIOUR,
                "%", Direction.LOWER_IS_BETTER, "問診票", "全従業員", BenefitKind.NONE)));
        assertThat(as(() -> healthIndicators.indicator(indicator)).orElseThrow().name()).isEqualTo("喫煙率（全社）");
        run(() -> changes.deleteIndicator(indicator));
        assertThat(as(() -> healthIndicators.indicator(indicator))).isEmpty();
        // another company cannot delete by id
        UUID other = accounts.tenant(TenantKind.COMPANY);
        UUID mine = measure(FY, "残す");
        assertThatThrownBy(() -> CurrentTenant.runAs(other, () -> changes.deleteMeasure(mine, 0))).hasMessage("accounting.notFound");
    }

    @Test
    void budgetsGoToTheNextYearOnlyWhenAskedAndTheAuditSaysWhich() throws Exception {
        UUID walking = measure(FY, "ウォーキング");
        run(() -> accounting.planBudget(walking, Yen.of(800_000)));
        assertThat(as(() -> years.copyToNext(FY))).isEqualTo(1);
        assertThat(as(() -> accounting.measures(FY.next()))).singleElement()
                .satisfies(m -> assertThat(m.budget()).as("a plan is made for its year").isNull());

        FiscalYear later = FY.next().next();
        UUID next = as(() -> accounting.measures(FY.next())).get(0).id();
        run(() -> accounting.planBudget(next, Yen.of(900_000)));
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        mvc.perform(post("/company/years/copy").with(csrf()).cookie(hr).param("year", String.valueOf(FY.next().startYear()))
                .param("withBudgets", "true")).andExpect(status().is3xxRedirection());
        assertThat(as(() -> accounting.measures(later))).singleElement()
                .satisfies(m -> assertThat(m.budget()).isEqualTo(Yen.of(900_000)));
    }

    @Test
    void aYearCopiesToTheNextAndThePagesCloseAndShowTheClosedVersion() throws Exception {
        measure(FY, "ウォーキング");
        measure(FY, "健診");
        measure(FY.next(), "健診");
        run(() -> years.changePolicy(FY, new HealthAccounting.PolicyView(true, Yen.of(5_500_000), 240, 120)));
        assertThat(as(() -> years.copyToNext(FY))).isEqualTo(1);
        assertThat(as(() -> accounting.measures(FY.next()))).extracting(HealthAccounting.MeasureView::name)
                .containsExactly("ウォーキング", "健診");
        assertThat(as(() -> years.policyOf(FY.next())).own()).isTrue();
        assertThat(as(() -> years.policyOf(FY.next())).policy().employeeCount()).isEqualTo(120);

        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        // closing asks for a confirmation first
        mvc.perform(post("/company/years/close").with(csrf()).cookie(hr).param("year", "2025")).andExpect(status().isOk());
        assertThat(as(() -> years.closed(FY))).isEmpty();
        mvc.perform(post("/company/years/close").with(csrf()).cookie(hr).param("year", "2025").param("confirmed", "true"))
                .andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/company/accounting-policy").param("year", "2025").cookie(hr)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("2025年度は確定済みです", "確定を解除する");
        String disclosure = mvc.perform(get("/company/disclosure").param("year", "2025").cookie(hr)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(disclosure).contains("確定版 第1版", "この報告で使った会計方針（2025年度）", "5,500,000円", "従業員数 120人");
        Cookie viewer = Accounts.signIn(mvc, accounts.user(company, Role.COMPANY_VIEWER).email());
        mvc.perform(post("/company/years/reopen").with(csrf()).cookie(viewer).param("year", "2025").param("reason", "x"))
                .andExpect(status().isForbidden());
        assertThat(as(() -> years.closed(FY))).isPresent();
    }
}
