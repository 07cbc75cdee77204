package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.demo.DemoData;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.mail.MailOutbox;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** In the demo, an invitation lands in the embedded mail catcher and the platform administrator reads it (ADR 0009). */
@PlatformTest
@ActiveProfiles("demo")
class DemoMailTests {

    @Autowired MockMvc mvc;
    @Autowired MailOutbox outbox;
    @Autowired JavaMailSender demoMailSender;
    @Autowired IdentityManagement identity;

    @Test
    void thePlatformAdministratorReadsTheInvitationMailOnTheMailPage() throws Exception {
        String email = "demo-mail-" + UUID.randomUUID() + "@test.example";
        var invitation = CurrentTenant.runAsSystem(() -> identity.createTenant(new IdentityManagement.CreateTenant(
                TenantKind.COMPANY, "メール確認株式会社 " + UUID.randomUUID(), null, email, "確認 一郎", EnumSet.of(Role.HR_STAFF))));
        assertThat(outbox.deliverDue(demoMailSender)).isGreaterThanOrEqualTo(1);
        // other tests in this database queue mail too (registry decisions, invitations): deliver all that is due,
        // 50 at a time as the job does, so this invitation's turn comes
        for (int batch = 0; batch < 200 && outbox.deliverDue(demoMailSender) > 0; batch++) {
            // next batch
        }

        DemoData.TOTP_SECRETS.forEach(Accounts::rememberSecret);
        var session = Accounts.signIn(mvc, "admin@hip.example", DemoData.PASSWORD, "SESSION");
        String page = mvc.perform(get("/admin/mail").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(email).contains("メール確認株式会社").contains("/invitation/" + invitation.token())
                .contains("送信済み");
        // only platform administrators read mail
        var hr = Accounts.signIn(mvc, "hr@sakura-seiki.example", DemoData.PASSWORD, "SESSION");
        mvc.perform(get("/admin/mail").cookie(hr)).andExpect(status().isForbidden());
    }
}
