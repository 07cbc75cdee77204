package jp.hip.collabo;

import java.time.Instant;
import java.util.UUID;

/** A built employer report with its review state; the content is the released (suppressed) figures only. */
public record EmployerReport(UUID id, UUID linkId, UUID companyTenantId, UUID insurerTenantId, String companyName,
        String insurerName, String employerGroup, int fiscalYear, Status status, Instant builtAt, String builtBy,
        Instant sharedAt, Instant acknowledgedAt, ReportContent content) {

    /** 下書き → 共有済み → 確認済み. */
    public enum Status { DRAFT, SHARED, ACKNOWLEDGED }
}
