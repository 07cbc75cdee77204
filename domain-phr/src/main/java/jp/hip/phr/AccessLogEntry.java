package jp.hip.phr;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One entry of the person's access log as they read it (ADR 0042): one page view or one API request, with who (the
 * tenant and the user or app), when, what (the kinds of read, item names and their dates, never ids) and the legal
 * bases, with the consents that allowed it. {@code ownView}: the person's own page views and exports, kept apart.
 */
public record AccessLogEntry(Instant occurredAt, UUID tenantId, String tenantName, String actorName, boolean ownView,
        String channel, List<String> actions, List<AccessBasis> bases, List<String> itemNames, int itemCount,
        LocalDate from, LocalDate to, List<ConsentUsed> consents) {

    public AccessLogEntry {
        actions = List.copyOf(actions);
        bases = List.copyOf(bases);
        itemNames = List.copyOf(itemNames);
        consents = List.copyOf(consents);
    }

    /** A consent that allowed the read: its data category, period and version (when the person still has it). */
    public record ConsentUsed(DataCategory category, LocalDate periodStart, LocalDate periodEnd, int version) {}

    /** What the person asks to see: their own views or the others, one holder, one kind of basis, a period. */
    public record Filter(boolean own, Optional<UUID> holder, Optional<AccessBasis.Kind> basis, Optional<LocalDate> from,
            Optional<LocalDate> to) {
        public static Filter others() {
            return new Filter(false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** A tenant that read the person's data (for the holder filter). */
    public record Reader(UUID tenantId, String name) {}

    /** One page of entries, the number of entries in all, and the counts of both kinds. */
    public record Page(List<AccessLogEntry> entries, long total, int page, int size, List<Reader> readers,
            long ownCount, long othersCount) {
        public Page {
            entries = List.copyOf(entries);
            readers = List.copyOf(readers);
        }

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }
}
