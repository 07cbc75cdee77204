package jp.hip.guidelines.association;

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
import jp.hip.identity.CorporateNumber;

/** 業界団体等: the profile of an association tenant (one per tenant), with its 法人番号. */
@Entity
@Table(name = "gl_association")
public class Association {

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    @Column(name = "corporate_number")
    private String corporateNumber;

    private String name;

    @Enumerated(EnumType.STRING)
    private AssociationKind kind;

    @Column(name = "representative_name")
    private String representativeName;

    @Column(name = "website_url")
    private String websiteUrl;

    @Column(name = "contact_email")
    private String contactEmail;

    @Version
    private long version;

    protected Association() {}

    public Association(UUID id) {
        this.id = id;
    }

    public void update(String corporateNumber, String name, AssociationKind kind, String representativeName,
            String websiteUrl, String contactEmail) {
        String number = corporateNumber == null ? "" : corporateNumber.strip().replace("-", "");
        if (!CorporateNumber.isValid(number)) {
            throw new GuidelineException("guidelines.association.corporateNumber.invalid");
        }
        if (name == null || name.isBlank()) {
            throw new GuidelineException("guidelines.association.name.required");
        }
        if (kind == null) {
            throw new GuidelineException("guidelines.association.kind.required");
        }
        this.corporateNumber = number;
        this.name = name.strip();
        this.kind = kind;
        this.representativeName = Texts.blankToNull(representativeName);
        this.websiteUrl = Texts.url(websiteUrl, "guidelines.association.websiteUrl.invalid");
        this.contactEmail = Texts.blankToNull(contactEmail);
    }

    public String name() {
        return name;
    }

    UUID tenantId() {
        return tenantId;
    }

    public AssociationView view() {
        return new AssociationView(id, corporateNumber, name, kind, representativeName, websiteUrl, contactEmail, version);
    }
}
