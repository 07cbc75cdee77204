package jp.hip.phr.search;

import java.util.Locale;
import java.util.Optional;

/** The FHIR R4 search prefixes for ordered values (dates, quantities): search.html#prefix. */
public enum SearchPrefix {
    EQ, NE, GT, LT, GE, LE, SA, EB, AP;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The prefix a value starts with, if its first two characters are one. */
    public static Optional<SearchPrefix> of(String value) {
        if (value == null || value.length() < 2) {
            return Optional.empty();
        }
        String head = value.substring(0, 2).toUpperCase(Locale.ROOT);
        for (SearchPrefix p : values()) {
            if (p.name().equals(head) && value.substring(0, 2).equals(p.code())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
