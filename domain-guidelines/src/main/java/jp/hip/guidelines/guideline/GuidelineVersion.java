package jp.hip.guidelines.guideline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;

import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.LogoValidity;
import jp.hip.guidelines.Texts;

/** 版: one drafting or revision of a guideline; its 策定日/改訂日 bounds the logo window ({@link LogoValidity}). */
@Entity
@Table(name = "gl_guideline_version")
public class GuidelineVersion {

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    @Column(name = "guideline_id")
    private UUID guidelineId;

    private String label;

    @Column(name = "dated_on")
    private LocalDate datedOn;

    @Column(name = "document_url")
    private String documentUrl;

    @Column(name = "created_at")
    private Instant createdAt;

    protected GuidelineVersion() {}

    public GuidelineVersion(UUID tenantId, UUID guidelineId, String label, LocalDate datedOn, String documentUrl,
            LocalDate today, Instant now) {
        if (datedOn == null) {
            throw new GuidelineException("guidelines.version.datedOn.required");
        }
        if (datedOn.isAfter(today)) {
            throw new GuidelineException("guidelines.version.datedOn.future");
        }
        this.tenantId = tenantId;
        this.id = UUID.randomUUID();
        this.guidelineId = guidelineId;
        this.label = Texts.required(label, 50, "guidelines.version.label.required");
        this.datedOn = datedOn;
        this.documentUrl = Texts.url(documentUrl, "guidelines.version.documentUrl.invalid");
        this.createdAt = now;
    }

    public UUID id() { return id; }
    UUID tenantId() { return tenantId; }
    public UUID guidelineId() { return guidelineId; }
    public String label() { return label; }
    public LocalDate datedOn() { return datedOn; }

    public GuidelineVersionView view(boolean hasDocument) {
        return new GuidelineVersionView(id, label, datedOn, documentUrl, hasDocument);
    }
}
