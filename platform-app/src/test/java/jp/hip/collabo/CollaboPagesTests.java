package jp.hip.collabo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** The pages of both sides: build, share, read, comment, acknowledge, CSV and PDF; crossing by URL fails. */
@PlatformTest
class CollaboPagesTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired CollaboFixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired jp.hip.ApiTokens tokens;

    CollaboFixture.Parties p;
    Cookie staff;
    Cookie hr;
    Cookie viewer;

    @BeforeEach
    void setUp() throws Exception {
        p = fixture.linked("P-1");
        fixture.population(p, "P-1", 60);
        staff = Accounts.signIn(mvc, accounts.user(p.insurer(), Role.INSURER_STAFF).email());
        hr = Accounts.signIn(mvc, accounts.user(p.company(), Role.HR_STAFF).email());
        viewer = Accounts.signIn(mvc, accounts.user(p.company(), Role.COMPANY_VIEWER).email());
    }

    String group() {
        return jdbc.sql("select employer_group from collabo_link_establishment where link_id = ?").param(p.linkId())
                .query(String.class).single();
    }

    UUID buildAndShare() throws Exception {
        String location = mvc.perform(post("/insurer/collabo/reports").cookie(staff).with(csrf())
                        .param("employerGroup", p.linkId() + "|" + group()).param("year", "2024"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/insurer/collabo/reports/");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        // without the confirmation nothing changes
        mvc.perform(post("/insurer/collabo/reports/" + id + "/share").cookie(staff).with(csrf()))
                .andExpect(status().isOk()).andExpect(model().attribute("errors", org.hamcrest.Matchers.hasKey("share")));
        assertThat(mvc.perform(get("/company/collabo/reports/" + id).cookie(hr)).andReturn().getResponse().getStatus()).isEqualTo(404);
        mvc.perform(post("/insurer/collabo/reports/" + id + "/share").cookie(staff).with(csrf()).param("confirm", "yes"))
                .andExpect(flash().attribute("done", "collabo.done.shared"));
        return id;
    }

    @Test
    void theInsurerBuildsAndSharesTheCompanyReadsCommentsAndAcknowledges() throws Exception {
        UUID id = buildAndShare();
        String page = mvc.perform(get("/company/collabo/reports/" + id).cookie(hr)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("共有済み", "特定健診 実施率", "肥満", "×", "レセプト");
        assertThat(mvc.perform(get("/company/collabo/reports/" + id).cookie(viewer)).andReturn().getResponse().getStatus()).isEqualTo(200);
        // company viewers read but never write
        mvc.perform(post("/company/collabo/reports/" + id + "/acknowledge").cookie(viewer).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/company/collabo/reports/" + id + "/comments").cookie(hr).with(csrf())
                .param("linkId", p.linkId().toString()).param("section", "risks").param("body", "肥満について相談したい"))
                .andExpect(flash().attribute("done", "collabo.done.commented"));
        mvc.perform(post("/insurer/collabo/reports/" + id + "/comments").cookie(staff).with(csrf())
                .param("linkId", p.linkId().toString()).param("body", "来月ご説明します"))
                .andExpect(flash().attribute("done", "collabo.done.commented"));
        mvc.perform(post("/company/collabo/reports/" + id + "/acknowledge").cookie(hr).with(csrf()))
                .andExpect(flash().attribute("done", "collabo.done.acknowledged"));
        String insurerPage = mvc.perform(get("/insurer/collabo/reports/" + id).cookie(staff))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(insurerPage).contains("確認済み", "肥満について相談したい", "来月ご説明します");

        byte[] csv = mvc.perform(get("/company/collabo/reports/" + id + "/breakdown-OBESITY.csv").cookie(hr))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF").contains("該当者数（人）", "集計対象者数（人）", "×", "男性");
        byte[] pdf = mvc.perform(get("/company/collabo/reports/" + id + "/report.pdf").cookie(hr))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void anotherCompanyOrInsurerCannotOpenTheReportItsCsvOrPdf() throws Exception {
        UUID id = buildAndShare();
        Cookie otherHr = Accounts.signIn(mvc, accounts.withRole(Role.HR_STAFF).email());
        Cookie otherStaff = Accounts.signIn(mvc, accounts.withRole(Role.INSURER_STAFF).email());
        for (String path : new String[] {"", "/rates.csv", "/breakdown-OBESITY.csv", "/report.pdf"}) {
            assertThat(mvc.perform(get("/company/collabo/reports/" + id + path).cookie(otherHr)).andReturn().getResponse().getStatus())
                    .as(path).isEqualTo(404);
            assertThat(mvc.perform(get("/insurer/collabo/reports/" + id + path).cookie(otherStaff)).andReturn().getResponse().getStatus())
                    .as(path).isEqualTo(404);
            assertThat(mvc.perform(get("/insurer/collabo/reports/" + id + path).cookie(hr)).andReturn().getResponse().getStatus())
                    .as(path).isEqualTo(403);
        }
        assertThat(mvc.perform(get("/insurer/collabo/links/" + p.linkId() + "/investment").cookie(otherStaff))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        mvc.perform(post("/company/collabo/reports/" + id + "/comments").cookie(otherHr).with(csrf())
                .param("linkId", p.linkId().toString()).param("body", "x")).andExpect(status().isNotFound());
    }

    @Test
    void theApiShowsTheSameSuppressedCellsAsTheCsvNoneRecoverableAndCrossingFails() throws Exception {
        UUID id = buildAndShare();
        String token = jp.hip.ApiTokens.token(mvc, tokens.register(p.company(), "collabo.read"), "collabo.read");
        String json = mvc.perform(get("/api/v1/collabo/reports/" + id).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        var tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
        var breakdown = java.util.stream.StreamSupport.stream(tree.get("content").get("breakdowns").spliterator(), false)
                .filter(b -> b.get("key").asString().equals("OBESITY")).findFirst().orElseThrow();
        String csv = new String(mvc.perform(get("/company/collabo/reports/" + id + "/breakdown-OBESITY.csv").cookie(hr))
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        Integer[][] numerators = new Integer[4][4];
        int hidden = 0;
        for (int r = 0; r < 4; r++) {
            String[] csvCells = lines[r + 1].split(",");
            for (int c = 0; c < 4; c++) {
                var cell = breakdown.get("cells").get(r).get(c);
                String mark = cell.path("mark").isMissingNode() || cell.path("mark").isNull() ? null : cell.path("mark").asString();
                String csvNumerator = csvCells[1 + c * 3].replace("\"", "");
                if ("×".equals(mark)) {
                    hidden++;
                    assertThat(cell.path("numerator").isMissingNode() || cell.path("numerator").isNull()).isTrue();
                    assertThat(csvNumerator).isEqualTo("×");
                } else if (mark == null) {
                    numerators[r][c] = cell.get("numerator").asInt();
                    assertThat(csvNumerator).isEqualTo(String.valueOf(numerators[r][c]));
                } else {
                    numerators[r][c] = 0;
                    assertThat(csvNumerator).isEqualTo("-");
                }
            }
        }
        assertThat(hidden).isGreaterThan(0);
        assertThat(RecoveryAttack.recovered(numerators)).isEmpty();
        assertThat(mvc.perform(get("/api/v1/collabo/reports").header("Authorization", "Bearer " + token))
                .andReturn().getResponse().getContentAsString()).contains(id.toString());

        String otherToken = jp.hip.ApiTokens.token(mvc, tokens.register(accounts.tenant(TenantKind.COMPANY), "collabo.read"), "collabo.read");
        String otherInsurer = jp.hip.ApiTokens.token(mvc, tokens.register(accounts.tenant(TenantKind.INSURER), "collabo.read"), "collabo.read");
        for (String t : new String[] {otherToken, otherInsurer}) {
            assertThat(mvc.perform(get("/api/v1/collabo/reports/" + id).header("Authorization", "Bearer " + t))
                    .andReturn().getResponse().getStatus()).isEqualTo(404);
            assertThat(mvc.perform(get("/api/v1/collabo/links/" + p.linkId() + "/investment").header("Authorization", "Bearer " + t))
                    .andReturn().getResponse().getStatus()).isEqualTo(404);
            assertThat(mvc.perform(get("/api/v1/collabo/reports").header("Authorization", "Bearer " + t))
                    .andReturn().getResponse().getContentAsString()).doesNotContain(id.toString());
        }
        assertThat(mvc.perform(get("/api/v1/collabo/links/" + p.linkId() + "/investment").header("Authorization", "Bearer " + token))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void proposingToATenantOfTheWrongKindSaysWhyAndChangesNothing() throws Exception {
        UUID otherCompany = accounts.tenant(TenantKind.COMPANY);
        mvc.perform(post("/company/collabo/links").cookie(hr).with(csrf()).param("partnerId", otherCompany.toString()))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.model()
                        .attributeHasFieldErrorCode("propose", "partnerId", "collabo.link.wrongKind.insurer"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("保険者ではありません")));
        assertThat(jdbc.sql("select count(*) from collabo_link where company_tenant_id = ?").param(p.company())
                .query(Integer.class).single()).isEqualTo(1);
        String home = mvc.perform(get("/company/collabo").cookie(hr)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(home).contains(p.company().toString(), "連携中");
        assertThat(mvc.perform(get("/insurer/collabo").cookie(staff)).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    /** Ids in the path are UUIDs (ADR 0097): anything else names nothing, a 404 like another party's id; nothing changes. */
    @Test
    void aPathIdThatIsNotAUuidIsNotFoundAndChangesNothing() throws Exception {
        for (String path : new String[] {"/company/collabo/reports/x", "/company/collabo/reports/x/rates.csv",
                "/company/collabo/reports/1/report.pdf", "/company/collabo/links/x/investment", "/insurer/collabo/reports/x",
                "/insurer/collabo/links/" + p.linkId() + "x/investment"}) {
            Cookie who = path.startsWith("/company") ? hr : staff;
            assertThat(mvc.perform(get(path).cookie(who)).andReturn().getResponse().getStatus()).as(path).isEqualTo(404);
        }
        String status = jdbc.sql("select status from collabo_link where id = ?").param(p.linkId()).query(String.class).single();
        for (String path : new String[] {"/company/collabo/links/x/end", "/insurer/collabo/links/x/end",
                "/insurer/collabo/reports/x/share", "/company/collabo/reports/x/acknowledge"}) {
            Cookie who = path.startsWith("/company") ? hr : staff;
            mvc.perform(post(path).cookie(who).with(csrf()).param("confirm", "yes")).andExpect(status().isNotFound());
        }
        assertThat(jdbc.sql("select status from collabo_link where id = ?").param(p.linkId()).query(String.class).single())
                .isEqualTo(status);
    }
}
