package jp.hip.phr;

import java.math.BigDecimal;
import java.time.Instant;

/** One value on the individual's timeline, with whether it lies outside the code's reference range. */
public record TimelinePoint(String code, String nameJa, Instant effective, BigDecimal value, String unit,
        boolean outsideReference, String source) {}
