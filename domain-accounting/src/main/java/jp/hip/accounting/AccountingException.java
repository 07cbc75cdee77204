package jp.hip.accounting;

import jp.hip.identity.IdentityException;

/**
 * A rule of health-investment accounting was broken by the caller's input; nothing was changed.
 * It extends the platform's rule exception so that pages put its message beside the field and the API
 * answers 400 with its code.
 */
public class AccountingException extends IdentityException {

    public AccountingException(String messageKey) {
        super(messageKey);
    }
}
