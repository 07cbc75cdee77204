package jp.hip.web.forms;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A yen amount typed as people type it: 「1234567」, 「1,234,567」, 「１２３４５６７円」, 「¥1,234,567」. Shown back as
 * 「1,234,567」. Whole yen only ({@link Long}); a range is the record's own {@code @Min}/{@code @Max}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface YenFormat {}
