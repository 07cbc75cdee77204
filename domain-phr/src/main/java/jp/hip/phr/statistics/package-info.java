/**
 * Statutory aggregates (法令 basis, 高齢者医療確保法): counts of an insurer's own members' 特定健診 observations,
 * never a person row. Used by コラボヘルス (domain-collabo) for the employer report.
 */
@org.springframework.modulith.NamedInterface("statistics")
@jp.hip.phr.Capability(allowedDependencies = {})
package jp.hip.phr.statistics;
