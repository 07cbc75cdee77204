package jp.hip.guidelines.declarations;

/**
 * What the association enters for one checklist item: 該当 with an evidence URL (or an uploaded document), or
 * 該当なし with the reason it does not apply.
 */
public record AnswerInput(Answer answer, String evidenceUrl, String reason) {

    public AnswerInput(Answer answer, String evidenceUrl) {
        this(answer, evidenceUrl, null);
    }
}
