package jp.hip.guidelines.publicregister;

import java.util.List;

import jp.hip.guidelines.GuidelineException;

/**
 * A batch verification with malformed numbers: names each one by its position (1-based) and what was given
 * (at most 32 characters), and the well-formed numbers of the same batch that are not on the list. Nothing else is
 * answered until the batch is corrected.
 */
public class VerificationException extends GuidelineException {

    public record Malformed(int position, String given) {}

    private final List<Malformed> malformed;
    private final List<String> unknown;

    VerificationException(List<Malformed> malformed, List<String> unknown) {
        super("guidelines.verify.malformed");
        this.malformed = List.copyOf(malformed);
        this.unknown = List.copyOf(unknown);
    }

    public List<Malformed> malformed() {
        return malformed;
    }

    public List<String> unknown() {
        return unknown;
    }
}
