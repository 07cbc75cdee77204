package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.ApiTokens;
import jp.hip.PlatformTest;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.Role;

/** The JSON API: scopes, rules as 400 problems, and another company's ids as 404. */
@PlatformTest
class AccountingApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    HealthAccounting accounting;

    UUID tenantA;
    String writeA;
    String readA;
    String writeB;

    @BeforeEach
    void clients() throws Exception {
        tenantA = accounts.withRole(Role.HR_STAFF).tenantId();
        ApiTokens.Client a = tokens.register(tenantA, "accounting.read", "accounting.write");
        writeA = ApiTokens.token(mvc, a, "accounting.read accounting.write");
        readA = ApiTokens.token(mvc, a, "accounting.read");
        ApiTokens.Client b = tokens.register(accounts.withRole(Role.HR_STAFF).tenantId(), "accounting.read", "accounting.write");
        writeB = ApiTokens.token(mvc, b, "accounting.read accounting.write");
    }

    static UUID id(String json) {
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return UUID.fromString(m.group(1));
    }

    String postJson(String token, String path, String body, int expected) throws Exception {
        return mvc.perform(post(path).header("Authorization", "Bearer " + token).contentType("application/json").content(body))
                .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aClientEntersAMeasureLineAndAllocationAndReadsThemBack() throws Exception {
        UUID measure = id(postJson(writeA, "/api/v1/accounting/measures",
                "{\"fiscalYear\":2025,\"name\":\"禁煙支援\",\"purpose\":\"HIGH_RISK\",\"standardIssues\":[2],\"participants\":40}", 201));
        UUID line = id(postJson(writeA, "/api/v1/accounting/measures/" + measure + "/lines",
                "{\"description\":\"禁煙外来補助\",\"expenseType\":\"OUTSOURCING\",\"resourceView\":\"OUTSOURCED\",\"amount\":400000}", 201));
        UUID indicator = id(postJson(writeA, "/api/v1/accounting/indicators",
                "{\"name\":\"喫煙率\",\"tier\":\"BEHAVIOUR\",\"unit\":\"%\",\"direction\":\"LOWER_IS_BETTER\"}", 201));
        mvc.perform(put("/api/v1/accounting/lines/{id}/allocation", line).header("Authorization", "Bearer " + writeA)
                        .contentType("application/json").content("{\"primaryOnly\":true,\"shares\":[{\"indicatorId\":\"" + indicator + "\",\"ratio\":1}]}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/accounting/measures/{id}", measure).header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.measure.total.amount").value(400000))
                .andExpect(jsonPath("$.lines[0].allocations[0].indicatorName").value("喫煙率"));
        UUID time = id(postJson(writeA, "/api/v1/accounting/measures/" + measure + "/time-lines",
                "{\"description\":\"保健師面談\",\"role\":\"NURSE\",\"hoursPerPerson\":1.5,\"persons\":40,\"hourlyRate\":3200,\"rateBasis\":\"STANDARD_RATE\"}", 201));
        mvc.perform(get("/api/v1/accounting/lines/{id}", time).header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk()).andExpect(jsonPath("$.amount.amount").value(192000))
                .andExpect(jsonPath("$.personnelTime.rateBasis").value("STANDARD_RATE"));
        mvc.perform(get("/api/v1/accounting/measures").param("year", "2025").header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].name").value("禁煙支援"))
                .andExpect(jsonPath("$[0].total.amount").value(592000));
        mvc.perform(get("/api/v1/accounting/analyses/2025").header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total.amount").value(592000));
    }

    @Test
    void rulesAreProblemsAndNothingIsWritten() throws Exception {
        UUID measure = id(postJson(writeA, "/api/v1/accounting/measures",
                "{\"fiscalYear\":2025,\"name\":\"研修\",\"purpose\":\"LITERACY\",\"standardIssues\":[3]}", 201));
        String problem = postJson(writeA, "/api/v1/accounting/measures/" + measure + "/lines",
                "{\"description\":\"x\",\"expenseType\":\"OTHER\",\"resourceView\":\"OTHER\",\"amount\":-1}", 400);
        assertThat(problem).contains("accounting.yen.negative");
        UUID line = id(postJson(writeA, "/api/v1/accounting/measures/" + measure + "/lines",
                "{\"description\":\"x\",\"expenseType\":\"OTHER\",\"resourceView\":\"OTHER\",\"amount\":10}", 201));
        UUID i1 = id(postJson(writeA, "/api/v1/accounting/indicators", "{\"name\":\"a\",\"tier\":\"FINAL\",\"unit\":\"%\",\"direction\":\"HIGHER_IS_BETTER\"}", 201));
        UUID i2 = id(postJson(writeA, "/api/v1/accounting/indicators", "{\"name\":\"b\",\"tier\":\"FINAL\",\"unit\":\"%\",\"direction\":\"HIGHER_IS_BETTER\"}", 201));
        mvc.perform(put("/api/v1/accounting/lines/{id}/allocation", line).header("Authorization", "Bearer " + writeA)
                        .contentType("application/json").content("{\"primaryOnly\":false,\"shares\":[{\"indicatorId\":\"" + i1
                                + "\",\"ratio\":0.5},{\"indicatorId\":\"" + i2 + "\",\"ratio\":0.49}]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("accounting.allocation.sumNotOne"));
        assertThat(CurrentTenant.runAs(tenantA, () -> accounting.measure(measure)).orElseThrow().lines())
                .singleElement().satisfies(l -> assertThat(l.allocations()).isEmpty());
    }

    @Test
    void theOpenApiDescriptionListsTheAccountingEndpoints() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(doc).contains("/api/v1/accounting/measures", "/api/v1/accounting/lines/{id}/allocation",
                "/api/v1/accounting/indicators/{id}/values/{year}", "/api/v1/accounting/analyses/{year}",
                "/api/v1/accounting/budgets", "/api/v1/accounting/measures/{id}/budget", "/api/v1/accounting/years/{year}/copy-to-next");
    }

    @Test
    void readScopeCannotWrite() throws Exception {
        postJson(readA, "/api/v1/accounting/measures", "{\"fiscalYear\":2025,\"name\":\"x\",\"purpose\":\"LITERACY\",\"standardIssues\":[3]}", 403);
        assertThat(CurrentTenant.runAs(tenantA, () -> accounting.measures(FiscalYear.of(2025)))).isEmpty();
    }

    @Test
    void anotherCompanysIdsAreNotFound() throws Exception {
        UUID measure = id(postJson(writeA, "/api/v1/accounting/measures",
                "{\"fiscalYear\":2025,\"name\":\"秘密\",\"purpose\":\"LITERACY\",\"standardIssues\":[3]}", 201));
        UUID line = id(postJson(writeA, "/api/v1/accounting/measures/" + measure + "/lines",
                "{\"description\":\"x\",\"expenseType\":\"OTHER\",\"resourceView\":\"OTHER\",\"amount\":10}", 201));
        mvc.perform(get("/api/v1/accounting/measures/{id}", measure).header("Authorization", "Bearer " + writeB))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/accounting/lines/{id}", line).header("Authorization", "Bearer " + writeB))
                .andExpect(status().isNotFound());
        postJson(writeB, "/api/v1/accounting/measures/" + measure + "/lines",
                "{\"description\":\"x\",\"expenseType\":\"OTHER\",\"resourceView\":\"OTHER\",\"amount\":10}", 404);
        mvc.perform(put("/api/v1/accounting/lines/{id}/allocation", line).header("Authorization", "Bearer " + writeB)
                        .contentType("application/json").content("{\"primaryOnly\":true,\"shares\":[{\"indicatorId\":\"" + UUID.randomUUID() + "\",\"ratio\":1}]}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/accounting/measures").param("year", "2025").header("Authorization", "Bearer " + writeB))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        assertThat(CurrentTenant.runAs(tenantA, () -> accounting.measure(measure)).orElseThrow().lines()).hasSize(1);
    }
}
