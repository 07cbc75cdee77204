package jp.hip.accounting;

import static jp.hip.accounting.AccountingFormsTests.body;
import static jp.hip.accounting.AccountingFormsTests.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.depreciation.AssetClass;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationMethod;
import jp.hip.accounting.depreciation.SharedUseBasis;
import jp.hip.accounting.facilities.FacilityLedger;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.ledger.ResourceView;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/**
 * The measure page's last two forms as records (issue 15, ADR 0107), a line's 按分 and a facility's depreciation share,
 * and its 予算 form.
 * Empty, too long, wrong format, full-width and out-of-range input, each answered by field (rows named), in a section
 * shown open, the input kept and nothing changed; a success message when saved.
 */
@PlatformTest
class AllocationFormsTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired HealthAccounting accounting;
    @Autowired HealthIndicators healthIndicators;
    @Autowired FacilityLedger ledger;

    UUID company;
    Cookie hr;
    UUID measure;
    UUID line;
    UUID steps;
    UUID weight;

    @BeforeEach
    void company() throws Exception {
        company = accounts.tenant(TenantKind.COMPANY);
        hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        measure = as(() -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("ウォーキング", null,
                PurposeCategory.LITERACY, Set.of(1), Set.of(), 10)));
        line = as(() -> accounting.addLine(measure, new HealthAccounting.LineCommand("アプリ", ExpenseType.OUTSOURCING,
                ResourceView.OUTSOURCED, Yen.of(100_000), null)));
        steps = as(() -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("平均歩数", IndicatorTier.BEHAVIOUR, "歩",
                Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE)));
        weight = as(() -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("適正体重維持者率", IndicatorTier.FINAL, "%",
                Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE)));
    }

    <T> T as(java.util.function.Supplier<T> work) {
        return CurrentTenant.runAs(company, work);
    }

    MvcResult allocate(String mode, String primary, String[] indicators, String[] ratios) throws Exception {
        MockHttpServletRequestBuilder request = post("/company/lines/{id}/allocation", line).with(csrf()).cookie(hr).param("mode", mode);
        if (primary != null) {
            request = request.param("primary", primary);
        }
        if (indicators != null) {
            request = request.param("indicators", indicators).param("ratios", ratios);
        }
        return mvc.perform(request).andReturn();
    }

    java.util.List<HealthAccounting.AllocationView> allocations() {
        return as(() -> accounting.line(line)).orElseThrow().allocations();
    }

    static void shownOpen(MvcResult result) throws Exception {
        assertThat(body(result)).as("the refused line's section is open, its errors never collapsed")
                .containsPattern("<details class=\"acc-form\" open[^>]*>\\s*<summary>按分を設定")
                .contains("入力内容を確認してください。");
    }

    @Test
    void anAllocationAnswersEveryRowByFieldAndKeepsTheInput() throws Exception {
        String s = steps.toString();
        String w = weight.toString();
        // empty: no mode, no indicator
        assertThat(errors(allocate("", null, null, null), "allocationForm")).isEqualTo(Map.of("mode", "accounting.allocation.mode.required"));
        assertThat(errors(allocate("PRIMARY", "", null, null), "allocationForm"))
                .isEqualTo(Map.of("primary", "accounting.allocation.indicatorRequired"));
        var none = allocate("RATIOS", null, new String[] {"", ""}, new String[] {"", ""});
        assertThat(errors(none, "allocationForm")).isEqualTo(Map.of("indicators", "accounting.allocation.empty"));
        shownOpen(none);

        // wrong format, out of range and a row half filled, all at once, each row by number
        var bad = allocate("RATIOS", null, new String[] {s, "not-an-id", w, ""}, new String[] {"六割", "0.2", "150%", "0.3"});
        assertThat(errors(bad, "allocationForm")).isEqualTo(Map.of(
                "indicators", "accounting.allocation.row.indicatorUnknown,accounting.allocation.row.indicatorRequired",
                "ratios", "accounting.allocation.row.ratioFormat,accounting.allocation.row.ratioRange"));
        assertThat(body(bad)).contains("按分の比率：1行目：比率は 0.6 または 60% の形で入力してください。",
                "按分先の指標：4行目：比率を入力した行の指標を選んでください。", "value=\"六割\"", "value=\"150%\"");
        shownOpen(bad);
        assertThat(errors(allocate("RATIOS", null, new String[] {s, w}, new String[] {"0", "0.1234567"}), "allocationForm"))
                .isEqualTo(Map.of("ratios", "accounting.allocation.row.ratioRange,accounting.allocation.row.ratioScale"));
        // too many rows
        assertThat(errors(allocate("RATIOS", null, new String[] {s, w, "", "", ""}, new String[] {"0.5", "0.5", "", "", ""}),
                "allocationForm")).isEqualTo(Map.of("indicators", "accounting.allocation.tooManyRows", "ratios", "accounting.allocation.tooManyRows"));
        // the domain's rules, beside their field
        assertThat(errors(allocate("RATIOS", null, new String[] {s, s}, new String[] {"0.5", "0.5"}), "allocationForm"))
                .isEqualTo(Map.of("indicators", "accounting.allocation.duplicate"));
        assertThat(errors(allocate("PRIMARY", UUID.randomUUID().toString(), null, null), "allocationForm"))
                .isEqualTo(Map.of("primary", "accounting.allocation.indicatorUnknown"));
        assertThat(allocations()).as("nothing changed").isEmpty();

        // full width: ６０％ and ０．４
        var saved = allocate("RATIOS", null, new String[] {s, w, "", ""}, new String[] {"６０％", "０．４", "", ""});
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        assertThat(saved.getFlashMap().get("done")).isEqualTo("accounting.allocation.saved");
        assertThat(saved.getResponse().getRedirectedUrl()).endsWith("#line-" + line);
        assertThat(allocations()).extracting(HealthAccounting.AllocationView::ratio).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyInAnyOrder(new BigDecimal("0.6"), new BigDecimal("0.4"));
        // the plain page keeps every section closed
        assertThat(mvc.perform(get("/company/measures/" + measure).cookie(hr)).andReturn().getResponse().getContentAsString())
                .doesNotContainPattern("<details class=\"acc-form\" open[^>]*>\\s*<summary>按分を設定");
    }

    @Test
    void aDepreciationShareAnswersByFieldAndSaysWhatIsLeft() throws Exception {
        UUID gym = as(() -> ledger.create(new HealthAccounting.FacilityCommand("フィットネスルーム", new Depreciation(Yen.of(1_000_000),
                LocalDate.of(2025, 4, 1), 10, DepreciationMethod.STRAIGHT_LINE, AssetClass.EQUIPMENT, BigDecimal.ONE,
                SharedUseBasis.FLOOR_AREA), null)));
        String path = "/company/measures/" + measure + "/depreciation-lines";
        var empty = mvc.perform(post(path).with(csrf()).cookie(hr).param("facilityId", "").param("share", "")).andReturn();
        assertThat(errors(empty, "depreciationForm")).isEqualTo(Map.of("facilityId", "accounting.facility.choose"));
        assertThat(body(empty)).contains("<details class=\"acc-form\" id=\"depreciation-section\" open", "施設：施設を一覧から選んでください。");

        var bad = mvc.perform(post(path).with(csrf()).cookie(hr).param("facilityId", "gym").param("share", "半分")).andReturn();
        assertThat(errors(bad, "depreciationForm")).isEqualTo(Map.of("facilityId", "typeMismatch", "share", "typeMismatch"));
        assertThat(body(bad)).contains("value=\"半分\"");
        for (String outOfRange : new String[] {"150%", "0", "-10%", "0.1234567"}) {
            var refused = mvc.perform(post(path).with(csrf()).cookie(hr).param("facilityId", gym.toString()).param("share", outOfRange))
                    .andReturn();
            assertThat(errors(refused, "depreciationForm")).as(outOfRange).isEqualTo(Map.of("share", "accounting.facility.shareInvalid"));
        }
        assertThat(errors(mvc.perform(post(path).with(csrf()).cookie(hr).param("facilityId", gym.toString()).param("share", "9".repeat(40)))
                .andReturn(), "depreciationForm")).as("too long").containsOnlyKeys("share");
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines()).as("nothing changed").hasSize(1);

        var saved = mvc.perform(post(path).with(csrf()).cookie(hr).param("facilityId", gym.toString()).param("share", "７０％")).andReturn();
        assertThat(saved.getFlashMap().get("done")).isEqualTo("accounting.line.added");
        var over = mvc.perform(post(path).with(csrf()).cookie(hr).param("facilityId", gym.toString()).param("share", "50%")).andReturn();
        assertThat(errors(over, "depreciationForm")).isEqualTo(Map.of("share", "accounting.facility.shareExceeded"));
        assertThat(body(over)).contains("この施策の按分割合：この施設のこの年度の減価償却費は、施策への按分割合の合計が100%を超えます。残りは30%です。");
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines()).hasSize(2);
    }

    @Test
    void aBudgetAnswersByFieldReadsFullWidthYenAndChangesNothingWhenRefused() throws Exception {
        String path = "/company/measures/" + measure + "/budget";
        for (String[] refusal : new String[][] {{"百万円", "typeMismatch"}, {"1,00,000", "typeMismatch"}, {"-1", "accounting.yen.negative"},
            {"1,000,000,000,000", "accounting.yen.tooLarge"}, {"9".repeat(40), "typeMismatch"}}) {
            var refused = mvc.perform(post(path).with(csrf()).cookie(hr).param("budget", refusal[0])).andReturn();
            assertThat(errors(refused, "budgetForm")).as(refusal[0]).isEqualTo(Map.of("budget", refusal[1]));
            assertThat(body(refused)).contains("予算：", "value=\"" + refusal[0] + "\"");
        }
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().measure().budget()).as("nothing changed").isNull();
        var saved = mvc.perform(post(path).with(csrf()).cookie(hr).param("budget", "１，２００，０００円")).andReturn();
        assertThat(saved.getFlashMap().get("done")).isEqualTo("accounting.measure.budget.saved");
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().measure().budget()).isEqualTo(Yen.of(1_200_000));
        // empty clears the plan, and says so
        assertThat(mvc.perform(post(path).with(csrf()).cookie(hr).param("budget", "")).andReturn().getFlashMap().get("done"))
                .isEqualTo("accounting.measure.budget.cleared");
    }
}
