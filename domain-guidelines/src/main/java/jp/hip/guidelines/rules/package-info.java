/**
 * 本指針: its editions ({@link jp.hip.guidelines.rules.RuleDocument}) and their checklists
 * ({@link jp.hip.guidelines.rules.ChecklistItem}, revisions never edited but retired and replaced, ADR 0013).
 */
@org.springframework.modulith.NamedInterface("rules")
package jp.hip.guidelines.rules;
