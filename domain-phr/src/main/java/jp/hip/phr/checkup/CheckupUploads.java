package jp.hip.phr.checkup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A page of the insurer's upload history: who uploaded what, when, and with what result. */
public record CheckupUploads(List<Upload> uploads, int page, int size, long total) {

    public record Upload(UUID id, String fileName, String uploadedBy, Instant uploadedAt, int files, int imported,
            int corrected, int deleted, int rejected, int review, int observations) {}

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasNext() {
        return page + 1 < pages();
    }

    public boolean hasPrevious() {
        return page > 0;
    }
}
