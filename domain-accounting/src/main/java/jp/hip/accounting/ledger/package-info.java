/**
 * The ledger: measures (施策, {@link jp.hip.accounting.ledger.Measure}) and their investment lines
 * ({@link jp.hip.accounting.ledger.InvestmentLine}: amount, personnel time, a facility's depreciation share), the line's
 * allocation (按分, {@link jp.hip.accounting.ledger.AllocationRule}) and the classifications every other capability
 * reads (expense type, resource view, purpose). Entities and repositories only: the services that write them are
 * the facade {@link jp.hip.accounting.HealthAccounting} and the capabilities that use the ledger.
 */
@org.springframework.modulith.NamedInterface("ledger")
@jp.hip.accounting.Capability(allowedDependencies = {"depreciation"})
package jp.hip.accounting.ledger;
