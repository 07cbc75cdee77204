package jp.hip.web.phr;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jp.hip.phr.AccessBasis;
import jp.hip.phr.AccessLogEntry;

/**
 * The access-log filters as the URL carries them (shareable, back-button safe): {@code view} (others | own),
 * {@code holder} (a tenant id from the list), {@code basis} (SELF, SUPPLIER, STATUTE, CONSENT), {@code from}/{@code to}
 * (2025-04-01 or 2025/4/1) and {@code page}. A value that does not parse is named in {@link #invalid()} and not applied.
 */
public record AccessLogForm(String view, String holder, String basis, String from, String to, Integer page) {

    public boolean own() {
        return "own".equals(view);
    }

    public Optional<UUID> holderId() {
        return parse(holder, UUID::fromString);
    }

    public Optional<AccessBasis.Kind> basisKind() {
        return parse(basis, AccessBasis.Kind::valueOf);
    }

    public Optional<LocalDate> fromDate() {
        return parse(from, PersonalRecordsController::parseDate);
    }

    public Optional<LocalDate> toDate() {
        return parse(to, PersonalRecordsController::parseDate);
    }

    public int pageIndex() {
        return page == null || page < 1 ? 0 : page - 1;
    }

    /** The fields given but not understood (message keys of their labels), in form order. */
    public java.util.List<String> invalid() {
        java.util.List<String> bad = new java.util.ArrayList<>();
        if (given(holder) && holderId().isEmpty()) {
            bad.add("phr.accessLog.filter.holder");
        }
        if (given(basis) && basisKind().isEmpty()) {
            bad.add("phr.accessLog.filter.basis");
        }
        if (given(from) && fromDate().isEmpty()) {
            bad.add("phr.accessLog.filter.from");
        }
        if (given(to) && toDate().isEmpty()) {
            bad.add("phr.accessLog.filter.to");
        }
        return bad;
    }

    public AccessLogEntry.Filter filter() {
        return new AccessLogEntry.Filter(own(), holderId(), basisKind(), fromDate(), toDate());
    }

    private static boolean given(String s) {
        return s != null && !s.isBlank();
    }

    private static <T> Optional<T> parse(String s, java.util.function.Function<String, T> parser) {
        if (!given(s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(s.strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
