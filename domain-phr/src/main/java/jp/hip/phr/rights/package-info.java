/**
 * The person's rights: export and deletion (facade {@link jp.hip.phr.rights.PhrRights}).
 */
@org.springframework.modulith.NamedInterface("rights")
@jp.hip.phr.Capability(allowedDependencies = {"access", "persons", "observations", "medication"})
package jp.hip.phr.rights;
