package jp.hip.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.ApiTokens;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;

/**
 * Issue 16, probe finding M1: one line of 9,223,372,036,854,775,807円 was accepted (201) and then every accounting
 * read of the tenant answered 500 (long overflow). Amounts are bounded at {@link Yen#MAX_AMOUNT}; sums never wrap.
 */
@PlatformTest
class AmountBoundsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    static UUID id(String json) {
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return UUID.fromString(m.group(1));
    }

    @Test
    void anAmountAboveTheDocumentedMaximumIsRefusedAndTheTenantStaysReadable() throws Exception {
        UUID tenant = accounts.withRole(Role.HR_STAFF).tenantId();
        String token = ApiTokens.token(mvc, tokens.register(tenant, "accounting.read", "accounting.write"),
                "accounting.read accounting.write");
        String measure = mvc.perform(post("/api/v1/accounting/measures").header("Authorization", "Bearer " + token)
                .contentType("application/json").content("{\"fiscalYear\":2025,\"name\":\"上限\",\"purpose\":\"POPULATION\",\"standardIssues\":[1]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String lines = "/api/v1/accounting/measures/" + id(measure) + "/lines";
        String line = "{\"description\":\"x\",\"expenseType\":\"OTHER\",\"resourceView\":\"OTHER\",\"amount\":%d}";
        mvc.perform(post(lines).header("Authorization", "Bearer " + token).contentType("application/json")
                .content(line.formatted(Long.MAX_VALUE)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("accounting.yen.tooLarge"));
        mvc.perform(post(lines).header("Authorization", "Bearer " + token).contentType("application/json")
                .content(line.formatted(Yen.MAX_AMOUNT + 1)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("accounting.yen.tooLarge"));
        assertThat(jdbc.queryForObject("select count(*) from acc_investment_line where tenant_id = ?", Integer.class, tenant)).isZero();
        // the maximum itself is accepted, several times, and every read still answers with exact totals
        for (int i = 0; i < 3; i++) {
            mvc.perform(post(lines).header("Authorization", "Bearer " + token).contentType("application/json")
                    .content(line.formatted(Yen.MAX_AMOUNT))).andExpect(status().isCreated());
        }
        mvc.perform(get("/api/v1/accounting/measures/" + id(measure)).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andExpect(jsonPath("$.measure.total.amount").value(3 * Yen.MAX_AMOUNT));
        mvc.perform(get("/api/v1/accounting/analyses/2025").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
        // the database refuses it too, whatever path a row takes
        assertThatThrownBy(() -> jdbc.update("update acc_investment_line set amount = ? where tenant_id = ?", Long.MAX_VALUE, tenant))
                .hasMessageContaining("acc_investment_line_amount_max_ck");
    }

    @Test
    void aSumThatWouldOverflowIsRefusedWithAMessageNeverWrapped() {
        Yen almost = Yen.of(Long.MAX_VALUE - 1);
        assertThatThrownBy(() -> almost.plus(Yen.of(2))).isInstanceOf(AccountingException.class)
                .hasMessage("accounting.yen.totalTooLarge");
        assertThatThrownBy(() -> Yen.parse("1,000,000,000,000")).hasMessage("accounting.yen.tooLarge");
        assertThat(Yen.parse("999,999,999,999円")).isEqualTo(Yen.of(Yen.MAX_AMOUNT));
        assertThat(Yen.parse("000000000000000001")).isEqualTo(Yen.of(1));
    }
}
