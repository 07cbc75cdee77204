package jp.hip.phr;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The current version of one consent, as the individual's page and the Consent resource show it. */
public record ConsentView(UUID id, int version, UUID personId, UUID recipientTenantId, String recipientName,
        DataCategory category, String status, LocalDate periodStart, LocalDate periodEnd, Instant recordedAt,
        String decision, String recorderName, String evidenceTitle) {

    /** A consent a tenant recorded for the person, with evidence (ADR 0037): shown as 「○○が記録（根拠: …）」. */
    public boolean recordedByTenant() {
        return recorderName != null;
    }

    public boolean active() {
        return "active".equals(status);
    }

    public boolean permit() {
        return !"deny".equals(decision);
    }
}
