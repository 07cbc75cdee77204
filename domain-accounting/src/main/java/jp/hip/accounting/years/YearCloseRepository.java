package jp.hip.accounting.years;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of {@link YearClose}; Hibernate's @TenantId scopes every query to the current tenant. */
interface YearCloseRepository extends JpaRepository<YearClose, UUID> {
    Optional<YearClose> findByFiscalYear(int fiscalYear);
    boolean existsByFiscalYear(int fiscalYear);
    List<YearClose> findByFiscalYearIn(Collection<Integer> years);
}
