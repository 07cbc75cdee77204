package jp.hip.accounting.analysis;

import java.math.BigDecimal;

/** A measure's effect on an indicator as typed: before, after, persons reached, period in years (blank: 1), source. */
public record EffectCommand(BigDecimal before, BigDecimal after, Integer persons, BigDecimal periodYears, String source) {}
