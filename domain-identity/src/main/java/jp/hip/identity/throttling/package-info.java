/**
 * Throttling: growing delays after repeated failures, shared by every node through {@code plat_throttle}
 * ({@link jp.hip.identity.throttling.Throttle}, ADR 0007): wrong passwords, second-factor codes, client
 * authentications at the token endpoint and PHR joining codes.
 */
@org.springframework.modulith.NamedInterface("throttling")
@jp.hip.identity.Capability(allowedDependencies = {})
package jp.hip.identity.throttling;
