package jp.hip.web.forms;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A 法人番号 typed with full-width digits, spaces or hyphens (「１２３４ ５６７８－９０１２３」) arrives as its 13 digits
 * (String). Whether they form a valid number is {@link ValidCorporateNumber}'s question.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface CorporateNumberFormat {}
