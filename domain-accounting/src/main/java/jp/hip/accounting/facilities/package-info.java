/**
 * Facilities (空間投資) as a 固定資産台帳 and their apportionment among measures as depreciation lines (facade
 * {@link jp.hip.accounting.facilities.FacilityLedger}; ADRs 0024, 0025).
 */
@org.springframework.modulith.NamedInterface("facilities")
@jp.hip.accounting.Capability(allowedDependencies = {"depreciation", "ledger", "years"})
package jp.hip.accounting.facilities;
