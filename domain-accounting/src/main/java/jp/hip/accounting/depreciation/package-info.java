/**
 * Tax depreciation as the law computes it (減価償却資産の耐用年数等に関する省令; ADR 0024): asset classes, methods,
 * the statutory rate tables, the yearly schedule and the company's rounding rule
 * ({@link jp.hip.accounting.depreciation.Depreciation}, {@link jp.hip.accounting.depreciation.TaxDepreciation}). Pure
 * rules, no database: the facility ledger and the ledger's depreciation lines both compute with them.
 */
@org.springframework.modulith.NamedInterface("depreciation")
@jp.hip.accounting.Capability(allowedDependencies = {})
package jp.hip.accounting.depreciation;
