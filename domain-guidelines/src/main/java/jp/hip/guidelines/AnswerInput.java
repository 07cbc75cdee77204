package jp.hip.guidelines;

/** What the association enters for one checklist item. */
public record AnswerInput(Answer answer, String evidenceUrl) {}
