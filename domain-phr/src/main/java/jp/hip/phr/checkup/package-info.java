/**
 * 特定健診 as an insurer works with them (issue 11, ADR 0040): uploads of submission archives, XML and CSV read
 * into checkups (one per person, 健診実施日 and 健診実施機関, every version kept), persons matched on 保険者番号 +
 * 記号 + 番号 + 枝番, corrections and deletion requests, the paged upload history (facade
 * {@link jp.hip.phr.checkup.CheckupRecords}); the 特定保健指導 対象者 list ({@link jp.hip.phr.checkup.GuidanceTargets}),
 * the coded items of the members overview ({@link jp.hip.phr.checkup.CodedItemsOverview}) and the individual's own
 * checkups ({@link jp.hip.phr.checkup.MyCheckups}) and the 要確認 confirmations ({@link jp.hip.phr.checkup.CheckupReviews}). The file formats themselves are in {@code checkup.file}.
 */
@org.springframework.modulith.NamedInterface("checkup")
@jp.hip.phr.Capability(allowedDependencies = {"access", "aggregates"})
package jp.hip.phr.checkup;
