package jp.hip.accounting.years;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of {@link YearPolicy}; Hibernate's @TenantId scopes every query to the current tenant. */
interface YearPolicyRepository extends JpaRepository<YearPolicy, UUID> {
    Optional<YearPolicy> findByFiscalYear(int fiscalYear);
    Optional<YearPolicy> findFirstByFiscalYearLessThanEqualOrderByFiscalYearDesc(int fiscalYear);
}
