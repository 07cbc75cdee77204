package jp.hip.api;

/** The record does not exist or belongs to another tenant: the two look the same from outside. */
public class NotFoundException extends RuntimeException {

    private final String what;

    public NotFoundException(String what) {
        super(what);
        this.what = what;
    }

    String what() {
        return what;
    }
}
