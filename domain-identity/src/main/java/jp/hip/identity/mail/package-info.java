/**
 * Outgoing mail (ADR 0009): the outbox that queues a mail in the caller's transaction and delivers it over SMTP
 * with retries ({@link jp.hip.identity.mail.MailOutbox}), and what the demo's local mail catcher received
 * ({@link jp.hip.identity.mail.MailCatcher}) for the platform administrators' mail page.
 */
@org.springframework.modulith.NamedInterface("mail")
@jp.hip.identity.Capability(allowedDependencies = {})
package jp.hip.identity.mail;
