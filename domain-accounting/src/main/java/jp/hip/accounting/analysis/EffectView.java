package jp.hip.accounting.analysis;

import java.math.BigDecimal;
import java.util.UUID;

import jp.hip.accounting.FiscalYear;

/** A recorded effect of a measure on an indicator ({@link MeasureEffect}). */
public record EffectView(UUID id, UUID measureId, UUID indicatorId, FiscalYear fiscalYear, BigDecimal before,
        BigDecimal after, int persons, BigDecimal periodYears, String source) {}
