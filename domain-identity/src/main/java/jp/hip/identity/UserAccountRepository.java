package jp.hip.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Tenant-scoped by {@code @TenantId}: every method sees only the current tenant's users. */
interface UserAccountRepository extends JpaRepository<UserAccount, UUID> {

    Optional<UserAccount> findByEmailIgnoreCase(String email);

    Optional<UserAccount> findByInvitationTokenHash(String tokenHash);

    /**
     * Whether any tenant has a user with this e-mail. Native SQL on purpose: {@code @TenantId} filters every JPQL
     * query of the session, also one run "as system" inside a tenant's transaction, and the unique index is
     * platform-wide (probe L1: the filtered check missed other tenants' users and the insert failed with 500).
     */
    // past row-level security, through the owner's function (V93, ADR 0090): the yes/no answer only
    @org.springframework.data.jpa.repository.Query(value = "select hip_email_taken(:email)", nativeQuery = true)
    boolean emailTakenInAnyTenant(@org.springframework.data.repository.query.Param("email") String email);

    List<UserAccount> findAllByOrderByDisplayNameAsc();
}
