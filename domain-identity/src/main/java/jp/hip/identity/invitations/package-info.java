/**
 * Invitations of users into a tenant: the invitation mail with its one-time link, queued through the outbox in the
 * inviting transaction ({@code InvitationMail}, ADR 0009). The invitation itself (token as SHA-256, 7 days, once) is
 * {@link jp.hip.identity.IdentityManagement}'s. Internal to the identity module: no named interface.
 */
@jp.hip.identity.Capability(allowedDependencies = {"mail"})
package jp.hip.identity.invitations;
