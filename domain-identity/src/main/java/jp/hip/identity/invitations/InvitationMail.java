package jp.hip.identity.invitations;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import jp.hip.identity.TenantView;
import jp.hip.identity.UserView;
import jp.hip.identity.mail.MailOutbox;

/**
 * The invitation mail (Japanese first, then English), queued in the inviting transaction (ADR 0009). Public for the
 * identity facade ({@code IdentityManagement}) only; the package is no named interface (ADR 0112).
 */
@Component
public class InvitationMail {

    static final String PURPOSE = "INVITATION";

    private final MailOutbox outbox;
    private final String publicUrl;
    private final Environment environment;

    InvitationMail(MailOutbox outbox, @Value("${hip.public-url:}") String publicUrl, Environment environment) {
        this.outbox = outbox;
        this.environment = environment;
        String base = publicUrl == null ? "" : publicUrl.strip();
        this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** hip.public-url (HIP_PUBLIC_URL); unset, this node's own port, as the pages' links (PublicBaseUrlFilter). */
    private String base() {
        if (!publicUrl.isEmpty()) {
            return publicUrl;
        }
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }

    public void queue(TenantView tenant, UserView user, String token) {
        String link = base() + "/invitation/" + token;
        String tenantName = tenant.name();
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
