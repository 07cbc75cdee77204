package jp.hip.phr.invitations;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import jp.hip.identity.mail.MailOutbox;
import jp.hip.phr.invitations.MemberInvitations.IssuedInvitation;

/**
 * The invitation mail (Japanese first, then English), queued through the platform's outbox in the inviting
 * transaction (ADR 0009). The code is not part of a link (no secret in a URL, ADR 0007): the person types it on the
 * sign-up page; the outbox blanks it once the mail is sent.
 */
@Component
class MemberInvitationMail {

    static final String PURPOSE = "PHR_MEMBER_INVITATION";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu年M月d日").withZone(ZoneId.of("Asia/Tokyo"));

    private final MailOutbox outbox;
    private final String publicUrl;
    private final Environment environment;

    MemberInvitationMail(MailOutbox outbox, @Value("${hip.public-url:}") String publicUrl, Environment environment) {
        this.outbox = outbox;
        this.environment = environment;
        String base = publicUrl == null ? "" : publicUrl.strip();
        this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** hip.public-url (HIP_PUBLIC_URL); unset, this node's own port, as the pages' links. */
    String joinUrl() {
        String base = !publicUrl.isEmpty() ? publicUrl : "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
        return base + "/join";
    }

    void queue(UUID insurerTenantId, String recipient, IssuedInvitation invitation) {
        String expires = DATE.format(invitation.expiresAt());
        String subject = "【健康経営プラットフォーム】" + invitation.insurerName() + "から健診結果の閲覧のご案内 / Your health records from "
                + invitation.insurerName();
        String body = invitation.personName() + " 様\n\n"
                + invitation.insurerName() + " から、健康経営プラットフォームでご自分の健診結果を見られるようになりました。\n"
                + "次のページで、被保険者証の保険者番号・記号・番号・枝番、生年月日と下の招待コードを入力して登録してください。\n\n"
                + joinUrl() + "\n\n"
                + "招待コード / Invitation code: " + invitation.code() + "\n"
                + "有効期限: " + expires + "（1回限り）\n\n"
                + "心当たりがない場合は、このメールを破棄してください。\n\n"
                + "----\n"
                + invitation.insurerName() + " invites you to see your health records on the health-investment platform. "
                + "Open the page above and enter the numbers on your health insurance card, your date of birth and the "
                + "invitation code (valid until " + expires + ", once).\n";
        outbox.enqueue(insurerTenantId, PURPOSE, recipient, subject, body);
    }
}
