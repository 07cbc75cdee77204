package jp.hip.guidelines;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** The association's answer to one checklist item, with the URL where the evidence can be read. */
@Embeddable
public class ChecklistAnswer {

    @Column(name = "item_id")
    private UUID itemId;

    @Enumerated(EnumType.STRING)
    private Answer answer;

    @Column(name = "evidence_url")
    private String evidenceUrl;

    protected ChecklistAnswer() {}

    ChecklistAnswer(UUID itemId, Answer answer, String evidenceUrl) {
        this.itemId = itemId;
        this.answer = answer;
        this.evidenceUrl = Texts.url(evidenceUrl, "guidelines.declaration.evidenceUrl.invalid");
    }

    public UUID itemId() { return itemId; }
    public Answer answer() { return answer; }
    public String evidenceUrl() { return evidenceUrl; }
}
