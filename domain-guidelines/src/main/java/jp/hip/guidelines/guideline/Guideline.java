package jp.hip.guidelines.guideline;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.Texts;
import jp.hip.guidelines.declarations.Declaration;

/**
 * 業界自主ガイドライン等: the stable identity across revisions. Its registration number ({@code HG-0001}) never
 * changes; each revision is a {@link GuidelineVersion}, each declaration a {@link Declaration}.
 */
@Entity
@Table(name = "gl_guideline")
public class Guideline {

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    @Column(name = "registration_no")
    private String registrationNo;

    @Enumerated(EnumType.STRING)
    private GuidelineKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "service_category")
    private ServiceCategory serviceCategory;

    private String title;

    @Column(name = "target_businesses")
    private String targetBusinesses;

    @Column(name = "public_url")
    private String publicUrl;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private long version;

    protected Guideline() {}

    public Guideline(UUID tenantId, String registrationNo, GuidelineKind kind, ServiceCategory serviceCategory, String title,
            String targetBusinesses, String publicUrl, Instant now) {
        if (kind == null) {
            throw new GuidelineException("guidelines.guideline.kind.required");
        }
        if (serviceCategory == null) {
            throw new GuidelineException("guidelines.guideline.serviceCategory.required");
        }
        this.tenantId = tenantId;
        this.id = UUID.randomUUID();
        this.registrationNo = registrationNo;
        this.kind = kind;
        this.serviceCategory = serviceCategory;
        this.title = Texts.required(title, 300, "guidelines.guideline.title.required");
        this.targetBusinesses = Texts.blankToNull(targetBusinesses);
        this.publicUrl = Texts.url(publicUrl, "guidelines.guideline.publicUrl.invalid");
        this.createdAt = now;
    }

    /** 登録番号: HG- and at least four digits. */
    public static String registrationNumber(long sequence) {
        return "HG-%04d".formatted(sequence);
    }

    public static boolean isRegistrationNumber(String value) {
        return value != null && value.matches("HG-\\d{4,9}");
    }

    public UUID id() { return id; }
    public UUID tenantId() { return tenantId; }
    public String registrationNo() { return registrationNo; }
    public GuidelineKind kind() { return kind; }
    public ServiceCategory serviceCategory() { return serviceCategory; }
    public String title() { return title; }
    public String publicUrl() { return publicUrl; }
    public String targetBusinesses() { return targetBusinesses; }
}
