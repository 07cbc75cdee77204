package jp.hip.identity.throttling;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Growing delays after repeated failures (ADR 0007), shared by every app instance through {@code plat_throttle}.
 * A rule allows {@link Rule#freeFailures()} failures, then each further failure makes the subject wait twice as
 * long as the one before (30 s, 1 min, 2 min, … up to {@link Rule#maxDelay()}). A success clears the subject's count;
 * failures older than {@link #FORGET_AFTER} are forgotten. Nothing is ever locked: the wait ends by itself, and
 * the keys are chosen so that a stranger can only slow down his own attempts (see {@link #SIGN_IN_PAIR}).
 * Called outside any transaction (filters and handlers of the security chains): each statement commits alone, so a
 * failure is counted even when the request fails afterwards.
 */
@Component
public class Throttle {

    /** A throttling rule: its name (part of the key), failures allowed without delay, the first and the longest delay. */
    public record Rule(String name, int freeFailures, Duration firstDelay, Duration maxDelay) {}

    /** Wrong passwords from one client address, whatever the e-mail. Generous: offices sign in behind one NAT. */
    public static final Rule SIGN_IN_ADDRESS = new Rule("signin-ip", 100, Duration.ofSeconds(30), Duration.ofMinutes(15));

    /**
     * Wrong passwords for one e-mail from one client address. The e-mail need not exist (unknown and known
     * e-mails are throttled alike, so the answer tells nothing). Keyed on the pair, not the account alone, so a
     * stranger's wrong passwords never keep the owner out (no anonymous lock).
     */
    public static final Rule SIGN_IN_PAIR = new Rule("signin-pair", 4, Duration.ofSeconds(30), Duration.ofMinutes(15));

    /** Wrong second-factor codes for one account (the password was right: only its owner or a thief is here). */
    public static final Rule SECOND_FACTOR = new Rule("totp-user", 4, Duration.ofSeconds(30), Duration.ofMinutes(15));

    /** Failed client authentications at the token endpoint from one address. */
    public static final Rule TOKEN_ADDRESS = new Rule("token-ip", 100, Duration.ofSeconds(30), Duration.ofMinutes(15));

    /** Failed client authentications for one client id from one address. */
    public static final Rule TOKEN_PAIR = new Rule("token-pair", 4, Duration.ofSeconds(30), Duration.ofMinutes(15));

    static final Duration FORGET_AFTER = Duration.ofHours(24);

    private final JdbcClient jdbc;
    private final Clock clock;

    Throttle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long the subject must still wait before its next attempt counts; zero when it may try now. */
    public Duration waitFor(Rule rule, String subject) {
        Instant now = clock.instant();
        return jdbc.sql("select blocked_until from plat_throttle where key = ?")
                .param(key(rule, subject))
                .query(Timestamp.class).optional()
                .map(Timestamp::toInstant)
                .filter(now::isBefore)
                .map(until -> Duration.between(now, until))
                .orElse(Duration.ZERO);
    }

    /** Counts a failure; returns the wait it imposes (zero while failures are still free). */
    public Duration failed(Rule rule, String subject) {
        Instant now = clock.instant();
        String key = key(rule, subject);
        int failures = jdbc.sql("""
                        insert into plat_throttle (key, failures, last_failure_at) values (:key, 1, :now)
                        on conflict (key) do update set
                            failures = case when plat_throttle.last_failure_at < :forget then 1
                                            else plat_throttle.failures + 1 end,
                            last_failure_at = :now
                        returning failures""")
                .param("key", key)
                .param("now", Timestamp.from(now))
                .param("forget", Timestamp.from(now.minus(FORGET_AFTER)))
                .query(Integer.class).single();
        Duration delay = delayAfter(rule, failures);
        jdbc.sql("update plat_throttle set blocked_until = ? where key = ?")
                .param(delay.isZero() ? null : Timestamp.from(now.plus(delay)))
                .param(key)
                .update();
        return delay;
    }

    /** A success: the subject starts again from zero. */
    public void succeeded(Rule rule, String subject) {
        jdbc.sql("delete from plat_throttle where key = ?").param(key(rule, subject)).update();
    }

    /** The delay after the given number of failures in a row: none while free, then the first delay, doubling, capped. */
    static Duration delayAfter(Rule rule, int failures) {
        int beyond = failures - rule.freeFailures();
        if (beyond <= 0) {
            return Duration.ZERO;
        }
        if (beyond > 30) {
            return rule.maxDelay();
        }
        Duration delay = rule.firstDelay().multipliedBy(1L << (beyond - 1));
        return delay.compareTo(rule.maxDelay()) >= 0 ? rule.maxDelay() : delay;
    }

    /** The subject of a rule keyed on an address and a name (an e-mail, a client id): case-insensitive name. */
    public static String pair(String address, String name) {
        return address + "|" + (name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
    }

    private static String key(Rule rule, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(subject).getBytes(StandardCharsets.UTF_8));
            return rule.name() + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
