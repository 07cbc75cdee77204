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

    private final IdentityManagement identity;

    Accounts(IdentityManagement identity) {
        this.identity = identity;
    }

    public record Account(UUID tenantId, UUID userId, String email) {}

    public UUID tenant(TenantKind kind) {
        return identity.registerTenant(kind, kind + " " + UUID.randomUUID(), null);
    }

    public Account user(UUID tenantId, Role... roles) {
        String email = "u-" + UUID.randomUUID() + "@test.example";
        UUID id = identity.registerActiveUser(tenantId, email, "テスト 利用者", EnumSet.of(roles[0], roles), PASSWORD);
        return new Account(tenantId, id, email);
    }

    /** A new tenant of the role's kind with one user holding the role. */
    public Account withRole(Role role) {
        TenantKind kind = java.util.Arrays.stream(TenantKind.values()).filter(role::allowedIn).findFirst().orElseThrow();
        return user(tenant(kind), role);
    }

    /** Signs in through POST /login and returns the session cookie. */
    public static Cookie signIn(MockMvc mvc, String email) throws Exception {
        var result = mvc.perform(formLogin("/login").userParameter("email").user(email).password(PASSWORD)).andReturn();
        Cookie session = result.getResponse().getCookie("SESSION");
        if (session == null || !"/home".equals(new java.net.URI(result.getResponse().getRedirectedUrl()).getPath())) {
            throw new AssertionError("sign-in failed for " + email + ": " + result.getResponse().getRedirectedUrl());
        }
        return session;
    }
}
