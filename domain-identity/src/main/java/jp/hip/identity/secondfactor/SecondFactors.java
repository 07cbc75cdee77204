package jp.hip.identity.secondfactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityException;
import jp.hip.identity.Role;
import jp.hip.identity.SignedInUser;
import jp.hip.identity.throttling.Throttle;

/**
 * The second factor (ADR 0008): TOTP (RFC 6238) with ten single-use recovery codes. Required for the roles that
 * reach many people's or the whole platform's data ({@link #REQUIRED_FOR}), optional for everybody else; the
 * 3省2ガイドライン expect two factors for health data and ASVS 5.0 6.3.2 (L2) requires them. Plain JDBC by user id:
 * the person is between password and code, and the rows are the user's own.
 */
@Service
public class SecondFactors {

    /** Platform administrators, METI officers (the registry) and insurer staff. */
    public static final Set<Role> REQUIRED_FOR = EnumSet.of(Role.PLATFORM_ADMIN, Role.REGISTRY_OFFICER, Role.INSURER_STAFF);

    public static final int RECOVERY_CODES = 10;
    static final String ISSUER = "健康経営プラットフォーム";

    /** What a code given at sign-in came to. */
    public enum Outcome {
        ACCEPTED, WRONG, REUSED, RECOVERY_CODE_USED, THROTTLED
    }

    /** Outcome of a check, with the wait that a refusal now imposes. */
    public record Check(Outcome outcome, Duration delay) {
        public boolean accepted() {
            return outcome == Outcome.ACCEPTED;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i

    private final JdbcClient jdbc;
    private final Throttle throttle;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final TotpSecretCipher cipher;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecondFactors.class);

    SecondFactors(JdbcClient jdbc, Throttle throttle, AuditLog audit, TransactionTemplate tx, Clock clock,
            TotpSecretCipher cipher) {
        this.jdbc = jdbc;
        this.throttle = throttle;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.cipher = cipher;
    }

    public static boolean required(Set<Role> roles) {
        return roles.stream().anyMatch(REQUIRED_FOR::contains);
    }

    public boolean enrolled(UUID userId) {
        return stored(userId).isPresent();
    }

    /** Whether sign-in must ask this user for a code: required by a role, or chosen by the user. */
    public boolean neededAtSignIn(SignedInUser user) {
        return required(user.roles()) || enrolled(user.id());
    }

    public static String newSecret() {
        return Totp.newSecret();
    }

    public static String otpauthUri(String email, String secret) {
        return Totp.otpauthUri(ISSUER, email, secret);
    }

    /**
     * Enrols (or re-enrols) the user with a secret the user's app shows codes for: the code proves the app has it.
     * Returns the new recovery codes, shown once; earlier ones stop working.
     */
    public List<String> enrol(SignedInUser user, String secret, String code) {
        Instant now = clock.instant();
        OptionalLong step = Totp.matchingStep(secret, code == null ? null : code.strip(), now, null);
        if (step.isEmpty()) {
            throw new IdentityException("identity.secondFactor.code.wrong");
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            codes.add(newRecoveryCode());
        }
        tx.executeWithoutResult(status -> {
            jdbc.sql("update plat_user set totp_secret = ?, totp_enabled_at = ?, totp_last_step = ? where id = ?")
                    .params(cipher.seal(user.id(), secret), Timestamp.from(now), step.getAsLong(), user.id()).update();
            jdbc.sql("delete from plat_recovery_code where user_id = ?").param(user.id()).update();
            for (String recovery : codes) {
                jdbc.sql("insert into plat_recovery_code (tenant_id, user_id, code_hash, created_at) values (?, ?, ?, ?)")
                        .params(user.tenantId(), user.id(), sha256(normalise(recovery)), Timestamp.from(now)).update();
            }
            audit.recordFor(user.tenantId(), user.id().toString(), user.displayName(), "SECOND_FACTOR_ENROLLED", "User",
                    user.id().toString(), null);
        });
        return codes;
    }

    /** Turns the second factor off, for a user whose roles do not require it. */
    public void disable(SignedInUser user) {
        if (required(user.roles())) {
            throw new IdentityException("identity.secondFactor.required");
        }
        tx.executeWithoutResult(status -> {
            jdbc.sql("update plat_user set totp_secret = null, totp_enabled_at = null, totp_last_step = null where id = ?")
                    .param(user.id()).update();
            jdbc.sql("delete from plat_recovery_code where user_id = ?").param(user.id()).update();
            audit.recordFor(user.tenantId(), user.id().toString(), user.displayName(), "SECOND_FACTOR_DISABLED", "User",
                    user.id().toString(), null);
        });
    }

    /**
     * Checks a code given at sign-in: six digits are a TOTP code, anything else a recovery code. Throttled per
     * user like passwords (growing delays); every outcome is audited.
     */
    public Check verify(SignedInUser user, String given) {
        String subject = user.id().toString();
        Duration wait = throttle.waitFor(Throttle.SECOND_FACTOR, subject);
        if (!wait.isZero()) {
            return record(user, new Check(Outcome.THROTTLED, wait));
        }
        String code = given == null ? "" : given.strip().replace(" ", "");
        Outcome outcome = code.matches("\\d{" + Totp.DIGITS + "}") ? checkTotp(user, code) : checkRecovery(user, code);
        if (outcome == Outcome.ACCEPTED) {
            throttle.succeeded(Throttle.SECOND_FACTOR, subject);
            return record(user, new Check(outcome, Duration.ZERO));
        }
        return record(user, new Check(outcome, throttle.failed(Throttle.SECOND_FACTOR, subject)));
    }

    /** How many unused recovery codes the user has left. */
    public int recoveryCodesLeft(UUID userId) {
        return jdbc.sql("select count(*) from plat_recovery_code where user_id = ? and used_at is null")
                .param(userId).query(Integer.class).single();
    }

    private Outcome checkTotp(SignedInUser user, String code) {
        Optional<String> secret = secret(user.id());
        if (secret.isEmpty()) {
            return Outcome.WRONG;
        }
        Instant now = clock.instant();
        Long last = jdbc.sql("select totp_last_step from plat_user where id = ?").param(user.id()).query(Long.class).optional().orElse(null);
        OptionalLong step = Totp.matchingStep(secret.get(), code, now, last);
        if (step.isEmpty()) {
            return Totp.matchesAnyRecentStep(secret.get(), code, now) ? Outcome.REUSED : Outcome.WRONG;
        }
        // the step only moves forward, also when two nodes check the same code at once
        int moved = jdbc.sql("update plat_user set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)")
                .params(step.getAsLong(), user.id(), step.getAsLong()).update();
        return moved == 1 ? Outcome.ACCEPTED : Outcome.REUSED;
    }

    private Outcome checkRecovery(SignedInUser user, String code) {
        if (code.isEmpty() || code.length() > 40) {
            return Outcome.WRONG;
        }
        String hash = sha256(normalise(code));
        int used = jdbc.sql("update plat_recovery_code set used_at = ? where user_id = ? and code_hash = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), user.id(), hash).update();
        if (used == 1) {
            return Outcome.ACCEPTED;
        }
        boolean known = jdbc.sql("select exists (select 1 from plat_recovery_code where user_id = ? and code_hash = ?)")
                .params(user.id(), hash).query(Boolean.class).single();
        return known ? Outcome.RECOVERY_CODE_USED : Outcome.WRONG;
    }

    private Check record(SignedInUser user, Check check) {
        audit.recordFor(user.tenantId(), user.id().toString(), user.displayName(),
                check.accepted() ? "SECOND_FACTOR_ACCEPTED" : "SECOND_FACTOR_REFUSED", "User", user.id().toString(),
                Map.of("outcome", check.outcome().name()));
        return check;
    }

    private Optional<String> stored(UUID userId) {
        return jdbc.sql("select totp_secret from plat_user where id = ?").param(userId).query(String.class).optional()
                .filter(s -> s != null && !s.isBlank());
    }

    /**
     * The user's secret in clear, for checking a code (ADR 0091). A secret still stored in clear (written before
     * encryption) is sealed now; one that does not open with the key is logged and matches no code.
     */
    private Optional<String> secret(UUID userId) {
        return stored(userId).flatMap(stored -> {
            if (!TotpSecretCipher.sealed(stored)) {
                jdbc.sql("update plat_user set totp_secret = ? where id = ? and totp_secret = ?")
                        .params(cipher.seal(userId, stored), userId, stored).update();
                return Optional.of(stored);
            }
            try {
                return Optional.of(cipher.open(userId, stored));
            } catch (IllegalStateException e) {
                log.error(e.getMessage());
                return Optional.empty();
            }
        });
    }

    private record Clear(UUID id, String secret) {}

    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void sealClearSecretsAtStartUp() {
        sealClearSecrets();
    }

    /**
     * Seals every TOTP secret still stored in clear (written before ADR 0091), once at start-up, across tenants in
     * the scope "system" (ADR 0090); answers how many. A secret a concurrent node sealed first is left as it is.
     */
    public int sealClearSecrets() {
        Integer sealed = CurrentTenant.runAsSystem(() -> tx.execute(status -> {
            int n = 0;
            for (Clear clear : jdbc.sql("select id, totp_secret from plat_user where totp_secret is not null and totp_secret not like 'v1:%'")
                    .query((rs, i) -> new Clear(rs.getObject(1, UUID.class), rs.getString(2))).list()) {
                n += jdbc.sql("update plat_user set totp_secret = ? where id = ? and totp_secret = ?")
                        .params(cipher.seal(clear.id(), clear.secret()), clear.id(), clear.secret()).update();
            }
            return n;
        }));
        if (sealed != null && sealed > 0) {
            log.info("Sealed {} TOTP secret(s) stored in clear (ADR 0091)", sealed);
        }
        return sealed == null ? 0 : sealed;
    }

    private static String newRecoveryCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                code.append('-');
            }
            code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String normalise(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Demo data and operator set-up: enrols a user with a known secret, no code needed, no recovery codes. */
    public void enrolKnownSecret(UUID userId, String secret) {
        Totp.fromBase32(secret);
        jdbc.sql("update plat_user set totp_secret = ?, totp_enabled_at = ? where id = ?")
                .params(cipher.seal(userId, secret), Timestamp.from(clock.instant()), userId).update();
    }
}
