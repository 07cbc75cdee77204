package jp.hip.web.forms;

import org.springframework.validation.SmartValidator;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Every error at once, also when one field of a form record cannot be read (「SPACESHIP」 for a kind): Spring then
 * cannot construct the record and checks the other fields one by one ({@code SmartValidator.validateValue}),
 * which Boot's MVC validator adapter does not implement (it would drop those errors). Form records are therefore
 * validated by the Bean Validation validator itself, the one the adapter wraps: same constraints, same messages.
 */
@ControllerAdvice(basePackages = "jp.hip.web")
class RecordFormBinding {

    private final SmartValidator validator;

    RecordFormBinding(LocalValidatorFactoryBean validator) {
        this.validator = validator;
    }

    @InitBinder
    void validateEachFieldOfARecord(WebDataBinder binder) {
        Class<?> type = binder.getTargetType() == null ? null : binder.getTargetType().resolve();
        if (binder.getTarget() == null && type != null && type.isRecord() && !binder.getValidators().isEmpty()) {
            binder.replaceValidators(validator);
        }
    }
}
