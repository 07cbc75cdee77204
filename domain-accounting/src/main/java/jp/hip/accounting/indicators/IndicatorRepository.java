package jp.hip.accounting.indicators;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of {@link Indicator}; Hibernate's @TenantId scopes every query to the current tenant. */
public interface IndicatorRepository extends JpaRepository<Indicator, UUID> {
}
