package jp.hip.phr.checkup;

import java.util.regex.Pattern;

/**
 * PostgreSQL's jsonb refuses the escape {@code \u0000} (it cannot be text). A report or review quotes what a file
 * said, and a broken file may say NUL: it is stored as U+FFFD instead, never as a 500 (found by InputFuzzTests).
 */
final class Jsonb {

    /** {@code \u0000} preceded by an even number of backslashes, i.e. a real escape, not an escaped backslash. */
    private static final Pattern NUL = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    private Jsonb() {}

    static String storable(String json) {
        return json.indexOf("\\u0000") < 0 ? json : NUL.matcher(json).replaceAll("$1\\\\uFFFD");
    }
}
