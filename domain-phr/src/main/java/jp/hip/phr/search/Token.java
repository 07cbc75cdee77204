package jp.hip.phr.search;

import java.util.Optional;

/**
 * One token search value: {@code [code]} (any system), {@code [system]|[code]} or {@code |[code]} (no system, so
 * {@code system} is present and empty).
 */
public record Token(Optional<String> system, String code) {

    public static Token parse(String value) {
        int bar = value.indexOf('|');
        return bar < 0 ? new Token(Optional.empty(), value) : new Token(Optional.of(value.substring(0, bar)), value.substring(bar + 1));
    }
}
