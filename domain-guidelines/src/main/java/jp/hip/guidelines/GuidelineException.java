package jp.hip.guidelines;

/**
 * A registry rule was broken; the message key names which, for the pages and the API, and the arguments name what
 * it was about (a checklist item's code, a registration number). Nothing was changed.
 */
public class GuidelineException extends RuntimeException {

    private final String messageKey;
    private final Object[] args;

    public GuidelineException(String messageKey, Object... args) {
        super(messageKey);
        this.messageKey = messageKey;
        this.args = args == null ? new Object[0] : args.clone();
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }
}
