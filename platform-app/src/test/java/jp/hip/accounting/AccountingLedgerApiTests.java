package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.ApiTokens;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;

/** The ledger API (item 8 of issue 13): facilities, shares, imports with 422, changes, years; crossing by id and client. */
@PlatformTest
class AccountingLedgerApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcTemplate jdbc;

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
        writeB = ApiTokens.token(mvc, tokens.register(accounts.withRole(Role.HR_STAFF).tenantId(), "accounting.read", "accounting.write"),
                "accounting.read accounting.write");
    }

    static UUID id(String json) {
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return UUID.fromString(m.group(1));
    }

    String post(String token, String path, String body, int expected) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .header("Authorization", "Bearer " + token).contentType("application/json").content(body))
                .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aFacilityItsScheduleAndItsSharesThroughTheApi() throws Exception {
        String facility = """
                {"name":"フィットネスルーム","acquiredOn":"2024-04-01","acquisitionCost":1000000,"usefulLifeYears":10,
                 "method":"DECLINING_BALANCE","sharedUseRatio":0.5,"sharedUseBasis":"FLOOR_AREA","note":"本社3階"}""";
        UUID gym = id(post(writeA, "/api/v1/accounting/facilities", facility, 201));
        mvc.perform(get("/api/v1/accounting/facilities/{id}", gym).header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.facility.taxMethod").value("DECLINING_200"))
                .andExpect(jsonPath("$.years[1].opening.amount").value(800000))
                .andExpect(jsonPath("$.years[1].amount.amount").value(160000))
                .andExpect(jsonPath("$.years[1].healthShare.amount").value(80000));
        // bad input: a life outside 2–50, declining balance for a 2016+ building fixture
        assertThat(post(writeA, "/api/v1/accounting/facilities", facility.replace("\"usefulLifeYears\":10", "\"usefulLifeYears\":60"), 400))
                .contains("accounting.facility.lifeInvalid");
        assertThat(post(writeA, "/api/v1/accounting/facilities", facility.replace("\"note\"", "\"assetClass\":\"BUILDING_EQUIPMENT\",\"note\""), 400))
                .contains("accounting.facility.methodNotAllowed");
        UUID measure = id(post(writeA, "/api/v1/accounting/measures",
                "{\"fiscalYear\":2025,\"name\":\"ジム運営\",\"purpose\":\"POPULATION\",\"standardIssues\":[1]}", 201));
        UUID line = id(post(writeA, "/api/v1/accounting/measures/" + measure + "/facility-shares",
                "{\"facilityId\":\"" + gym + "\",\"share\":0.75}", 201));
        mvc.perform(get("/api/v1/accounting/lines/{id}", line).header("Authorization", "Bearer " + readA))
                .andExpect(status().isOk()).andExpect(jsonPath("$.amount.amount").value(60000));
        String refused = post(writeA, "/api/v1/accounting/measures/" + measure + "/facility-shares",
                "{\"facilityId\":\"" + gym + "\",\"share\":0.5}", 400);
        assertThat(refused).contains("accounting.facility.shareExceeded", "25%");
        // another client: the facility does not exist for it; a read-only token cannot write
        mvc.perform(get("/api/v1/accounting/facilities/{id}", gym).header("Authorization", "Bearer " + writeB)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/accounting/facilities/{id}", gym).header("Authorization", "Bearer " + writeB)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/accounting/lines/{id}", line).header("Authorization", "Bearer " + writeB)).andExpect(status().isNotFound());
        post(readA, "/api/v1/accounting/facilities", facility, 403);
        // in use: refused; after the line goes, deleted
        mvc.perform(delete("/api/v1/accounting/facilities/{id}", gym).header("Authorization", "Bearer " + writeA))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("accounting.facility.inUse"));
        mvc.perform(delete("/api/v1/accounting/lines/{id}", line).header("Authorization", "Bearer " + writeA)).andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/accounting/facilities/{id}", gym).header("Authorization", "Bearer " + writeA)).andExpect(status().isNoContent());
    }

    @Test
    void linesImportAnswers422WithRowColumnAndMessageAndWritesNothing() throws Exception {
        post(writeA, "/api/v1/accounting/measures", "{\"fiscalYear\":2025,\"name\":\"ウォーキング\",\"purpose\":\"POPULATION\",\"standardIssues\":[1]}", 201);
        String header = "年度,施策,明細,費用区分,投資資源,金額,根拠資料\n";
        var bad = new MockMultipartFile("file", "lines.csv", "text/csv",
                (header + "\n2025,ウォーキング,アプリ,外注費,外注,1,234,請求書\n2025,ウォーキング,景品,雑費,その他,100,\n")
                        .getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/v1/accounting/imports/lines").file(bad).header("Authorization", "Bearer " + writeA)
                        .header("Accept-Language", "ja"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].row").value(3))
                .andExpect(jsonPath("$.errors[0].code").value("accounting.import.tooManyColumns"))
                .andExpect(jsonPath("$.errors[1].row").value(4))
                .andExpect(jsonPath("$.errors[1].column").value("費用区分"))
                .andExpect(jsonPath("$.errors[1].message").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.isEmptyOrNullString())))
                .andExpect(jsonPath("$.errors[1].message").value(org.hamcrest.Matchers.not("accounting.import.expenseType")));
        assertThat(jdbc.queryForObject("select count(*) from acc_investment_line where tenant_id = ?", Integer.class, tenantA)).isZero();
        var good = new MockMultipartFile("file", "lines.csv", "text/csv",
                (header + "2025,ウォーキング,アプリ,外注費,外注,\"1,234\",請求書\n").getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/api/v1/accounting/imports/lines").file(good).header("Authorization", "Bearer " + writeA))
                .andExpect(status().isOk()).andExpect(jsonPath("$.rowsWritten").value(1));
        mvc.perform(multipart("/api/v1/accounting/imports/lines").file(good).param("duplicates", "SKIP")
                .header("Authorization", "Bearer " + writeA)).andExpect(status().isOk())
                .andExpect(jsonPath("$.rowsWritten").value(0)).andExpect(jsonPath("$.rowsSkipped").value(1));
        // another company's client: the measure name is unknown there
        mvc.perform(multipart("/api/v1/accounting/imports/lines").file(good).header("Authorization", "Bearer " + writeB))
                .andExpect(status().isUnprocessableEntity()).andExpect(jsonPath("$.errors[0].code").value("accounting.import.measureUnknown"));
    }

    @Test
    void linesChangeAndYearsCloseThroughTheApi() throws Exception {
        UUID measure = id(post(writeA, "/api/v1/accounting/measures",
                "{\"fiscalYear\":2025,\"name\":\"禁煙\",\"purpose\":\"HIGH_RISK\",\"standardIssues\":[2]}", 201));
        UUID line = id(post(writeA, "/api/v1/accounting/measures/" + measure + "/lines",
                "{\"description\":\"外来\",\"expenseType\":\"OUTSOURCING\",\"resourceView\":\"OUTSOURCED\",\"amount\":400000}", 201));
        mvc.perform(put("/api/v1/accounting/lines/{id}", line).header("Authorization", "Bearer " + writeA).contentType("application/json")
                .content("{\"description\":\"外来（訂正）\",\"expenseType\":\"OUTSOURCING\",\"resourceView\":\"OUTSOURCED\",\"amount\":380000}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/accounting/lines/{id}", line).header("Authorization", "Bearer " + readA))
                .andExpect(jsonPath("$.amount.amount").value(380000)).andExpect(jsonPath("$.description").value("外来（訂正）"));
        mvc.perform(put("/api/v1/accounting/years/2025/policy").header("Authorization", "Bearer " + writeA).contentType("application/json")
                .content("{\"includeParticipantTime\":true,\"annualLabourCost\":6000000,\"annualWorkingDays\":240,\"employeeCount\":300}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.linesRecomputed").value(0));
        post(writeA, "/api/v1/accounting/years/2025/close", "{}", 200);
        mvc.perform(put("/api/v1/accounting/lines/{id}", line).header("Authorization", "Bearer " + writeA).contentType("application/json")
                .content("{\"description\":\"x\",\"expenseType\":\"OUTSOURCING\",\"resourceView\":\"OUTSOURCED\",\"amount\":1}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("accounting.year.closed"));
        mvc.perform(delete("/api/v1/accounting/measures/{id}", measure).param("expectedLines", "1").header("Authorization", "Bearer " + writeA))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("accounting.year.closed"));
        post(writeA, "/api/v1/accounting/years/2025/reopen", "{\"reason\":\"訂正\"}", 204);
        mvc.perform(delete("/api/v1/accounting/measures/{id}", measure).param("expectedLines", "1").header("Authorization", "Bearer " + writeA))
                .andExpect(status().isOk()).andExpect(jsonPath("$.lines").value(1));
        mvc.perform(get("/api/v1/accounting/lines/{id}", line).header("Authorization", "Bearer " + readA)).andExpect(status().isNotFound());
    }
}
