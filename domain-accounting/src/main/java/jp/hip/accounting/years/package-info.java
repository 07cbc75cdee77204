/**
 * The 年度 as a unit of accounting: its policy (ADR 0027), its close (年度確定, ADR 0028) and the copy of a year to
 * the next (facade {@link jp.hip.accounting.years.AccountingYears}); the company's former policy with the
 * depreciation rounding rule ({@link jp.hip.accounting.years.Policy}).
 */
@org.springframework.modulith.NamedInterface("years")
@jp.hip.accounting.Capability(allowedDependencies = {"depreciation", "ledger"})
package jp.hip.accounting.years;
