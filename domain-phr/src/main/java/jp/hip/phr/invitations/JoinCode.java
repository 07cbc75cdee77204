package jp.hip.phr.invitations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The one-time code of a member invitation: 12 characters from 32 that cannot be mistaken for each other on paper
 * (no 0/O, 1/I), printed in groups of four ("K7QM-2XWA-H9PD"), 60 bits of randomness. Only its SHA-256 is stored:
 * with that much randomness a plain digest cannot be reversed by guessing (as the identity module's invitation
 * tokens, ADR 0007).
 */
final class JoinCode {

    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private JoinCode() {}

    static String generate() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as typed (full-width, lower case, with or without hyphens and spaces), or empty when malformed. */
    static Optional<String> normalise(String typed) {
        String n = MemberCard.normalise(typed);
        if (n == null) {
            return Optional.empty();
        }
        n = n.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (n.length() != LENGTH || n.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
            return Optional.empty();
        }
        return Optional.of(n);
    }

    /** SHA-256 (hex) of the normalised code, without hyphens. */
    static String hash(String normalised) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.replace("-", "").getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
