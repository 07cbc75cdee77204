package jp.hip.guidelines.declarations;

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

/**
 * The uploaded evidence of one checklist answer: a PDF, PNG or JPEG recognised by its first bytes (never by its name
 * or the browser's content type), at most 1 MB. One per answer; a new upload replaces it while the declaration is a
 * draft.
 */
@Entity
@Table(name = "gl_answer_document")
public class EvidenceDocument {

    static final int MAX_BYTES = 1024 * 1024;

    @TenantId
    @Column(name = "tenant_id")
    private UUID tenantId;

    @Id
    private UUID id;

    @Column(name = "declaration_id")
    private UUID declarationId;

    @Column(name = "item_id")
    private UUID itemId;

    @Column(name = "file_name")
    private String fileName;

    @Column(name = "content_type")
    private String contentType;

    @Column(name = "size_bytes")
    private int sizeBytes;

    private byte[] content;

    @Column(name = "uploaded_at")
    private Instant uploadedAt;

    protected EvidenceDocument() {}

    public EvidenceDocument(Declaration declaration, UUID itemId, String code, String fileName, byte[] content, Instant now) {
        this.contentType = typeOf(content, code);
        this.tenantId = declaration.tenantId();
        this.id = UUID.randomUUID();
        this.declarationId = declaration.id();
        this.itemId = itemId;
        String name = fileName == null || fileName.isBlank() ? "evidence" : fileName.strip();
        name = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        this.fileName = name.length() > 200 ? name.substring(name.length() - 200) : name;
        this.sizeBytes = content.length;
        this.content = content;
        this.uploadedAt = now;
    }

    /** The content type by the first bytes; the message names the checklist item. */
    public static String typeOf(byte[] content, String code) {
        if (content == null || content.length == 0) {
            throw new GuidelineException("guidelines.evidence.empty", code);
        }
        if (content.length > MAX_BYTES) {
            throw new GuidelineException("guidelines.evidence.tooLarge", code);
        }
        if (startsWith(content, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return "application/pdf";
        }
        if (startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return "image/png";
        }
        if (startsWith(content, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "image/jpeg";
        }
        throw new GuidelineException("guidelines.evidence.wrongType", code);
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(Arrays.copyOf(content, magic.length), magic);
    }

    UUID itemId() { return itemId; }

    public EvidenceView view() {
        return new EvidenceView(itemId, fileName, contentType, sizeBytes);
    }

    public DocumentFile file() {
        return new DocumentFile(fileName, contentType, content);
    }
}
