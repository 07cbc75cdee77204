package jp.hip;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.demo.DemoData;

/** The sign-ins that the README lists work in the run command's demo mode and lead to each role's home. */
@PlatformTest
@ActiveProfiles("demo")
class DemoDataTests {

    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @CsvSource({
            "admin@hip.example, /admin/tenants, テナント",
            "hr@sakura-seiki.example, /company, 健康経営ホーム",
            "exec@sakura-seiki.example, /company, 健康経営ホーム",
            "hr@minato-shoji.example, /company, 健康経営ホーム",
            "kenpo@sakura-kenpo.example, /insurer, 保険者ホーム",
            "staff@jhsa.example, /association, 業界団体等ホーム",
            "officer@meti.example, /registry, ガイドライン掲載業務",
            "taro@example.jp, /me, わたしの記録"})
    void everyReadmeSignInReachesItsHome(String email, String home, String heading) throws Exception {
        // the second factor's secrets are the README's (ProjectFilesTests checks they are printed there)
        DemoData.TOTP_SECRETS.forEach(Accounts::rememberSecret);
        var session = Accounts.signIn(mvc, email, DemoData.PASSWORD, "SESSION"); // the demo profile turns Secure (and so __Host-) off
        mvc.perform(get("/home").cookie(session)).andExpect(redirectedUrl(home));
        mvc.perform(get(home).cookie(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(heading)));
    }
}
