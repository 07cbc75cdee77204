package jp.hip;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import java.util.EnumSet;
import java.util.UUID;

import jakarta.servlet.http.Cookie;

import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;

import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.TenantKind;

/** Test fixture: fresh tenants and users with unique names, and signing them in through the real form login. */
@Component
public class Accounts {

    public static final String PASSWORD = "correct-horse-battery";

    /** The session cookie's name where cookies are Secure (every MockMvc test; browser tests use plain SESSION). */
    public static final String SESSION_COOKIE = "__Host-SESSION";

    private final IdentityManagement identity;
    private final jp.hip.identity.secondfactor.SecondFactors secondFactors;

    /** TOTP secrets of the users made here whose roles require a second factor (e-mail → Base32 secret). */
    private static final java.util.Map<String, String> SECRETS = new java.util.concurrent.ConcurrentHashMap<>();
    /** The last time step whose code was used per secret: the server takes each step once. */
    private static final java.util.Map<String, Long> LAST_STEPS = new java.util.concurrent.ConcurrentHashMap<>();

    Accounts(IdentityManagement identity, jp.hip.identity.secondfactor.SecondFactors secondFactors) {
        this.identity = identity;
        this.secondFactors = secondFactors;
    }

    /** Knows the TOTP secret of a user whose second factor was set up elsewhere (demo data, a test's enrolment). */
    public static void rememberSecret(String email, String secret) {
        SECRETS.put(email, secret);
    }

    /** The TOTP secret of a user made here with a role that requires one. */
    public static String secretOf(String email) {
        return SECRETS.get(email);
    }

    /**
     * A TOTP code (RFC 6238) for the secret that the server has not seen yet: the current step, or the one after
     * it (the server allows one step of drift), else it waits for the next step.
     */
    public static synchronized String code(String secret) {
        while (true) {
            long now = jp.hip.identity.secondfactor.Totp.step(java.time.Instant.now());
            long last = LAST_STEPS.getOrDefault(secret, Long.MIN_VALUE);
            for (long step = now; step <= now + 1; step++) {
                if (step > last) {
                    LAST_STEPS.put(secret, step);
                    return jp.hip.identity.secondfactor.Totp.code(secret, step);
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Account(UUID tenantId, UUID userId, String email) {}

    public UUID tenant(TenantKind kind) {
        return identity.registerTenant(kind, kind + " " + UUID.randomUUID(), null);
    }

    public Account user(UUID tenantId, Role... roles) {
        String email = "u-" + UUID.randomUUID() + "@test.example";
        UUID id = identity.registerActiveUser(tenantId, email, "テスト 利用者", EnumSet.of(roles[0], roles), PASSWORD);
        if (jp.hip.identity.secondfactor.SecondFactors.required(EnumSet.of(roles[0], roles))) {
            String secret = jp.hip.identity.secondfactor.Totp.newSecret();
            secondFactors.enrolKnownSecret(id, secret);
            SECRETS.put(email, secret);
        }
        return new Account(tenantId, id, email);
    }

    /** A new tenant of the role's kind with one user holding the role. */
    public Account withRole(Role role) {
        TenantKind kind = java.util.Arrays.stream(TenantKind.values()).filter(role::allowedIn).findFirst().orElseThrow();
        return user(tenant(kind), role);
    }

    /** Signs in through POST /login (and the second factor's code, where the role requires one) and returns the session cookie. */
    public static Cookie signIn(MockMvc mvc, String email) throws Exception {
        return signIn(mvc, email, PASSWORD, SESSION_COOKIE);
    }

    public static Cookie signIn(MockMvc mvc, String email, String password, String cookieName) throws Exception {
        var result = mvc.perform(formLogin("/login").userParameter("email").user(email).password(password)).andReturn();
        Cookie session = result.getResponse().getCookie(cookieName);
        String target = result.getResponse().getRedirectedUrl();
        if (session != null && target != null && "/login/second-factor".equals(new java.net.URI(target).getPath()) && SECRETS.containsKey(email)) {
            result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login/second-factor")
                            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                            .cookie(session).param("code", code(SECRETS.get(email))))
                    .andReturn();
            Cookie renewed = result.getResponse().getCookie(cookieName);
            session = renewed == null ? session : renewed;
            target = result.getResponse().getRedirectedUrl();
        }
        if (session == null || target == null || !"/home".equals(new java.net.URI(target).getPath())) {
            throw new AssertionError("sign-in failed for " + email + ": " + target);
        }
        return session;
    }
}
