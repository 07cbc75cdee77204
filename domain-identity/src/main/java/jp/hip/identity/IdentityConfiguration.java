package jp.hip.identity;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** The id of the current hashing scheme in stored hashes ({@code {argon2id}…}). */
    static final String CURRENT_SCHEME = "argon2id";

    /**
     * Argon2id (RFC 9106) for new hashes, with OWASP's parameters (19 MiB, 2 iterations, 1 lane): no 72-byte limit
     * on the password, unlike bcrypt (probe L2). Behind Spring Security's delegating encoder, which still reads
     * the bcrypt hashes stored before; sign-in re-hashes those with Argon2id ({@link SignedInUserService}, ADR 0007).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        java.util.Map<String, PasswordEncoder> encoders = new java.util.HashMap<>();
        encoders.put(CURRENT_SCHEME, new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2));
        encoders.put("bcrypt", new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder());
        return new org.springframework.security.crypto.password.DelegatingPasswordEncoder(CURRENT_SCHEME, encoders);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
