/**
 * Health-investment accounting (健康投資管理会計, METI guideline 2020): measures (施策) per fiscal year tied to
 * health issues, investment lines in the four expense types, personnel time and facility depreciation turned
 * into yen, allocation (按分) of each line to the indicators it serves, indicators (健康投資効果) with yearly
 * values, health resources (健康資源), the analyses and the outputs (workbook, survey CSV).
 *
 * <p>The root package holds the facades {@link jp.hip.accounting.HealthAccounting} (measures, lines, indicators,
 * analysis) and {@link jp.hip.accounting.AccountingChanges} (edit/delete), and the types every capability shares
 * ({@link jp.hip.accounting.Yen}, {@link jp.hip.accounting.FiscalYear}, {@link jp.hip.accounting.AccountingException},
 * the views of {@code HealthAccounting}). Each capability is a sub-package, exposed as a named interface and declaring
 * the capabilities it uses with {@link jp.hip.accounting.Capability} (ADR 0108): {@code ledger} (measures, lines,
 * allocation), {@code indicators}, {@code depreciation} (tax rules), {@code facilities} ({@code FacilityLedger}),
 * {@code years} ({@code AccountingYears}), {@code resources} ({@code HealthResources}, {@code HealthIssues}),
 * {@code strategy} ({@code StrategyMaps}), {@code imports} ({@code AccountingImports}) and {@code outputs}
 * ({@code AccountingOutputs}). Every row is tenant-scoped by Hibernate's {@code @TenantId} (see
 * {@code jp.hip.identity.CurrentTenant}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounting", allowedDependencies = {"identity", "identity :: database"})
package jp.hip.accounting;
