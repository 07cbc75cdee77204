package jp.hip.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class UserAccountTests {

    private static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");

    private static UserAccount active() {
        return UserAccount.active(UUID.randomUUID(), TenantKind.COMPANY, "a@test.example", "A", EnumSet.of(Role.HR_STAFF), "{noop}x", NOW);
    }

    @Test
    void wrongPasswordsAreCountedButNeverLockTheAccount() {
        UserAccount user = active();
        for (int i = 0; i < 50; i++) {
            user.recordFailedSignIn();
        }
        assertThat(user.failedAttempts()).isEqualTo(50);
        assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(new SignedInUser(user, new Tenant(user.tenantId(), TenantKind.COMPANY, "T", null, NOW)).isAccountNonLocked()).isTrue();
        user.recordSuccessfulSignIn();
        assertThat(user.failedAttempts()).isZero();
    }

    @Test
    void passwordsLongerThan256CharactersAreRefusedButLongPassphrasesAreFine() {
        UserAccount.checkPasswordStrength("健康経営".repeat(30)); // 120 characters, 360 UTF-8 bytes: over bcrypt's 72
        assertThatThrownBy(() -> UserAccount.checkPasswordStrength("x".repeat(257))).hasMessage("identity.user.password.tooLong");
    }

    @Test
    void refusesRolesOfAnotherKindOfTenant() {
        assertThatThrownBy(() -> UserAccount.active(UUID.randomUUID(), TenantKind.COMPANY, "a@test.example", "A",
                        EnumSet.of(Role.REGISTRY_OFFICER), "{noop}x", NOW))
                .isInstanceOf(IdentityException.class)
                .hasMessage("identity.user.roles.notAllowed");
        assertThatThrownBy(() -> UserAccount.active(UUID.randomUUID(), TenantKind.PERSONAL, "a@test.example", "A",
                        EnumSet.of(Role.TENANT_ADMIN), "{noop}x", NOW))
                .hasMessage("identity.user.roles.notAllowed");
    }

    @Test
    void refusesMissingRolesAndMalformedEmail() {
        assertThatThrownBy(() -> UserAccount.active(UUID.randomUUID(), TenantKind.COMPANY, "a@test.example", "A",
                        EnumSet.noneOf(Role.class), "{noop}x", NOW))
                .hasMessage("identity.user.roles.required");
        assertThatThrownBy(() -> UserAccount.active(UUID.randomUUID(), TenantKind.COMPANY, "not-an-email", "A",
                        EnumSet.of(Role.HR_STAFF), "{noop}x", NOW))
                .hasMessage("identity.user.email.invalid");
    }

    @Test
    void invitationIsAcceptedOnceAndOnlyWithinSevenDays() {
        UserAccount user = UserAccount.invite(UUID.randomUUID(), TenantKind.INSURER, "b@test.example", "B",
                EnumSet.of(Role.INSURER_STAFF), "hash", NOW);
        assertThat(user.status()).isEqualTo(UserStatus.INVITED);
        assertThatThrownBy(() -> user.acceptInvitation("{noop}new", NOW.plusSeconds(7 * 24 * 3600 + 1)))
                .hasMessage("identity.invitation.invalid");
        user.acceptInvitation("{noop}new", NOW.plusSeconds(7 * 24 * 3600));
        assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
        assertThatThrownBy(() -> user.acceptInvitation("{noop}again", NOW)).hasMessage("identity.invitation.invalid");
    }

    @Test
    void passwordsShorterThanTwelveCharactersAreRefused() {
        assertThatThrownBy(() -> UserAccount.checkPasswordStrength("elevenchars")).hasMessage("identity.user.password.tooShort");
        UserAccount.checkPasswordStrength("twelve-chars");
    }

    @Test
    void reEnablingRestoresTheStateBeforeDisabling() {
        UserAccount user = active();
        user.disable();
        assertThat(user.status()).isEqualTo(UserStatus.DISABLED);
        user.enable();
        assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
        UserAccount invited = UserAccount.invite(UUID.randomUUID(), TenantKind.COMPANY, "c@test.example", "C",
                EnumSet.of(Role.HR_STAFF), "hash", NOW);
        invited.disable();
        invited.enable();
        assertThat(invited.status()).isEqualTo(UserStatus.INVITED);
    }

    @Test
    void everyRoleBelongsToAtLeastOneKindOfTenant() {
        for (Role role : Role.values()) {
            assertThat(EnumSet.allOf(TenantKind.class).stream().anyMatch(role::allowedIn)).as(role.name()).isTrue();
        }
        assertThat(Role.availableIn(TenantKind.COMPANY)).containsExactlyInAnyOrder(Role.HR_STAFF, Role.COMPANY_VIEWER, Role.TENANT_ADMIN);
    }
}
