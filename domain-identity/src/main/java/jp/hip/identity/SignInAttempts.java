package jp.hip.identity;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Counts wrong passwords per account (the throttling rule itself lives in {@link UserAccount}) and audits sign-ins. */
@Component
class SignInAttempts {

    private final UserAccountRepository users;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;

    SignInAttempts(UserAccountRepository users, TransactionTemplate tx, AuditLog audit, Clock clock) {
        this.users = users;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void onBadCredentials(AuthenticationFailureBadCredentialsEvent event) {
        String email = String.valueOf(event.getAuthentication().getPrincipal());
        CurrentTenant.runAsSystem(() -> tx.execute(status -> {
            users.findByEmailIgnoreCase(email).ifPresent(user -> {
                user.recordFailedSignIn();
                audit.recordFor(user.tenantId(), user.id().toString(), email, "SIGN_IN_FAILED", "User", user.id().toString(), null);
            });
            return null;
        }));
    }

    @EventListener
    void onLocked(AuthenticationFailureLockedEvent event) {
        String email = String.valueOf(event.getAuthentication().getPrincipal());
        CurrentTenant.runAsSystem(() -> tx.execute(status -> {
            users.findByEmailIgnoreCase(email).ifPresent(user -> audit.recordFor(
                    user.tenantId(), user.id().toString(), email, "SIGN_IN_REFUSED_LOCKED", "User", user.id().toString(), null));
            return null;
        }));
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication().getPrincipal() instanceof SignedInUser signedIn)) {
            return; // API clients authenticate with tokens; nothing to reset
        }
        CurrentTenant.runAsSystem(() -> tx.execute(status -> {
            users.findById(signedIn.id()).ifPresent(UserAccount::recordSuccessfulSignIn);
            audit.recordFor(signedIn.tenantId(), signedIn.id().toString(), signedIn.displayName(), "SIGN_IN", "User",
                    signedIn.id().toString(), null);
            return null;
        }));
    }
}
