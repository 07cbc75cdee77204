/**
 * The individual's own account, a PERSONAL tenant and its user ({@link jp.hip.identity.personal.PersonalAccounts}):
 * closed when the person asks for deletion (ADR 0041).
 */
@org.springframework.modulith.NamedInterface("personal")
@jp.hip.identity.Capability(allowedDependencies = {})
package jp.hip.identity.personal;
