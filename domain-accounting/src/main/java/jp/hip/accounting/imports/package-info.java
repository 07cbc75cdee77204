/**
 * Imports from CSV and .xlsx, all or nothing with the row and column of every problem (facade
 * {@link jp.hip.accounting.imports.AccountingImports}; ADRs 0022, 0026): lines (written by COPY), personnel time,
 * allocations, facilities and indicator values, and their templates.
 */
@org.springframework.modulith.NamedInterface("imports")
@jp.hip.accounting.Capability(allowedDependencies = {"depreciation", "facilities", "indicators", "ledger", "outputs", "years"})
package jp.hip.accounting.imports;
