package jp.hip.accounting.indicators;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of {@link IndicatorValue}; Hibernate's @TenantId scopes every query to the current tenant. */
public interface IndicatorValueRepository extends JpaRepository<IndicatorValue, UUID> {
    List<IndicatorValue> findByIndicatorIdOrderByFiscalYear(UUID indicatorId);
    Optional<IndicatorValue> findByIndicatorIdAndFiscalYear(UUID indicatorId, int fiscalYear);
    List<IndicatorValue> findByIndicatorIdIn(Collection<UUID> indicatorIds);
}
