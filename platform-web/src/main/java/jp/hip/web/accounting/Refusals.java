package jp.hip.web.accounting;

import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

import jp.hip.accounting.AccountingException;

/**
 * A form's error beside its field, added as an error rather than rejected: it needs no record to read the value from
 * (there is none when another value could not be read), and it can carry arguments (the row, the share left).
 */
final class Refusals {

    private Refusals() {}

    static void add(BindingResult errors, String field, Object value, String code, Object... args) {
        errors.addError(new FieldError(errors.getObjectName(), field, value, false, errors.resolveMessageCodes(code, field),
                args.length == 0 ? null : args, null));
    }

    /**
     * A domain rule's message beside the field its key starts with (pairs of a key prefix and a field), or at the top
     * of the form when none matches.
     */
    static void add(BindingResult errors, AccountingException e, Object value, String... prefixesAndFields) {
        for (int i = 0; i + 1 < prefixesAndFields.length; i += 2) {
            if (e.messageKey().startsWith(prefixesAndFields[i])) {
                add(errors, prefixesAndFields[i + 1], value, e.messageKey());
                return;
            }
        }
        errors.reject(e.messageKey());
    }
}
