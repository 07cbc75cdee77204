/**
 * FHIR Bundles, transaction and batch (facade {@link jp.hip.phr.bundles.PhrBundles}).
 */
@org.springframework.modulith.NamedInterface("bundles")
@jp.hip.phr.Capability(allowedDependencies = {"access", "persons", "observations"})
package jp.hip.phr.bundles;
