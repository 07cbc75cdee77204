/**
 * Declarations (宣言書) and their lifecycle: the aggregate {@link jp.hip.guidelines.declarations.Declaration} with its
 * rules ({@link jp.hip.guidelines.declarations.DeclarationRules}, every problem at once in
 * {@link jp.hip.guidelines.declarations.DraftProblems}, ADR 0018), answers and evidence documents, the append-only
 * status transitions, the prefill from the previous declaration ({@link jp.hip.guidelines.declarations.DraftPrefill})
 * and what every actor's service shares ({@link jp.hip.guidelines.declarations.DeclarationRecords}: the registry's
 * day, recording a transition, the review detail, the edition in force). Not a facade.
 */
@org.springframework.modulith.NamedInterface("declarations")
package jp.hip.guidelines.declarations;
