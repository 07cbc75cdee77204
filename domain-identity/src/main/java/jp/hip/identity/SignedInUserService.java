package jp.hip.identity;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the user behind a sign-in name. The tenant is not known yet, so the look-up runs as system. Also stores
 * the re-hashed password when sign-in finds a hash of an older scheme (bcrypt → Argon2id, ADR 0007).
 */
@Service
class SignedInUserService implements UserDetailsService, UserDetailsPasswordService {

    private final UserAccountRepository users;
    private final TenantRepository tenants;
    private final TransactionTemplate tx;

    SignedInUserService(UserAccountRepository users, TenantRepository tenants, TransactionTemplate tx) {
        this.users = users;
        this.tenants = tenants;
        this.tx = tx;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return CurrentTenant.runAsSystem(() -> tx.execute(status -> users.findByEmailIgnoreCase(email.strip())
                .filter(user -> user.passwordHash() != null)
                .map(user -> new SignedInUser(user, tenants.findById(user.tenantId()).orElseThrow()))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"))));
    }

    @Override
    public UserDetails updatePassword(UserDetails details, String newPasswordHash) {
        if (!(details instanceof SignedInUser signedIn)) {
            return details;
        }
        return CurrentTenant.runAsSystem(() -> tx.execute(status -> users.findById(signedIn.id())
                .map(user -> {
                    user.rehashPassword(newPasswordHash);
                    return (UserDetails) new SignedInUser(user, tenants.findById(user.tenantId()).orElseThrow());
                })
                .orElse(details)));
    }
}
