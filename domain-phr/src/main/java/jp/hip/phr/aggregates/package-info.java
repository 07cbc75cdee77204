/**
 * Aggregates over a holder's members, counts only, small cells suppressed (facade
 * {@link jp.hip.phr.aggregates.MembersOverviews}).
 */
@org.springframework.modulith.NamedInterface("aggregates")
@jp.hip.phr.Capability(allowedDependencies = {"access", "persons", "observations"})
package jp.hip.phr.aggregates;
