package jp.hip.accounting;

import static jp.hip.accounting.AccountingFormsTests.body;
import static jp.hip.accounting.AccountingFormsTests.errors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.accounting.depreciation.DepreciationRounding;
import jp.hip.accounting.facilities.FacilityLedger;
import jp.hip.accounting.indicators.BenefitKind;
import jp.hip.accounting.indicators.Direction;
import jp.hip.accounting.indicators.HealthIndicators;
import jp.hip.accounting.indicators.IndicatorTier;
import jp.hip.accounting.ledger.PurposeCategory;
import jp.hip.accounting.strategy.StrategyMaps;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/**
 * The rounding rule, the year's close, reopening and copy, the strategy map's edits and the import as validated records
 * (issue 15, ADR 0107): empty, too long, wrong format, full-width and out-of-range input answered by field, nothing
 * changed; irreversible steps asked first; a success message when done.
 */
@PlatformTest
class AccountingSettingFormsTests {

    static final FiscalYear FY = FiscalYear.of(2025);

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired HealthAccounting accounting;
    @Autowired HealthIndicators healthIndicators;
    @Autowired FacilityLedger ledger;
    @Autowired AccountingYears years;
    @Autowired StrategyMaps maps;

    UUID company;
    Cookie hr;

    @BeforeEach
    void company() throws Exception {
        company = accounts.tenant(TenantKind.COMPANY);
        hr = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF).email());
        as(() -> accounting.createMeasure(FY, new HealthAccounting.MeasureCommand("ウォーキング", null, PurposeCategory.LITERACY,
                Set.of(1), Set.of(), 10)));
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

    @Test
    void theRoundingRuleIsChosenFromItsListOrAnsweredByField() throws Exception {
        assertThat(errors(send("/company/facilities/rounding", "rounding", ""), "roundingForm"))
                .isEqualTo(Map.of("rounding", "accounting.rounding.required"));
        var bad = send("/company/facilities/rounding", "rounding", "SOMETIMES");
        assertThat(errors(bad, "roundingForm")).isEqualTo(Map.of("rounding", "typeMismatch"));
        assertThat(body(bad)).contains("端数処理：");
        assertThat(as(() -> ledger.rounding())).isEqualTo(DepreciationRounding.DOWN);
        var saved = send("/company/facilities/rounding", "rounding", "HALF_UP");
        assertThat(saved.getFlashMap().get("done")).isEqualTo("accounting.rounding.saved");
        assertThat(as(() -> ledger.rounding())).isEqualTo(DepreciationRounding.HALF_UP);
    }

    @Test
    void closingAsksForItsBoxReopeningForAReasonAndCopyingForAConfirmation() throws Exception {
        var unticked = send("/company/years/close", "year", "2025");
        assertThat(errors(unticked, "closeForm")).isEqualTo(Map.of("confirmed", "accounting.year.confirmClose"));
        assertThat(body(unticked)).contains("確認：確定する前に確認のチェックを入れてください。", "id=\"confirmed-error\"");
        assertThat(errors(send("/company/years/close", "year", "2025", "confirmed", "はい"), "closeForm"))
                .isEqualTo(Map.of("confirmed", "typeMismatch"));
        assertThat(as(() -> years.closed(FY))).as("nothing changed").isEmpty();
        assertThat(send("/company/years/close", "year", "2025", "confirmed", "true").getFlashMap().get("done"))
                .isEqualTo("accounting.year.closedDone");

        assertThat(errors(send("/company/years/reopen", "year", "2025", "reason", ""), "reopenForm"))
                .isEqualTo(Map.of("reason", "accounting.year.reasonRequired"));
        var tooLong = send("/company/years/reopen", "year", "2025", "reason", "理".repeat(501));
        assertThat(errors(tooLong, "reopenForm")).isEqualTo(Map.of("reason", "accounting.year.reasonRequired"));
        assertThat(body(tooLong)).contains("理".repeat(501));
        // full-width spaces only: blank to the domain, answered beside the field
        assertThat(errors(send("/company/years/reopen", "year", "2025", "reason", "\u3000\u3000"), "reopenForm"))
                .isEqualTo(Map.of("reason", "accounting.year.reasonRequired"));
        assertThat(as(() -> years.closed(FY))).isPresent();
        assertThat(send("/company/years/reopen", "year", "2025", "reason", "入力漏れの修正").getFlashMap().get("done"))
                .isEqualTo("accounting.year.reopened");

        // copying to the next year is asked first, on the confirmation page, whose button posts it
        String confirm = mvc.perform(get("/company/years/copy").param("year", "2025").param("withBudgets", "true").cookie(hr))
                .andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("2025年度の施策・会計方針・各施策の予算を2026年度にコピーします", "翌年度へコピー",
                "action=\"/company/years/copy?year=2025&amp;withBudgets=true\"");
        assertThat(as(() -> accounting.measures(FY.next()))).isEmpty();
        Cookie viewer = Accounts.signIn(mvc, accounts.user(company, Role.COMPANY_VIEWER).email());
        mvc.perform(get("/company/years/copy").param("year", "2025").cookie(viewer))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
        var copied = mvc.perform(post("/company/years/copy?year=2025&withBudgets=true").with(csrf()).cookie(hr)).andReturn();
        assertThat(copied.getFlashMap().get("done")).isEqualTo("accounting.year.copied");
        assertThat(as(() -> accounting.measures(FY.next()))).hasSize(1);
        assertThat(mvc.perform(get("/company/accounting-policy").param("year", "2025").cookie(hr)).andReturn().getResponse()
                .getContentAsString()).contains("id=\"copy-form\"", "method=\"get\"");
    }

    @Test
    void theStrategyMapsFormsAnswerByFieldAndRemovingAnItemIsAskedFirst() throws Exception {
        var empty = send("/company/strategy-map/nodes", "year", "2025", "nodeKind", "", "nodeLabel", "");
        assertThat(errors(empty, "nodeForm")).isEqualTo(Map.of("nodeKind", "accounting.map.kind.required",
                "nodeLabel", "accounting.map.label.required"));
        assertThat(body(empty)).contains("種類：種類を選んでください。", "名前：名前を入力してください（100文字まで）。");
        var bad = send("/company/strategy-map/nodes", "year", "2025", "nodeKind", "PLANET", "nodeLabel", "項".repeat(101));
        assertThat(errors(bad, "nodeForm")).isEqualTo(Map.of("nodeKind", "typeMismatch", "nodeLabel", "accounting.map.label.required"));
        assertThat(body(bad)).contains("項".repeat(101));
        // full-width spaces only: blank to the graph's rule, beside the field
        assertThat(errors(send("/company/strategy-map/nodes", "year", "2025", "nodeKind", "FINAL", "nodeLabel", "\u3000"), "nodeForm"))
                .isEqualTo(Map.of("nodeLabel", "accounting.map.label.required"));
        assertThat(as(() -> maps.versions(FY))).as("nothing changed").isEmpty();

        assertThat(send("/company/strategy-map/nodes", "year", "2025", "nodeKind", "MEASURE", "nodeLabel", "ウォーキング")
                .getFlashMap().get("done")).isEqualTo("accounting.map.saved");
        assertThat(send("/company/strategy-map/nodes", "year", "2025", "nodeKind", "FINAL", "nodeLabel", "プレゼンティーイズム")
                .getFlashMap().get("done")).isEqualTo("accounting.map.saved");
        assertThat(errors(send("/company/strategy-map/edges", "year", "2025", "from", "", "to", ""), "edgeForm"))
                .isEqualTo(Map.of("from", "accounting.map.edgeUnknownNode", "to", "accounting.map.edgeUnknownNode"));
        assertThat(errors(send("/company/strategy-map/edges", "year", "2025", "from", "n2", "to", "n1"), "edgeForm"))
                .isEqualTo(Map.of("to", "accounting.map.edgeDirection"));
        assertThat(errors(send("/company/strategy-map/nodes/rename", "year", "2025", "node", "n9", "newLabel", "x"), "renameForm"))
                .isEqualTo(Map.of("node", "accounting.map.edgeUnknownNode"));
        assertThat(errors(send("/company/strategy-map/nodes/rename", "year", "2025", "node", "n1", "newLabel", "名".repeat(101)),
                "renameForm")).isEqualTo(Map.of("newLabel", "accounting.map.label.required"));
        assertThat(as(() -> maps.versions(FY))).hasSize(2);

        String confirm = mvc.perform(get("/company/strategy-map/nodes/delete").param("year", "2025").param("key", "n1").cookie(hr))
                .andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("ウォーキング", "つながりをすべて外した新しい版", "name=\"key\" value=\"n1\"");
        mvc.perform(get("/company/strategy-map/nodes/delete").param("year", "2025").param("key", "n9").cookie(hr))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isNotFound());
        assertThat(send("/company/strategy-map/nodes/delete", "year", "2025", "key", "n1").getFlashMap().get("done"))
                .isEqualTo("accounting.map.saved");
        assertThat(as(() -> maps.strategyMap(FY, null)).orElseThrow().graph().nodes()).hasSize(1);
    }

    @Test
    void theImportFormAnswersByFieldAndReplacingIsConfirmed() throws Exception {
        var noFile = mvc.perform(multipart("/company/import").param("kind", "lines").with(csrf()).cookie(hr)).andReturn();
        assertThat(errors(noFile, "form")).isEqualTo(Map.of("file", "accounting.import.fileRequired"));
        assertThat(body(noFile)).contains("ファイル：取り込むファイル（CSV または Excel）を選んでください。");
        var values = new MockMultipartFile("file", "values.csv", "text/csv",
                "年度,指標,ベースライン,目標,実績,回答率\r\n2025,喫煙率,24.8,22,23.2,86.5\r\n".getBytes(StandardCharsets.UTF_8));
        var bad = mvc.perform(multipart("/company/import").file(values).param("kind", "planets").param("duplicates", "MAYBE")
                .with(csrf()).cookie(hr)).andReturn();
        assertThat(errors(bad, "form")).isEqualTo(Map.of("kind", "accounting.import.kind.unknown", "duplicates", "typeMismatch"));
        var unconfirmed = mvc.perform(multipart("/company/import").file(values).param("kind", "values").with(csrf()).cookie(hr)).andReturn();
        assertThat(errors(unconfirmed, "form")).isEqualTo(Map.of("replaceConfirmed", "accounting.import.replace.confirm"));
        assertThat(body(unconfirmed)).containsPattern("value=\"values\"[^>]*checked");
        var empty = new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]);
        assertThat(errors(mvc.perform(multipart("/company/import").file(empty).param("kind", "values").param("replaceConfirmed", "true")
                .with(csrf()).cookie(hr)).andReturn(), "form")).isEqualTo(Map.of("file", "accounting.import.fileRequired"));
        assertThat(as(() -> healthIndicators.indicators())).as("nothing changed").isEmpty();

        as(() -> healthIndicators.createIndicator(new HealthAccounting.IndicatorCommand("喫煙率", IndicatorTier.FINAL, "%",
                Direction.LOWER_IS_BETTER, null, null, BenefitKind.NONE)));
        String done = body(mvc.perform(multipart("/company/import").file(values).param("kind", "values").param("replaceConfirmed", "true")
                .with(csrf()).cookie(hr)).andReturn());
        assertThat(done).contains("id=\"import-result\"", "notice success");
        assertThat(as(() -> healthIndicators.indicators()).get(0).valueIn(FY)).isPresent();
    }

    @Test
    void emptyPagesSayWhatToDoNext() throws Exception {
        for (String[] page : new String[][] {{"/company/analyses?year=2030", "「施策と投資」で施策を追加し"},
            {"/company/disclosure?year=2030", "「施策と投資」で施策と明細を入力すると"},
            {"/company/facilities", "「施設・設備を追加」から登録するか"}, {"/company/resources", "「健康資源を追加」から登録します"}}) {
            assertThat(mvc.perform(get(page[0]).cookie(hr)).andReturn().getResponse().getContentAsString()).as(page[0]).contains(page[1]);
        }
    }
}
