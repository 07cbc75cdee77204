package jp.hip.web.forms;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A ratio typed as a decimal (0.6) or a percentage (60 %, 60%, ６０％): both are 0.6 ({@link java.math.BigDecimal}).
 * Shown back as a decimal. A range is the record's own {@code @DecimalMin}/{@code @DecimalMax}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface RatioFormat {}
