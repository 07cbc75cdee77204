package jp.hip.guidelines.guideline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.TenantId;

import jp.hip.guidelines.DocumentFile;
import jp.hip.guidelines.GuidelineException;

/** The uploaded document of a guideline version: a PDF (checked by its first bytes, not its name) of at most 1 MB. */
@Entity
@Table(name = "gl_version_document")
public class VersionDocument {

    static final int MAX_BYTES = 1024 * 1024;
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    @Column(name = "version_id")
    private UUID versionId;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "content_type")
    private String contentType;

    @Column(name = "size_bytes")
    private int sizeBytes;

    private byte[] content;

    @Column(name = "uploaded_at")
    private Instant uploadedAt;

    protected VersionDocument() {}

    public VersionDocument(GuidelineVersion version, String fileName, byte[] content, Instant now) {
        check(content);
        this.tenantId = version.tenantId();
        this.versionId = version.id();
        String name = fileName == null || fileName.isBlank() ? "guideline.pdf" : fileName.strip();
        name = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        this.fileName = name.length() > 200 ? name.substring(name.length() - 200) : name;
        this.contentType = "application/pdf";
        this.sizeBytes = content.length;
        this.content = content;
        this.uploadedAt = now;
    }

    static void check(byte[] content) {
        if (content == null || content.length == 0) {
            throw new GuidelineException("guidelines.document.empty");
        }
        if (content.length > MAX_BYTES) {
            throw new GuidelineException("guidelines.document.tooLarge");
        }
        if (content.length < PDF_MAGIC.length || !Arrays.equals(Arrays.copyOf(content, PDF_MAGIC.length), PDF_MAGIC)) {
            throw new GuidelineException("guidelines.document.wrongType");
        }
    }

    public DocumentFile file() {
        return new DocumentFile(fileName, contentType, content);
    }
}
