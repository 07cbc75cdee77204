package jp.hip.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jp.hip.Accounts;
import jp.hip.PlatformTest;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/**
 * The tenant administrator's forms (inviting a user, registering an API client) need the signed-in user, so they are
 * tested here rather than in a slice: empty, too long, wrong format, full width and out of range are answered beside
 * their field and in the summary naming it, and nothing is written.
 */
@PlatformTest
class TenantFormsTests {

    @Autowired MockMvc mvc;
    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;

    UUID company;
    Cookie admin;

    @BeforeEach
    void aCompanyAdministrator() throws Exception {
        company = accounts.tenant(TenantKind.COMPANY);
        admin = Accounts.signIn(mvc, accounts.user(company, Role.HR_STAFF, Role.TENANT_ADMIN).email());
    }

    String form(String path, String... namesAndValues) throws Exception {
        MockHttpServletRequestBuilder request = post(path).cookie(admin).with(csrf());
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            request.param(namesAndValues[i], namesAndValues[i + 1]);
        }
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as("answered on the form itself").isEqualTo(200);
        return response.getContentAsString();
    }

    long users() {
        return jdbc.sql("select count(*) from plat_user where tenant_id = ?").param(company).query(Long.class).single();
    }

    long clients() {
        return jdbc.sql("select count(*) from plat_api_client where tenant_id = ?").param(company).query(Long.class).single();
    }

    @Test
    void anInvitationAnswersEveryFieldAtOnceAndInvitesNobody() throws Exception {
        long before = users();
        assertThat(form("/tenant/users", "email", "", "displayName", ""))
                .contains("メールアドレス：入力してください。", "氏名：入力してください。", "権限：権限を1つ以上選択してください。");
        String tooLong = form("/tenant/users", "email", "a".repeat(250) + "@x.jp", "displayName", "名".repeat(101), "roles", "HR_STAFF");
        assertThat(tooLong).contains("メールアドレス：長すぎます。", "氏名：長すぎます。", "名".repeat(101));
        assertThat(form("/tenant/users", "email", "no-at-sign", "displayName", "山田　太郎", "roles", "SPACESHIP"))
                .contains("メールアドレス：メールアドレスの形式が正しくありません。", "権限：", "no-at-sign", "山田　太郎");
        // out of range: a role this kind of tenant cannot hold, beside the roles
        assertThat(form("/tenant/users", "email", "ok-" + UUID.randomUUID() + "@example.jp", "displayName", "山田　太郎",
                "roles", "REGISTRY_OFFICER")).contains("権限：この種別のテナントには付与できない権限です。");
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void anApiClientAnswersEveryFieldAtOnceAndRegistersNothing() throws Exception {
        assertThat(form("/tenant/api-clients", "name", "")).contains("名称：入力してください。", "スコープ：入力してください。");
        assertThat(form("/tenant/api-clients", "name", "Ｘ".repeat(201), "scopes", "accounting.read"))
                .contains("名称：長すぎます。", "Ｘ".repeat(201));
        // out of range: a scope this kind of tenant is not offered
        assertThat(form("/tenant/api-clients", "name", "連携アプリ", "scopes", "admin.everything"))
                .contains("スコープ：スコープを正しく選択してください。", "連携アプリ");
        assertThat(clients()).isZero();
    }
}
