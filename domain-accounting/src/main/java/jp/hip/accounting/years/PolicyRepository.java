package jp.hip.accounting.years;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of {@link Policy}; Hibernate's @TenantId scopes every query to the current tenant. */
public interface PolicyRepository extends JpaRepository<Policy, UUID> {
    Optional<Policy> findFirstBy();
}
