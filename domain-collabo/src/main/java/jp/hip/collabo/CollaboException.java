package jp.hip.collabo;

import jp.hip.identity.IdentityException;

/**
 * A rule of コラボヘルス was broken by the caller's input; nothing was changed. {@link #args()} name the row, the
 * 事業所 or the value concerned, for the message. {@code collabo.notFound} is indistinguishable from another
 * tenant's record.
 */
public class CollaboException extends IdentityException {

    private final transient Object[] args;

    public CollaboException(String messageKey, Object... args) {
        super(messageKey);
        this.args = args;
    }

    public Object[] args() {
        return args.clone();
    }

    static CollaboException notFound() {
        return new CollaboException("collabo.notFound");
    }
}
