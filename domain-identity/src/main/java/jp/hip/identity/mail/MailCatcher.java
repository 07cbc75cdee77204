package jp.hip.identity.mail;

import java.time.Instant;
import java.util.List;

/**
 * The mail that a local mail catcher received (the demo's embedded GreenMail), for the platform administrators'
 * mail page: a newcomer sees every mail the platform sent. There is none outside the demo.
 */
public interface MailCatcher {

    record CaughtMail(Instant receivedAt, String from, String to, String subject, String body) {}

    /** Newest first. */
    List<CaughtMail> caught();
}
