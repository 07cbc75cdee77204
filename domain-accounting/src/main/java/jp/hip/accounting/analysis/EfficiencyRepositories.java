package jp.hip.accounting.analysis;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Repositories of the inputs of 投資最小化分析 and 投資効用分析; tenant-scoped by {@code @TenantId}. */
interface MeasureEffectRepository extends JpaRepository<MeasureEffect, UUID> {
    List<MeasureEffect> findByFiscalYear(int fiscalYear);
    List<MeasureEffect> findByMeasureId(UUID measureId);
    List<MeasureEffect> findByIndicatorId(UUID indicatorId);
    Optional<MeasureEffect> findByMeasureIdAndIndicatorId(UUID measureId, UUID indicatorId);
}

interface UtilityScaleRepository extends JpaRepository<UtilityScale, UUID> {}

interface EquivalenceMarginRepository extends JpaRepository<EquivalenceMargin, UUID> {
    Optional<EquivalenceMargin> findByFiscalYear(int fiscalYear);
}
