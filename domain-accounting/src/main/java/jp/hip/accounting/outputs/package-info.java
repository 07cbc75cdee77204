/**
 * Outputs (facade {@link jp.hip.accounting.outputs.AccountingOutputs}): the survey CSV naming its 調査年度, the
 * workbook with 予算と実績 and the sheets of 投資最小化分析 and 投資効用分析 ({@link jp.hip.accounting.outputs.EfficiencySheets}),
 * the disclosure with the five-年度 trend and both analyses (ADR 0113), and the module's CSV for Excel
 * ({@link jp.hip.accounting.outputs.Csv}).
 */
@org.springframework.modulith.NamedInterface("outputs")
@jp.hip.accounting.Capability(allowedDependencies = {"analysis", "depreciation", "indicators", "ledger", "resources", "years"})
package jp.hip.accounting.outputs;
