/**
 * Typed FHIR search criteria (issue 10) the FHIR layer parses requests into, and {@link jp.hip.phr.search.SqlWhere},
 * which the capabilities turn them into bound SQL with. No access rules here: the capabilities add the access join.
 */
@org.springframework.modulith.NamedInterface("search")
@jp.hip.phr.Capability(allowedDependencies = {})
package jp.hip.phr.search;
