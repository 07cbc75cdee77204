package jp.hip.phr;

import java.util.List;

/**
 * A refused PHR request. {@link #problems()} are message keys with arguments ("phr.error.unit|9N011000000000001|cm"),
 * every problem found, so a caller can report all of them at once.
 */
public class PhrException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, FORBIDDEN, UNPROCESSABLE }

    private final Kind kind;
    private final List<Problem> problems;

    public record Problem(String key, String where, List<Object> args) {
        public Problem {
            args = List.copyOf(args);
        }

        public static Problem of(String key, String where, Object... args) {
            return new Problem(key, where, List.of(args));
        }
    }

    public PhrException(Kind kind, List<Problem> problems) {
        super(kind + ": " + problems);
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public static PhrException of(Kind kind, String key, Object... args) {
        return new PhrException(kind, List.of(Problem.of(key, null, args)));
    }

    public Kind kind() {
        return kind;
    }

    public List<Problem> problems() {
        return problems;
    }
}
