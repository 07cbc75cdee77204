/**
 * Strategy maps (戦略マップ, append-only versions per 年度; facade {@link jp.hip.accounting.strategy.StrategyMaps}),
 * the draft from a year's entries, and the roll-up of allocations to the final goals
 * ({@link jp.hip.accounting.strategy.GoalRollUp}).
 */
@org.springframework.modulith.NamedInterface("strategy")
@jp.hip.accounting.Capability(allowedDependencies = {"indicators", "ledger", "years"})
package jp.hip.accounting.strategy;
