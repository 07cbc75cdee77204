package jp.hip.guidelines.review;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import jp.hip.guidelines.declarations.Declaration;
import jp.hip.guidelines.expiry.Reminder;
import jp.hip.identity.mail.MailOutbox;

/**
 * Mail to an association's contact address (its profile's 連絡先メール) through the platform's outbox (ADR 0009): the
 * expiry reminders and METI's decisions and comments meant for the applicant. Queued in the caller's transaction, so
 * the mail goes out exactly when the decision is committed; an association without an address gets none (the page
 * still shows everything).
 */
@Component
public class AssociationMail {

    static final String REMINDER = "GUIDELINE_REMINDER";
    static final String DECISION = "GUIDELINE_DECISION";

    private final MailOutbox outbox;
    private final JdbcClient jdbc;

    AssociationMail(MailOutbox outbox, JdbcClient jdbc) {
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    /** The contact address of the association that is the tenant (plain SQL: the caller may be METI or a job). */
    Optional<String> contactOf(UUID associationTenant) {
        return jdbc.sql("select contact_email from gl_association where tenant_id = ?").param(associationTenant)
                .query(String.class).optional().filter(e -> e != null && !e.isBlank());
    }

    public void reminder(UUID associationTenant, String associationName, Reminder r) {
        contactOf(associationTenant).ifPresent(to -> outbox.enqueue(associationTenant, REMINDER, to,
                "【ヘルスケアサービスガイドライン等】ロゴマーク使用期限のお知らせ（" + r.registrationNo() + "）",
                associationName + " ご担当者様\n\n"
                        + "「" + r.title() + "」（登録番号 " + r.registrationNo() + "）のロゴマーク使用期限は "
                        + r.validUntil() + " です（残り " + r.daysLeft() + " 日）。\n"
                        + "引き続き掲載を希望される場合は、期限までに新しい宣言を提出してください。\n\n"
                        + "----\n"
                        + "The logo of \"" + r.title() + "\" (" + r.registrationNo() + ") may be used until " + r.validUntil()
                        + " (" + r.daysLeft() + " days left). Submit a new declaration before then to stay listed.\n"));
    }

    void decision(Declaration d, RegistryReview.RegistryAction action, String reason) {
        String what = switch (action) {
            case LIST -> "掲載されました / has been listed";
            case RETURN -> "差し戻されました / has been returned for changes";
            case NOT_ACCEPT -> "不受理となりました / has not been accepted";
            case DELIST -> "掲載が取り消されました / has been delisted";
            case SUSPEND -> "一時停止されました / has been suspended";
            case RESTORE -> "掲載が再開されました / has been restored";
        };
        contactOf(d.tenantId()).ifPresent(to -> outbox.enqueue(d.tenantId(), DECISION, to,
                "【ヘルスケアサービスガイドライン等】宣言が" + what.substring(0, what.indexOf(" /")) + "（" + d.title() + "）",
                d.associationName() + " ご担当者様\n\n"
                        + "「" + d.title() + "」の宣言が" + what + "。\n"
                        + (reason == null || reason.isBlank() ? "" : "\n経済産業省からのコメント / Comment from METI:\n" + reason + "\n")
                        + "\n詳しくはプラットフォームの「ガイドライン」ページをご覧ください。"
                        + " / See the guideline pages of the platform for details.\n"));
    }

    void comment(Declaration d, String body) {
        contactOf(d.tenantId()).ifPresent(to -> outbox.enqueue(d.tenantId(), DECISION, to,
                "【ヘルスケアサービスガイドライン等】経済産業省からのコメント（" + d.title() + "）",
                d.associationName() + " ご担当者様\n\n「" + d.title() + "」の宣言に、経済産業省からコメントがあります。"
                        + " / METI has commented on your declaration.\n\n" + body + "\n"));
    }
}
