/**
 * Observations: the code table, ingest rules, store and FHIR mapping, search, the individual's timeline (facade
 * {@link jp.hip.phr.observations.PhrObservations}) and bulk ingest ({@link jp.hip.phr.observations.BulkIngest}).
 */
@org.springframework.modulith.NamedInterface("observations")
@jp.hip.phr.Capability(allowedDependencies = {"access", "persons", "search"})
package jp.hip.phr.observations;
