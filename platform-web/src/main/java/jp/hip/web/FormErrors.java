package jp.hip.web;

import java.util.UUID;

import org.springframework.validation.BindingResult;

import jp.hip.identity.IdentityException;

/** Puts a domain rule's message beside the field it is about, or at the top of the form. */
public final class FormErrors {

    private FormErrors() {}

    /**
     * @param prefixesAndFields pairs: a message-key prefix and the form field it belongs to
     */
    public static void reject(BindingResult errors, IdentityException e, String... prefixesAndFields) {
        for (int i = 0; i + 1 < prefixesAndFields.length; i += 2) {
            if (e.messageKey().startsWith(prefixesAndFields[i])) {
                errors.rejectValue(prefixesAndFields[i + 1], e.messageKey());
                return;
            }
        }
        errors.reject(e.messageKey());
    }

    /** A path id that is not a UUID finds nothing, like an id of another tenant. */
    public static UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
