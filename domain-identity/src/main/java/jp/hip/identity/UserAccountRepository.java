package jp.hip.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Tenant-scoped by {@code @TenantId}: every method sees only the current tenant's users. */
interface UserAccountRepository extends JpaRepository<UserAccount, UUID> {

    Optional<UserAccount> findByEmailIgnoreCase(String email);

    Optional<UserAccount> findByInvitationTokenHash(String tokenHash);

    boolean existsByEmailIgnoreCase(String email);

    List<UserAccount> findAllByOrderByDisplayNameAsc();
}
