package jp.hip.accounting.strategy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of {@link StrategyMap}; Hibernate's @TenantId scopes every query to the current tenant. */
interface StrategyMapRepository extends JpaRepository<StrategyMap, UUID> {
    Optional<StrategyMap> findFirstByFiscalYearOrderByVersionDesc(int fiscalYear);
    Optional<StrategyMap> findByFiscalYearAndVersion(int fiscalYear, int version);
    List<StrategyMap> findByFiscalYearOrderByVersionDesc(int fiscalYear);
}
