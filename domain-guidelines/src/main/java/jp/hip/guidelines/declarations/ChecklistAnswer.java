package jp.hip.guidelines.declarations;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.Texts;

/** The association's answer to one checklist item: the URL where the evidence can be read, or why it does not apply. */
@Embeddable
public class ChecklistAnswer {

    @Column(name = "item_id")
    private UUID itemId;

    @Enumerated(EnumType.STRING)
    private Answer answer;

    @Column(name = "evidence_url")
    private String evidenceUrl;

    private String reason;

    protected ChecklistAnswer() {}

    ChecklistAnswer(UUID itemId, Answer answer, String evidenceUrl) {
        this(itemId, answer, evidenceUrl, null, null);
    }

    /** {@code code} names the item in the message when the URL or the reason is not acceptable. */
    ChecklistAnswer(UUID itemId, Answer answer, String evidenceUrl, String reason, String code) {
        this.itemId = itemId;
        this.answer = answer;
        try {
            this.evidenceUrl = Texts.url(evidenceUrl, "guidelines.declaration.evidenceUrl.invalid");
        } catch (GuidelineException e) {
            throw new GuidelineException(e.messageKey(), code);
        }
        String text = Texts.blankToNull(reason);
        if (text != null && text.length() > 1000) {
            throw new GuidelineException("guidelines.declaration.reason.tooLong", code);
        }
        this.reason = text;
    }

    public UUID itemId() { return itemId; }
    public Answer answer() { return answer; }
    public String evidenceUrl() { return evidenceUrl; }
    public String reason() { return reason; }
}
