/**
 * The public side of the registry (公開リスト): the list, an entry with its history, export and verification by
 * registration number (facade {@link jp.hip.guidelines.publicregister.PublicRegister}); list pages kept while the
 * registry revision and the day are unchanged ({@link jp.hip.guidelines.publicregister.PublicListCache}, ADR 0016).
 */
@org.springframework.modulith.NamedInterface("publicregister")
package jp.hip.guidelines.publicregister;
