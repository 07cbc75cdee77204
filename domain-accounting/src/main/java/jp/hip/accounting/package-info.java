/**
 * Health-investment accounting (健康投資管理会計, METI guideline 2020): measures (施策) per fiscal year tied to
 * health issues, investment lines in the four expense types, personnel time and facility depreciation turned
 * into yen, allocation (按分) of each line to the indicators it serves, indicators (健康投資効果) with yearly
 * values, health resources (健康資源), the analyses and the outputs (workbook, survey CSV).
 *
 * <p>Services by capability: {@link jp.hip.accounting.HealthAccounting} (measures, lines, indicators, analysis),
 * {@code FacilityLedger}, {@code AccountingImports}, {@code AccountingYears}, {@code AccountingChanges},
 * {@code HealthResources}, {@code HealthIssues}, {@code StrategyMaps}, {@code AccountingOutputs}. Every row is tenant-scoped by Hibernate's
 * {@code @TenantId} (see {@code jp.hip.identity.CurrentTenant}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounting", allowedDependencies = {"identity", "identity :: database"})
package jp.hip.accounting;
