package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.facilities.FacilityLedger;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.resources.HealthResources;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/**
 * Accounting's forms as validated records (issue 15 item 2, ADR 0097, 0087): empty, too long, wrong format, full-width
 * and out-of-range input, each answered by field at once, named in the summary, the input kept and nothing changed;
 * a success message after create and update.
 */
@PlatformTest
class AccountingFormsTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired HealthAccounting accounting;
    @Autowired HealthIndicators healthIndicators;
    @Autowired FacilityLedger ledger;
    @Autowired HealthResources resources;
    @Autowired AccountingYears years;

    UUID company;
    Cookie hr;
    UUID measure;

    @BeforeEach
    void company() throws Exception {
        company = accounts.tenant(TenantKind.COMPANY);
        hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        measure = as(() -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("ウォーキング", null,
                PurposeCategory.LITERACY, Set.of(1), Set.of(), 10)));
    }

    <T> T as(java.util.function.Supplier<T> work) {
        return CurrentTenant.runAs(company, work);
    }

    MvcResult send(String path, String... namesAndValues) throws Exception {
        MockHttpServletRequestBuilder request = post(path).with(csrf()).cookie(hr);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            request = request.param(namesAndValues[i], namesAndValues[i + 1]);
        }
        return mvc.perform(request).andReturn();
    }

    /** The refused form's errors as field → message key (typeMismatch for unreadable input), the page shown again. */
    static Map<String, String> errors(MvcResult result, String form) {
        assertThat(result.getResponse().getStatus()).as("the page again, not a redirect").isEqualTo(200);
        BindingResult binding = (BindingResult) result.getModelAndView().getModel().get(BindingResult.MODEL_KEY_PREFIX + form);
        assertThat(binding).as(form).isNotNull();
        Map<String, String> errors = new TreeMap<>();
        for (FieldError e : binding.getFieldErrors()) {
            String code = e.isBindingFailure() ? "typeMismatch"
                    : e.contains(jakarta.validation.ConstraintViolation.class)
                            ? e.unwrap(jakarta.validation.ConstraintViolation.class).getMessageTemplate().replaceAll("[{}]", "")
                            : e.getCode();
            errors.merge(e.getField(), code, (a, b) -> a + "," + b);
        }
        return errors;
    }

    static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString();
    }

    // ---- measures ----

    @Test
    void measureFormAnswersEveryFieldAtOnceKeepsTheInputAndSaysWhenCreated() throws Exception {
        var empty = send("/company/measures", "year", "2025", "name", "", "description", "", "purpose", "", "participants", "");
        assertThat(errors(empty, "form")).isEqualTo(Map.of("name", "accounting.measure.name.required",
                "purpose", "accounting.measure.purpose.required", "issues", "accounting.measure.issues.required"));
        assertThat(body(empty)).contains("目的：目的を選んでください。", "健康課題：健康課題を1つ以上選んでください。");

        String longName = "施".repeat(201);
        var bad = send("/company/measures", "year", "2025", "name", longName, "description", "x".repeat(2001), "purpose", "SPACESHIP",
                "issues", "10", "participants", "12人");
        assertThat(errors(bad, "form")).isEqualTo(Map.of("name", "validation.tooLong", "description", "validation.tooLong",
                "purpose", "typeMismatch", "issues", "accounting.measure.issues.unknown", "participants", "typeMismatch"));
        assertThat(body(bad)).contains(longName, "12人");

        var negative = send("/company/measures", "year", "2025", "name", "健診", "purpose", "LITERACY", "issues", "1",
                "participants", "-1");
        assertThat(errors(negative, "form")).isEqualTo(Map.of("participants", "accounting.measure.participants.invalid"));
        assertThat(as(() -> accounting.measures(FY))).hasSize(1);

        // full-width digits are read as digits
        var created = send("/company/measures", "year", "2025", "name", "健診", "purpose", "LITERACY", "issues", "1",
                "participants", "１２０");
        assertThat(created.getResponse().getStatus()).isEqualTo(302);
        assertThat(created.getFlashMap().get("done")).isEqualTo("accounting.measure.created");
        assertThat(as(() -> accounting.measures(FY))).extracting(HealthAccounting.MeasureView::participants).contains(120);
    }

    @Test
    void measureEditKeepsTheInputAfterAnErrorAndSaysWhenChanged() throws Exception {
        var bad = send("/company/measures/" + measure + "/edit", "name", "", "purpose", "LITERACY", "issues", "1", "participants", "5");
        assertThat(errors(bad, "form")).containsOnlyKeys("name");
        mvc.perform(post("/company/measures/" + measure + "/edit").with(csrf()).cookie(hr).param("name", "ウォーキング2")
                .param("purpose", "LITERACY").param("issues", "1", "3").param("participants", "5"))
                .andExpect(flash().attribute("done", "accounting.measure.changed"));
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().measure().name()).isEqualTo("ウォーキング2");
        mvc.perform(get("/company/measures/not-a-uuid/edit").cookie(hr)).andExpect(status().isNotFound());
    }

    // ---- lines and time ----

    @Test
    void lineFormAnswersByFieldReadsFullWidthYenAndRefusesOutOfRange() throws Exception {
        String path = "/company/measures/" + measure + "/lines";
        var empty = send(path, "description", "", "expenseType", "", "resourceView", "", "amount", "", "sourceDocument", "");
        assertThat(errors(empty, "lineForm")).isEqualTo(Map.of("description", "accounting.line.description.required",
                "expenseType", "accounting.line.expenseType.required", "resourceView", "accounting.line.resourceView.required",
                "amount", "validation.required"));
        assertThat(body(empty)).contains("費用区分：費用区分を選んでください。");

        var bad = send(path, "description", "明".repeat(501), "expenseType", "OUTSOURCING", "resourceView", "OUTSOURCED",
                "amount", "1,23,4", "sourceDocument", "資".repeat(501));
        assertThat(errors(bad, "lineForm")).isEqualTo(Map.of("description", "validation.tooLong", "amount", "typeMismatch",
                "sourceDocument", "accounting.line.sourceDocument.tooLong"));
        assertThat(body(bad)).contains("1,23,4");

        var range = send(path, "description", "講師料", "expenseType", "OUTSOURCING", "resourceView", "OUTSOURCED",
                "amount", "1,000,000,000,000");
        assertThat(errors(range, "lineForm")).isEqualTo(Map.of("amount", "accounting.yen.tooLarge"));
        var negative = send(path, "description", "講師料", "expenseType", "OUTSOURCING", "resourceView", "OUTSOURCED", "amount", "-5");
        assertThat(errors(negative, "lineForm")).isEqualTo(Map.of("amount", "accounting.yen.negative"));
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().lines()).isEmpty();

        var added = send(path, "description", "講師料", "expenseType", "OUTSOURCING", "resourceView", "OUTSOURCED",
                "amount", "１２３４５６７円");
        assertThat(added.getFlashMap().get("done")).isEqualTo("accounting.line.added");
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().measure().total()).isEqualTo(Yen.of(1_234_567));
    }

    @Test
    void aRefusedTimeEntryShowsItsSectionOpenWithEveryError() throws Exception {
        String path = "/company/measures/" + measure + "/time-lines";
        var result = send(path, "description", "", "role", "", "hours", "十時間", "persons", "0", "rate", "abc", "basis", "");
        assertThat(errors(result, "timeForm")).isEqualTo(Map.of("role", "accounting.time.incomplete", "hours", "typeMismatch",
                "persons", "accounting.time.personsInvalid", "rate", "typeMismatch", "basis", "accounting.time.incomplete"));
        // the error is never inside a collapsed section
        assertThat(body(result)).containsPattern("<details class=\"acc-form\" id=\"time-section\" open");
        assertThat(body(result)).contains("十時間");
        var fine = send(path, "description", "準備", "role", "PROMOTION_STAFF", "hours", "１．５".replace("．", "."), "persons", "２",
                "rate", "３，０００", "basis", "STANDARD_RATE");
        assertThat(fine.getFlashMap().get("done")).isEqualTo("accounting.line.added");
        assertThat(as(() -> accounting.measure(measure)).orElseThrow().measure().total()).isEqualTo(Yen.of(9_000));
        // the plain page keeps it closed
        assertThat(mvc.perform(get("/company/measures/" + measure).cookie(hr)).andReturn().getResponse().getContentAsString())
                .contains("<details class=\"acc-form\" id=\"time-section\">");
    }

    // ---- facilities ----

    @Test
    void facilityFormAnswersEveryFieldAtOnceAndReadsFullWidthDatesAndPercentages() throws Exception {
        var empty = send("/company/facilities", "name", "", "cost", "", "acquiredOn", "", "life", "", "method", "STRAIGHT_LINE",
                "assetClass", "EQUIPMENT", "ratio", "", "basis", "FLOOR_AREA", "note", "");
        assertThat(errors(empty, "form")).isEqualTo(Map.of("name", "accounting.facility.name.required", "cost", "validation.required",
                "acquiredOn", "validation.required", "life", "validation.required", "ratio", "validation.required"));
        var bad = send("/company/facilities", "name", "ジ".repeat(201), "cost", "百万円", "acquiredOn", "2025-13-40", "life", "60",
                "method", "STRAIGHT_LINE", "assetClass", "EQUIPMENT", "ratio", "150%", "basis", "FLOOR_AREA", "note", "n".repeat(1001));
        assertThat(errors(bad, "form")).isEqualTo(Map.of("name", "validation.tooLong", "cost", "typeMismatch",
                "acquiredOn", "typeMismatch", "life", "accounting.facility.lifeInvalid", "ratio", "accounting.facility.ratioInvalid",
                "note", "validation.tooLong"));
        assertThat(body(bad)).contains("2025-13-40", "百万円");
        assertThat(as(() -> ledger.facilities(FY))).isEmpty();

        var created = send("/company/facilities", "name", "フィットネスルーム", "cost", "１，０００，０００円", "acquiredOn", "２０２５／４／１",
                "life", "１０", "method", "STRAIGHT_LINE", "assetClass", "EQUIPMENT", "ratio", "５０％", "basis", "FLOOR_AREA", "note", "");
        assertThat(created.getFlashMap().get("done")).isEqualTo("accounting.facility.created");
        var f = as(() -> ledger.facilities(FY)).get(0);
        assertThat(f.depreciation().acquisitionCost()).isEqualTo(Yen.of(1_000_000));
        assertThat(f.depreciation().acquiredOn()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(f.depreciation().sharedUseRatio()).isEqualByComparingTo(new BigDecimal("0.5"));
    }

    // ---- indicators and values ----

    @Test
    void indicatorAndValueFormsAnswerByFieldAndKeepTheInput() throws Exception {
        var empty = send("/company/indicators", "name", "", "tier", "", "unit", "", "direction", "", "method", "", "population", "",
                "benefitKind", "NONE");
        assertThat(errors(empty, "form")).isEqualTo(Map.of("name", "accounting.indicator.name.required",
                "tier", "accounting.indicator.tier.required", "unit", "accounting.indicator.unit.required",
                "direction", "accounting.indicator.direction.required"));
        var tooLong = send("/company/indicators", "name", "喫煙率", "tier", "FINAL", "unit", "%".repeat(21), "direction", "LOWER_IS_BETTER",
                "method", "m".repeat(201), "population", "p".repeat(201), "benefitKind", "NONE");
        assertThat(errors(tooLong, "form")).isEqualTo(Map.of("unit", "accounting.indicator.unit.required", "method", "validation.tooLong",
                "population", "validation.tooLong"));
        var created = send("/company/indicators", "name", "喫煙率", "tier", "FINAL", "unit", "%", "direction", "LOWER_IS_BETTER",
                "method", "", "population", "", "benefitKind", "NONE");
        assertThat(created.getFlashMap().get("done")).isEqualTo("accounting.indicator.created");
        UUID indicator = as(() -> healthIndicators.indicators()).get(0).id();

        String values = "/company/indicators/" + indicator + "/values";
        var bad = send(values, "year", "二〇二五", "baseline", "abc", "target", "1.23456", "actual", "", "responseRate", "101");
        assertThat(errors(bad, "valueForm")).isEqualTo(Map.of("year", "typeMismatch", "baseline", "typeMismatch",
                "target", "accounting.value.invalid", "responseRate", "accounting.value.responseRateRange"));
        assertThat(body(bad)).contains("二〇二五", "1.23456");
        assertThat(as(() -> healthIndicators.indicator(indicator)).orElseThrow().values()).isEmpty();
        var saved = send(values, "year", "２０２５", "baseline", "２０", "target", "15", "actual", "18.5", "responseRate", "９５");
        assertThat(saved.getFlashMap().get("done")).isEqualTo("accounting.value.saved");
        assertThat(as(() -> healthIndicators.indicator(indicator)).orElseThrow().valueIn(FY).orElseThrow().responseRate())
                .isEqualByComparingTo("95");
    }

    // ---- resources, own issues, policy, survey year ----

    @Test
    void resourceIssueAndPolicyFormsAnswerByField() throws Exception {
        var resource = send("/company/resources", "name", "", "kind", "MOON", "value", "1,5", "unit", "u".repeat(21), "asOf", "2025/2/30",
                "note", "");
        assertThat(errors(resource, "form")).isEqualTo(Map.of("name", "accounting.resource.name.required", "kind", "typeMismatch",
                "value", "typeMismatch", "unit", "validation.tooLong", "asOf", "typeMismatch"));
        assertThat(as(() -> resources.resources())).isEmpty();
        var added = send("/company/resources", "name", "保健師", "kind", "HUMAN_TANGIBLE", "value", "３", "unit", "人",
                "asOf", "２０２６年３月３１日", "note", "");
        assertThat(added.getFlashMap().get("done")).isEqualTo("accounting.resource.added");

        var issue = send("/company/health-issues", "name", "課".repeat(201));
        assertThat(errors(issue, "form")).isEqualTo(Map.of("name", "accounting.issue.name.required"));
        assertThat(errors(send("/company/health-issues", "name", " "), "form")).isEqualTo(Map.of("name", "accounting.issue.name.required"));

        var policy = send("/company/accounting-policy", "year", "2025", "annualLabourCost", "", "annualWorkingDays", "367",
                "employeeCount", "百人");
        assertThat(errors(policy, "form")).isEqualTo(Map.of("annualLabourCost", "validation.required",
                "annualWorkingDays", "accounting.policy.workingDays", "employeeCount", "typeMismatch"));
        assertThat(body(policy)).contains("百人");
        var saved = send("/company/accounting-policy", "year", "2025", "includeParticipantTime", "true",
                "annualLabourCost", "６，０００，０００円", "annualWorkingDays", "２４０", "employeeCount", "１２０");
        assertThat(saved.getFlashMap().get("done")).isEqualTo("accounting.policy.savedYear");
        assertThat(as(() -> years.policyOf(FY)).policy().annualLabourCost()).isEqualTo(Yen.of(6_000_000));
    }

    @Test
    void surveyYearIsAVisibleSettingDefaultingToTheNextYearAndPrintedOnEveryRow() throws Exception {
        String page = mvc.perform(get("/company/outputs").param("year", "2025").cookie(hr)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"surveyYear\"", "value=\"2026\"", "調査年度");
        var csv = mvc.perform(get("/company/outputs/survey.csv").param("year", "2025").param("surveyYear", "２０２７").cookie(hr))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(csv.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("\"調査年度\"", "\"2027\",\"2025\",\"ウォーキング\"");
        assertThat(csv.getHeader("Content-Disposition")).contains("2027");
        var plain = mvc.perform(get("/company/outputs/survey.csv").param("year", "2025").cookie(hr)).andReturn().getResponse();
        assertThat(plain.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("\"2026\",\"2025\",\"ウォーキング\"");
        var refused = mvc.perform(get("/company/outputs/survey.csv").param("year", "2025").param("surveyYear", "2024").cookie(hr))
                .andReturn();
        assertThat(errors(refused, "form")).isEqualTo(Map.of("surveyYear", "accounting.survey.year.range"));
        assertThat(errors(mvc.perform(get("/company/outputs/survey.csv").param("year", "2025").param("surveyYear", "来年").cookie(hr))
                .andReturn(), "form")).isEqualTo(Map.of("surveyYear", "typeMismatch"));
    }
}
