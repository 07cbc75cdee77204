package jp.hip.identity.secondfactor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * TOTP secrets at rest (ADR 0091): AES-256-GCM under the key in {@code HIP_TOTP_KEY} (32 random bytes, Base64), a
 * fresh 96-bit nonce per secret, and the user's id as associated data, so a sealed secret copied to another user's
 * row does not open. Stored as {@code v1:} and the Base64 of nonce, ciphertext and tag. Without the setting the app
 * refuses to start, except in the demo profile, which derives a key of its own (published, so demo-only).
 */
@Component
class TotpSecretCipher {

    static final String PREFIX = "v1:";
    static final String DEMO_KEY_LABEL = "hip demo TOTP key (never for production data)";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger log = LoggerFactory.getLogger(TotpSecretCipher.class);

    private final SecretKeySpec key;

    TotpSecretCipher(Environment environment) {
        this.key = new SecretKeySpec(keyBytes(environment.getProperty("hip.totp.key", ""),
                environment.acceptsProfiles(Profiles.of("demo"))), "AES");
    }

    static byte[] keyBytes(String setting, boolean demo) {
        if (setting == null || setting.isBlank()) {
            if (!demo) {
                throw new IllegalStateException("HIP_TOTP_KEY is not set: the second factor's TOTP secrets are stored "
                        + "encrypted with it (AES-256-GCM, ADR 0091). Set it to 32 random bytes in Base64, e.g. the output "
                        + "of `openssl rand -base64 32`, the same on every node; only the demo profile derives one itself");
            }
            log.warn("HIP_TOTP_KEY is not set: the demo profile encrypts TOTP secrets with its published demo key");
            return sha256(DEMO_KEY_LABEL);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(setting.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("HIP_TOTP_KEY is not Base64: it must be 32 random bytes in Base64 (ADR 0091)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("HIP_TOTP_KEY holds " + bytes.length
                    + " bytes: it must be 32 random bytes in Base64 (AES-256, ADR 0091)");
        }
        return bytes;
    }

    static boolean sealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The secret sealed for one user. */
    String seal(UUID userId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(userId));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The user's secret; a stored value sealed under another key or for another user is refused. */
    String open(UUID userId, String stored) {
        byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(userId));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The TOTP secret of user " + userId
                    + " does not open with HIP_TOTP_KEY (another key, or another user's secret)");
        }
    }

    private static byte[] associatedData(UUID userId) {
        return ByteBuffer.allocate(16).putLong(userId.getMostSignificantBits()).putLong(userId.getLeastSignificantBits()).array();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
