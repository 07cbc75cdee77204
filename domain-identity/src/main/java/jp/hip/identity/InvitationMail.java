package jp.hip.identity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The invitation mail (Japanese first, then English), queued in the inviting transaction (ADR 0009). */
@Component
class InvitationMail {

    static final String PURPOSE = "INVITATION";

    private final MailOutbox outbox;
    private final String publicUrl;

    // hip.public-url (HIP_PUBLIC_URL) is empty unless configured; links then point at this node's own port, as the
    // pages' links do (PublicBaseUrlFilter)
    InvitationMail(MailOutbox outbox, @Value("${hip.public-url:}") String publicUrl,
            @Value("${server.port:8080}") int port) {
        this.outbox = outbox;
        String base = publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + port : publicUrl.strip();
        this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    void queue(Tenant tenant, UserAccount user, String token) {
        String link = publicUrl + "/invitation/" + token;
        String tenantName = tenant.view().name();
        String subject = "【健康経営プラットフォーム】" + tenantName + "からの招待 / Invitation from " + tenantName;
        String body = user.displayName() + " 様\n\n"
                + tenantName + " から健康経営プラットフォームに招待されました。\n"
                + "次のリンクを開いてパスワードを設定してください（7日間有効、1回限り）。\n\n"
                + link + "\n\n"
                + "心当たりがない場合は、このメールを破棄してください。\n\n"
                + "----\n"
                + "Dear " + user.displayName() + ",\n\n"
                + tenantName + " has invited you to the health-investment platform. Open the link above to set your "
                + "password (valid for 7 days, once). If you did not expect this mail, please ignore it.\n";
        outbox.enqueue(tenant.id(), PURPOSE, user.email(), subject, body);
    }
}
