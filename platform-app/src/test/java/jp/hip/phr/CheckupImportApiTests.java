package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import jp.hip.ApiTokens;
import jp.hip.PlatformTest;

/** POST /api/v1/phr/checkup-imports: the insurer page's 特定健診 import for an insurer's own systems. */
@PlatformTest
class CheckupImportApiTests {

    static final String URL = "/api/v1/phr/checkup-imports";

    @Autowired MockMvc mvc;
    @Autowired ApiTokens tokens;
    @Autowired PhrFixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired jp.hip.phr.checkup.CheckupRecords checkups;

    final JsonMapper json = JsonMapper.builder().build();
    UUID insurer;
    String token;

    @BeforeEach
    void setUp() throws Exception {
        insurer = fixture.insurer();
        token = ApiTokens.token(mvc, tokens.register(insurer, "phr.checkups.write"), "phr.checkups.write");
        checkups.registerInsurerNumber(Accessor.tenant(insurer, "setup", "setup", Accessor.Channel.PAGE), "06130012");
    }

    /** The sample with another 保険者番号: refused for this insurer. */
    static byte[] otherInsurers(byte[] sample) {
        return new String(sample, java.nio.charset.StandardCharsets.UTF_8)
                .replace("root=\"1.2.392.200119.6.101\" extension=\"06130012\"", "root=\"1.2.392.200119.6.101\" extension=\"06139999\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    MockHttpServletResponse upload(String name, byte[] bytes, String bearer) throws Exception {
        var request = multipart(URL).file(new MockMultipartFile("file", name, "application/octet-stream", bytes));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return mvc.perform(request.header("Accept-Language", "en")).andReturn().getResponse();
    }

    long documents(UUID tenant) {
        return jdbc.sql("select count(*) from phr_source_document where tenant_id = ?").param(tenant).query(Long.class).single();
    }

    @Test
    void aZipWithOneBadFileImportsTheGoodOnesAndAnswers422WithEveryProblemOfTheBadOne() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("batch/checkup-yamada.xml", CheckupImportTests.sample("checkup-yamada-20250610.xml"));
        files.put("batch/checkup-sato.xml", CheckupImportTests.sample("checkup-sato-20250615.xml"));
        files.put("batch/checkup-bad.xml", otherInsurers(CheckupImportTests.sample("checkup-bad-values.xml")));
        MockHttpServletResponse response = upload("batch.zip", CheckupImportTests.zip(files), token);

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode report = json.readTree(response.getContentAsString()).get("report");
        assertThat(report.get("imported").asInt()).isEqualTo(2);
        assertThat(report.get("rejected").asInt()).isEqualTo(1);
        JsonNode bad = null;
        for (JsonNode file : report.get("files")) {
            if (file.get("fileName").asString().equals("batch/checkup-bad.xml")) {
                bad = file;
            } else {
                assertThat(file.get("status").asString()).isEqualTo("IMPORTED");
                assertThat(file.get("observations").asInt()).isPositive();
            }
        }
        assertThat(bad).isNotNull();
        assertThat(bad.get("status").asString()).isEqualTo("REJECTED");
        assertThat(bad.get("observations").asInt()).isZero();
        assertThat(bad.get("messages").findValuesAsString("code")).containsExactly("phr.import.otherInsurer");
        assertThat(bad.get("messages").get(0).get("message").asString()).contains("06139999").doesNotContain("Exception");
        assertThat(documents(insurer)).isEqualTo(2);

        // Sent again: the good files are recognised, not stored twice.
        Map<String, byte[]> good = new LinkedHashMap<>(files);
        good.remove("batch/checkup-bad.xml");
        MockHttpServletResponse again = upload("again.zip", CheckupImportTests.zip(good), token);
        assertThat(again.getStatus()).isEqualTo(200);
        JsonNode second = json.readTree(again.getContentAsString());
        assertThat(second.get("alreadyImported").asInt()).isEqualTo(2);
        assertThat(second.get("imported").asInt()).isZero();
        assertThat(documents(insurer)).isEqualTo(2);
    }

    @Test
    void oneXmlFileIsImportedForTheClientsOwnTenantOnly() throws Exception {
        UUID otherInsurer = fixture.insurer();
        MockHttpServletResponse response = upload("checkup-yamada.xml", CheckupImportTests.sample("checkup-yamada-20250610.xml"), token);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        JsonNode report = json.readTree(response.getContentAsString());
        assertThat(report.get("files").get(0).get("status").asString()).isEqualTo("IMPORTED");
        assertThat(documents(insurer)).isEqualTo(1);
        assertThat(documents(otherInsurer)).isZero();
        assertThat(jdbc.sql("select count(*) from phr_observation where tenant_id = ?").param(insurer).query(Long.class).single())
                .isEqualTo(report.get("observations").asLong()).isPositive();
    }

    @Test
    void withoutTheScopeOrTokenOrFileNothingIsImported() throws Exception {
        String otherScope = ApiTokens.token(mvc, tokens.register(insurer, "system/Observation.c"), "system/Observation.c");
        byte[] xml = CheckupImportTests.sample("checkup-sato-20250615.xml");
        MockHttpServletResponse forbidden = upload("checkup.xml", xml, otherScope);
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(forbidden.getContentType()).startsWith("application/problem+json");
        assertThat(upload("checkup.xml", xml, null).getStatus()).isEqualTo(401);
        MockHttpServletResponse empty = upload("empty.xml", new byte[0], token);
        assertThat(empty.getStatus()).isEqualTo(400);
        assertThat(json.readTree(empty.getContentAsString()).get("code").asString()).isEqualTo("phr.import.noFile");
        assertThat(documents(insurer)).isZero();
    }

    @Test
    void anXmlBombIsRejectedWithAProblemAndNothingWritten() throws Exception {
        MockHttpServletResponse response = upload("bomb.xml", CheckupImportTests.sample("checkup-billion-laughs.xml"), token);
        assertThat(response.getStatus()).isEqualTo(422);
        JsonNode file = json.readTree(response.getContentAsString()).get("report").get("files").get(0);
        assertThat(file.get("status").asString()).isEqualTo("REJECTED");
        assertThat(file.get("messages")).isNotEmpty();
        assertThat(documents(insurer)).isZero();
    }
}
