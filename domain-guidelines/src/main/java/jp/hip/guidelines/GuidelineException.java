package jp.hip.guidelines;

/** A registry rule was broken; the message key names which, for the pages and the API. Nothing was changed. */
public class GuidelineException extends RuntimeException {

    private final String messageKey;

    public GuidelineException(String messageKey) {
        super(messageKey);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
