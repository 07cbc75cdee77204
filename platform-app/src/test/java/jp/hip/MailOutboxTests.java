package jp.hip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.servlet.MockMvc;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.mail.MailOutbox;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** Invitations go out by mail through the outbox: retried while SMTP is down, never losing the invitation (ADR 0009). */
@PlatformTest
class MailOutboxTests {

    @Autowired MockMvc mvc;
    @Autowired MailOutbox outbox;
    @Autowired IdentityManagement identity;
    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;

    static JavaMailSenderImpl sender(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.setDefaultEncoding("UTF-8");
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
        return sender;
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Other tests in this database queue mail too (registry decisions, invitations) and nothing sends it here: put it
     * out of the way, so the job's batch of 50 holds this test's mail.
     */
    @org.junit.jupiter.api.BeforeEach
    void othersMailNotDueNow() {
        jdbc.sql("update plat_mail_outbox set next_attempt_at = now() + interval '1 day' where status = 'PENDING'").update();
    }

    String column(String column, String email) {
        return jdbc.sql("select " + column + "::text from plat_mail_outbox where recipient = ?").param(email).query(String.class).single();
    }

    @Test
    void anInvitationIsMailedOnceTheSmtpServerAnswersAndItsLinkWorks() throws Exception {
        UUID tenant = accounts.tenant(TenantKind.COMPANY);
        String email = "mail-" + UUID.randomUUID() + "@test.example";
        var invitation = CurrentTenant.runAs(tenant, () -> identity.inviteUser(
                new IdentityManagement.InviteUser(email, "郵便 次郎", EnumSet.of(Role.HR_STAFF))));
        assertThat(column("status", email)).isEqualTo("PENDING");
        assertThat(column("body", email)).contains("/invitation/" + invitation.token());

        // the SMTP server is down: the mail waits for a retry, the invitation stands
        outbox.deliverDue(sender(closedPort()));
        assertThat(column("status", email)).isEqualTo("PENDING");
        assertThat(column("attempts", email)).isEqualTo("1");
        assertThat(column("last_error", email)).isNotBlank();
        assertThat(jdbc.sql("select count(*) from plat_mail_outbox where recipient = ? and next_attempt_at > now() + interval '20 seconds'")
                .param(email).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select status from plat_user where id = ?").param(invitation.userId()).query(String.class).single())
                .isEqualTo("INVITED");

        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            // not due yet: nothing goes out before the retry time
            outbox.deliverDue(sender(smtp.getSmtp().getPort()));
            assertThat(column("status", email)).isEqualTo("PENDING");
            jdbc.sql("update plat_mail_outbox set next_attempt_at = now() - interval '1 second' where recipient = ?").param(email).update();
            outbox.deliverDue(sender(smtp.getSmtp().getPort()));
            assertThat(column("status", email)).isEqualTo("SENT");
            assertThat(column("body", email)).doesNotContain(invitation.token()); // the token does not stay in the table

            MimeMessage mail = java.util.Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> {
                        try {
                            return String.valueOf(m.getAllRecipients()[0]).equals(email);
                        } catch (jakarta.mail.MessagingException e) {
                            return false;
                        }
                    }).findFirst().orElseThrow();
            assertThat(mail.getSubject()).contains("招待").contains("Invitation");
            String body = String.valueOf(mail.getContent());
            assertThat(body).contains("郵便 次郎 様").contains("http://localhost:8080/invitation/" + invitation.token());
        } finally {
            smtp.stop();
        }
        mvc.perform(post("/invitation/{t}", invitation.token()).with(csrf())
                        .param("password", Accounts.PASSWORD).param("passwordConfirmation", Accounts.PASSWORD))
                .andExpect(redirectedUrl("/login?activated"));
    }

    @Test
    void afterTenFailedAttemptsTheMailStaysAsFailedForAnOperator() throws Exception {
        UUID tenant = accounts.tenant(TenantKind.COMPANY);
        String email = "failing-" + UUID.randomUUID() + "@test.example";
        CurrentTenant.runAs(tenant, () -> identity.inviteUser(new IdentityManagement.InviteUser(email, "失敗 花子", EnumSet.of(Role.HR_STAFF))));
        jdbc.sql("update plat_mail_outbox set attempts = 9 where recipient = ?").param(email).update();
        outbox.deliverDue(sender(closedPort()));
        assertThat(column("status", email)).isEqualTo("FAILED");
        assertThat(column("attempts", email)).isEqualTo("10");
        assertThat(outbox.latest(500)).anyMatch(m -> m.recipient().equals(email) && m.status().equals("FAILED"));
    }
}
