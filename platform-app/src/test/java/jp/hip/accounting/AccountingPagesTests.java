package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
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

/** HR staff enter measures, lines and allocations in the browser; viewers read; other companies see nothing. */
@PlatformTest
class AccountingPagesTests {

    static final FiscalYear FY = FiscalYear.current();

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    HealthAccounting accounting;

    @Autowired
    HealthIndicators healthIndicators;

    Accounts.Account hr;
    Accounts.Account viewer;
    Accounts.Account otherHr;

    @BeforeEach
    void company() {
        UUID company = accounts.tenant(TenantKind.COMPANY);
        hr = accounts.user(company, Role.HR_STAFF);
        viewer = accounts.user(company, Role.COMPANY_VIEWER);
        otherHr = accounts.user(accounts.tenant(TenantKind.COMPANY), Role.HR_STAFF);
    }

    String page(Cookie session, String path) throws Exception {
        return mvc.perform(get(path).cookie(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    UUID createMeasure(Cookie session) throws Exception {
        String location = mvc.perform(post("/company/measures").with(csrf()).cookie(session)
                        .param("year", Integer.toString(FY.startYear()))
                        .param("name", "ウォーキングキャンペーン").param("purpose", "POPULATION")
                        .param("issues", "1", "4").param("participants", "200"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        // followed as a browser does, which shows (and uses up) the success message
        assertThat(page(session, location)).contains("施策を追加しました。");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void hrEntersAMeasureWithLinesAndAnAllocationAndSeesTheTotalsAndChart() throws Exception {
        Cookie session = Accounts.signIn(mvc, hr.email());
        UUID measure = createMeasure(session);
        mvc.perform(post("/company/measures/{id}/lines", measure).with(csrf()).cookie(session)
                        .param("description", "歩数計アプリ").param("expenseType", "OUTSOURCING").param("resourceView", "OUTSOURCED")
                        .param("amount", "1,234,567").param("sourceDocument", "請求書 A-1"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/company/measures/{id}/time-lines", measure).with(csrf()).cookie(session)
                        .param("description", "推進担当の準備").param("role", "PROMOTION_STAFF").param("hours", "10")
                        .param("persons", "2").param("rate", "3,000").param("basis", "STANDARD_RATE"))
                .andExpect(status().is3xxRedirection());
        UUID steps = CurrentTenant.runAs(hr.tenantId(), () -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand(
                "平均歩数", IndicatorTier.BEHAVIOUR, "歩", Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE)));
        UUID weight = CurrentTenant.runAs(hr.tenantId(), () -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand(
                "適正体重維持者率", IndicatorTier.FINAL, "%", Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE)));
        var line = CurrentTenant.runAs(hr.tenantId(), () -> accounting.measure(measure)).orElseThrow().lines().get(0);
        mvc.perform(post("/company/lines/{id}/allocation", line.id()).with(csrf()).cookie(session).param("mode", "RATIOS")
                        .param("indicators", steps.toString(), weight.toString(), "", "").param("ratios", "60%", "0.4", "", ""))
                .andExpect(status().is3xxRedirection());

        String detail = page(session, "/company/measures/" + measure);
        assertThat(detail).contains("1,234,567円", "60,000円", "1,294,567円", "平均歩数", "<svg", "推進担当");
        String home = page(session, "/company");
        assertThat(home).contains("id=\"home-totals\"", "1,234,567円", "60,000円", "1,294,567円", "class=\"acc-chart\"");
        var allocations = CurrentTenant.runAs(hr.tenantId(), () -> accounting.line(line.id())).orElseThrow().allocations();
        assertThat(allocations).extracting(HealthAccounting.AllocationView::ratio)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("0.6"), new BigDecimal("0.4"));
        assertThat(page(session, "/company/analyses")).contains("1,294,567円", "<svg");
    }

    @Test
    void badAmountShowsAMessageAndWritesNothing() throws Exception {
        Cookie session = Accounts.signIn(mvc, hr.email());
        UUID measure = createMeasure(session);
        String body = mvc.perform(post("/company/measures/{id}/lines", measure).with(csrf()).cookie(session)
                        .param("description", "景品").param("expenseType", "OTHER").param("resourceView", "OTHER").param("amount", "-500"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("金額にマイナスは入力できません。").contains("value=\"-500\"");
        assertThat(CurrentTenant.runAs(hr.tenantId(), () -> accounting.measure(measure)).orElseThrow().lines()).isEmpty();
    }

    @Test
    void ratiosThatDoNotSumToOneAreRejectedAndTheAllocationStays() throws Exception {
        Cookie session = Accounts.signIn(mvc, hr.email());
        UUID measure = createMeasure(session);
        UUID line = CurrentTenant.runAs(hr.tenantId(), () -> accounting.addLine(measure, new HealthAccounting.LineCommand("x",
                ExpenseType.OTHER, ResourceView.OTHER, Yen.of(100), null)));
        UUID a = CurrentTenant.runAs(hr.tenantId(), () -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand(
                "A", IndicatorTier.FINAL, "%", Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE)));
        UUID b = CurrentTenant.runAs(hr.tenantId(), () -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand(
                "B", IndicatorTier.FINAL, "%", Direction.HIGHER_IS_BETTER, null, null, BenefitKind.NONE)));
        String refused = mvc.perform(post("/company/lines/{id}/allocation", line).with(csrf()).cookie(session).param("mode", "RATIOS")
                        .param("indicators", a.toString(), b.toString()).param("ratios", "0.5", "0.4"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(CurrentTenant.runAs(hr.tenantId(), () -> accounting.line(line)).orElseThrow().allocations()).isEmpty();
        // beside the ratios of that line's section, open, with the input kept
        assertThat(refused).contains("按分の比率：按分の比率の合計がちょうど1（100%）になっていません。", "value=\"0.4\"")
                .containsPattern("<details class=\"acc-form\" open[^>]*>\\s*<summary>按分を設定");
    }

    @Test
    void aViewerReadsButCannotWrite() throws Exception {
        UUID measure = CurrentTenant.runAs(hr.tenantId(), () -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand(
                "健診後フォロー", null, PurposeCategory.HIGH_RISK, Set.of(2), Set.of(), 30)));
        Cookie session = Accounts.signIn(mvc, viewer.email());
        assertThat(page(session, "/company/measures")).contains("健診後フォロー");
        assertThat(page(session, "/company/measures/" + measure)).contains("健診後フォロー").doesNotContain("/time-lines").doesNotContain("/allocation");
        page(session, "/company/analyses");
        mvc.perform(post("/company/measures/{id}/lines", measure).with(csrf()).cookie(session)
                        .param("description", "x").param("expenseType", "OTHER").param("resourceView", "OTHER").param("amount", "1"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/company/measures").with(csrf()).cookie(session).param("year", "2025").param("name", "x")
                .param("purpose", "LITERACY").param("issues", "1")).andExpect(status().isForbidden());
        assertThat(CurrentTenant.runAs(hr.tenantId(), () -> accounting.measures(FY))).hasSize(1);
    }

    @Test
    void anotherCompanysMeasureAndLineAreNotFoundByUrl() throws Exception {
        UUID measure = CurrentTenant.runAs(hr.tenantId(), () -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand(
                "秘密の施策", null, PurposeCategory.LITERACY, Set.of(3), Set.of(), 10)));
        UUID line = CurrentTenant.runAs(hr.tenantId(), () -> accounting.addLine(measure, new HealthAccounting.LineCommand("講師料",
                ExpenseType.OUTSOURCING, ResourceView.OUTSOURCED, Yen.of(500_000), null)));
        Cookie session = Accounts.signIn(mvc, otherHr.email());
        mvc.perform(get("/company/measures/{id}", measure).cookie(session)).andExpect(status().isNotFound());
        mvc.perform(post("/company/measures/{id}/lines", measure).with(csrf()).cookie(session)
                        .param("description", "x").param("expenseType", "OTHER").param("resourceView", "OTHER").param("amount", "1"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/company/lines/{id}/delete", line).with(csrf()).cookie(session)).andExpect(status().isNotFound());
        mvc.perform(post("/company/lines/{id}/allocation", line).with(csrf()).cookie(session).param("mode", "PRIMARY")
                .param("primary", UUID.randomUUID().toString())).andExpect(status().isNotFound());
        assertThat(page(session, "/company/measures")).doesNotContain("秘密の施策");
        assertThat(page(session, "/company")).doesNotContain("500,000円");
        assertThat(CurrentTenant.runAs(hr.tenantId(), () -> accounting.measure(measure)).orElseThrow().lines()).hasSize(1);
    }

    @Test
    void downloadsAreTheSurveyCsvWithBomAndTheWorkbook() throws Exception {
        Cookie session = Accounts.signIn(mvc, viewer.email());
        var csv = mvc.perform(get("/company/outputs/survey.csv").cookie(session)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(csv.getContentType()).startsWith("text/csv");
        assertThat(csv.getContentAsByteArray()[0]).isEqualTo((byte) 0xEF);
        assertThat(csv.getHeader("Content-Disposition")).contains("attachment");
        var xlsx = mvc.perform(get("/company/outputs/workbook.xlsx").cookie(session)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(xlsx.getContentAsByteArray()).startsWith(0x50, 0x4B); // zip
    }

    @Test
    void everyAccountingPageRenders() throws Exception {
        Cookie session = Accounts.signIn(mvc, hr.email());
        for (String path : new String[] {"/company/measures", "/company/measures/new", "/company/indicators", "/company/facilities",
                "/company/resources", "/company/analyses", "/company/outputs", "/company/accounting-policy", "/company"}) {
            page(session, path);
        }
        mvc.perform(post("/company/facilities").with(csrf()).cookie(session).param("name", "健康相談室").param("cost", "1,200,000")
                .param("acquiredOn", "2024/4/1").param("life", "10").param("method", "STRAIGHT_LINE").param("ratio", "50%")
                .param("basis", "FLOOR_AREA")).andExpect(status().is3xxRedirection());
        assertThat(page(session, "/company/facilities?year=2024")).contains("健康相談室", "60,000円");
    }
}
