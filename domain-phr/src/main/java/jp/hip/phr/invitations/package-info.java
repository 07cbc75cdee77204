/**
 * Individuals join (issue 17 item 5, ADR 0043): an insurer invites a member with a one-time code
 * ({@link jp.hip.phr.invitations.MemberInvitations}, by mail or on a printed 結果通知), and the person proves who
 * they are with their card details, 生年月日 and the code ({@link jp.hip.phr.invitations.MemberJoining}); their new
 * account is then linked to their person.
 */
@org.springframework.modulith.NamedInterface("invitations")
@jp.hip.phr.Capability(allowedDependencies = {"access"})
package jp.hip.phr.invitations;
