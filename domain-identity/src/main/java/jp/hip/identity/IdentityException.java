package jp.hip.identity;

/**
 * A rule of the identity module was broken by the caller's input. {@link #messageKey()} names the message
 * shown to the user; nothing was changed.
 */
public class IdentityException extends RuntimeException {

    private final String messageKey;

    public IdentityException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
