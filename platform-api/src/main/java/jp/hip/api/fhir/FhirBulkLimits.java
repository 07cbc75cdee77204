package jp.hip.api.fhir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Size limits of {@code POST /fhir/Observation/$bulk-ingest}: {@code hip.phr.bulk.max-bytes} (default 256 MiB) and
 * {@code hip.phr.bulk.max-lines} (default 500,000). Mutable so tests can lower them for a moment.
 */
@Component
public class FhirBulkLimits {

    private volatile long maxBytes;
    private volatile int maxLines;

    FhirBulkLimits(@Value("${hip.phr.bulk.max-bytes:268435456}") long maxBytes, @Value("${hip.phr.bulk.max-lines:500000}") int maxLines) {
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int maxLines() {
        return maxLines;
    }

    public void set(long maxBytes, int maxLines) {
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
    }
}
