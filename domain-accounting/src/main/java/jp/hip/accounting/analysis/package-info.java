/**
 * The analyses of a 年度 (健康投資管理会計ガイドライン 図表4, ADR 0029, 0105): {@link jp.hip.accounting.analysis.Analysis}
 * (cost per participant, 投資効果分析, 投資対便益分析, the strategy map's roll-up), computed by
 * {@link jp.hip.accounting.analysis.Analyses} from the facts of the year's measures and lines; 投資最小化分析
 * ({@link jp.hip.accounting.analysis.CostMinimisation}) and 投資効用分析 ({@link jp.hip.accounting.analysis.CostUtility})
 * over each measure's recorded effect ({@code MeasureEffect}), with the facade
 * {@link jp.hip.accounting.analysis.EfficiencyAnalyses}.
 */
@org.springframework.modulith.NamedInterface("analysis")
@jp.hip.accounting.Capability(allowedDependencies = {"indicators", "ledger", "strategy", "years"})
package jp.hip.accounting.analysis;
