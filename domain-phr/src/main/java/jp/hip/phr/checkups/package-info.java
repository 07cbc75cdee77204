/**
 * 特定健診 results as an insurer works with them (issue 11, ADR 0040): uploads of submission archives, XML and
 * CSV read into checkups (one per person, 健診実施日 and 健診実施機関, every version kept), persons matched on
 * 保険者番号 + 記号 + 番号 + 枝番, corrections and deletion requests, the 特定保健指導 対象者 list, the upload history
 * and the individual's own 問診 and 判定. Reads of person data apply consent in SQL and are logged.
 */
@org.springframework.modulith.NamedInterface("checkups")
package jp.hip.phr.checkups;
