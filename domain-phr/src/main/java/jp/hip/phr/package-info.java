/**
 * PHR data exchange: persons and the tenants that hold their data, observations stored as FHIR R4 JSON with
 * search columns, the versioned code table (特定健診 item codes, JLAC10, LOINC), consent that every read
 * applies inside its SQL, the access log, export and deletion on request (ref-phr.md §5, §6).
 *
 * <p>The facade is {@link jp.hip.phr.PhrRecords}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "PHR")
package jp.hip.phr;
