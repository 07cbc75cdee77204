package jp.hip.web.forms;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import jp.hip.identity.CorporateNumber;

/** 13 digits whose check digit is right (empty passes: pair with {@code @NotBlank} where it is required). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Constraint(validatedBy = ValidCorporateNumber.Check.class)
public @interface ValidCorporateNumber {

    String message() default "{validation.corporateNumber}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<ValidCorporateNumber, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isEmpty() || CorporateNumber.isValid(value);
        }
    }
}
