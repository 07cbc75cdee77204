/**
 * The second factor (ADR 0008): TOTP codes (RFC 6238, {@link jp.hip.identity.secondfactor.Totp}) and single-use
 * recovery codes, required for the roles that reach many people's data (facade
 * {@link jp.hip.identity.secondfactor.SecondFactors}); the TOTP secrets are sealed at rest with AES-256-GCM
 * ({@code TotpSecretCipher}, ADR 0091). Wrong codes are throttled like passwords.
 */
@org.springframework.modulith.NamedInterface("secondfactor")
@jp.hip.identity.Capability(allowedDependencies = {"throttling"})
package jp.hip.identity.secondfactor;
