package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.depreciation.SharedUseBasis;
import jp.hip.accounting.imports.AccountingImports;
import jp.hip.accounting.imports.ImportResult;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.accounting.resources.HealthResources;
import jp.hip.accounting.resources.ResourceKind;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** Outputs that do not mislead: paged lines, the guideline's tier order, 「データなし」, resources as of the year's end. */
@PlatformTest
class AccountingOutputsTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthIndicators healthIndicators;

    @Autowired
    jp.hip.accounting.outputs.AccountingOutputs outputs;

    @Autowired
    HealthResources healthResources;

    @Autowired
    AccountingImports imports;

    @Autowired
    Accounts accounts;

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

    @Test
    void aMeasuresLinesArePagedWithTotalsOfAllLines() throws Exception {
        UUID m = as(() -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("大量", null, PurposeCategory.POPULATION,
                Set.of(1), Set.of(), 1)));
        StringBuilder csv = new StringBuilder("年度,施策,明細,費用区分,投資資源,金額,根拠資料\n");
        for (int i = 0; i < 250; i++) {
            csv.append("2025,大量,明細").append(i).append(",外注費,外注,1000,伝票").append(i).append('\n');
        }
        assertThat(as(() -> imports.importLines(csv.toString().getBytes(StandardCharsets.UTF_8), ImportResult.Duplicates.REFUSE))
                .rowsWritten()).isEqualTo(250);
        var first = as(() -> accounting.measurePage(m, 1, 100)).orElseThrow();
        assertThat(first.detail().lines()).hasSize(100);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.detail().measure().total()).isEqualTo(Yen.of(250_000));
        assertThat(as(() -> accounting.measurePage(m, 99, 100)).orElseThrow().page()).isEqualTo(3);
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        String page = mvc.perform(get("/company/measures/" + m).param("page", "3").cookie(hr)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("3 / 3 ページ（明細 250 件）", "250,000円");
        assertThat(page.split("id=\"line-", -1)).hasSize(51);
    }

    @Test
    void tiersFollowTheGuidelinesOrderAndAMissingYearIsNoData() throws Exception {
        for (var t : new IndicatorTier[] {IndicatorTier.SOCIAL_VALUE, IndicatorTier.FINAL, IndicatorTier.CORPORATE_VALUE,
                IndicatorTier.BEHAVIOUR, IndicatorTier.PARTICIPATION}) {
            as(() -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("指標" + t.ordinal(), t, "%",
                    Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE)));
        }
        assertThat(as(() -> healthIndicators.indicators())).extracting(HealthAccounting.IndicatorView::tier).containsExactly(
                IndicatorTier.PARTICIPATION, IndicatorTier.BEHAVIOUR, IndicatorTier.FINAL, IndicatorTier.CORPORATE_VALUE,
                IndicatorTier.SOCIAL_VALUE);
        UUID m = as(() -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("健診", null, PurposeCategory.POPULATION,
                Set.of(1), Set.of(), 1)));
        as(() -> accounting.addLine(m, new HealthAccounting.LineCommand("健診費", ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED,
                Yen.of(500_000), null)));
        assertThat(as(() -> accounting.analysis(FY, true)).previousYearHasData()).isFalse();
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        String analyses = mvc.perform(get("/company/analyses").param("year", "2025").cookie(hr)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(analyses).contains("データなし");
        // a previous year with a measure but 0円 is data: 0円, not データなし
        as(() -> accounting.createMeasure(FY.previous(), new HealthAccounting.MeasureCommand("健診", null, PurposeCategory.POPULATION,
                Set.of(1), Set.of(), 1)));
        assertThat(as(() -> accounting.analysis(FY, true)).previousYearHasData()).isTrue();
    }

    @Test
    void theDisclosureShowsResourcesAsOfTheYearsEnd() {
        as(() -> accounting.createFacility(new HealthAccounting.FacilityCommand("旧ジム", new Depreciation(Yen.of(1_000_000),
                LocalDate.of(2020, 4, 1), 10, DepreciationMethod.STRAIGHT_LINE, BigDecimal.ONE, SharedUseBasis.USERS), null)));
        as(() -> accounting.createFacility(new HealthAccounting.FacilityCommand("新ジム", new Depreciation(Yen.of(1_000_000),
                LocalDate.of(2026, 4, 1), 10, DepreciationMethod.STRAIGHT_LINE, BigDecimal.ONE, SharedUseBasis.USERS), null)));
        as(() -> healthResources.addResource(new HealthResources.ResourceCommand("産業医", ResourceKind.HUMAN_TANGIBLE, BigDecimal.ONE,
                "人", LocalDate.of(2026, 3, 31), null)));
        as(() -> healthResources.addResource(new HealthResources.ResourceCommand("保健師", ResourceKind.HUMAN_TANGIBLE, BigDecimal.ONE,
                "人", LocalDate.of(2026, 4, 1), null)));
        var d = as(() -> outputs.disclosure(FY, true));
        assertThat(d.facilities()).extracting(HealthAccounting.FacilityView::name).containsExactly("旧ジム");
        assertThat(d.resources()).extracting(HealthResources.HealthResourceView::name).containsExactly("産業医");
    }

    @Test
    void anIndicatorIsEditedAndDeletedOnItsPagesAfterConfirmation() throws Exception {
        UUID i = as(() -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("喫煙率", IndicatorTier.BEHAVIOUR, "%",
                Direction.LOWER_IS_BETTER, null, null, BenefitKind.NONE)));
        Cookie hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        assertThat(mvc.perform(get("/company/indicators/" + i + "/edit").cookie(hr)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).contains("value=\"喫煙率\"");
        String refused = mvc.perform(post("/company/indicators/" + i + "/edit").with(csrf()).cookie(hr).param("name", "")
                .param("tier", "BEHAVIOUR").param("unit", "%").param("direction", "LOWER_IS_BETTER").param("benefitKind", "NONE"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("has-error");
        mvc.perform(post("/company/indicators/" + i + "/edit").with(csrf()).cookie(hr).param("name", "喫煙率（全社）")
                .param("tier", "BEHAVIOUR").param("unit", "%").param("direction", "LOWER_IS_BETTER").param("benefitKind", "NONE"))
                .andExpect(status().is3xxRedirection());
        assertThat(as(() -> healthIndicators.indicator(i)).orElseThrow().name()).isEqualTo("喫煙率（全社）");
        assertThat(mvc.perform(get("/company/indicators/" + i + "/delete").cookie(hr)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).contains("喫煙率（全社）", "/company/indicators/" + i + "/delete");
        mvc.perform(post("/company/indicators/" + i + "/delete").with(csrf()).cookie(hr)).andExpect(status().is3xxRedirection());
        assertThat(as(() -> healthIndicators.indicator(i))).isEmpty();
    }
}
