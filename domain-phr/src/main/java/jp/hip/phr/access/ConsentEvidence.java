package jp.hip.phr.access;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Consent;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;

/**
 * The evidence a tenant attaches when it records a consent the person gave elsewhere (ADR 0037): FHIR R4
 * {@code Consent.sourceAttachment} with the document inline ({@code data}), a PDF or an image (PNG, JPEG) whose bytes
 * are what the content type says, at most {@link #MAX_BYTES}, and a {@code title} naming it (shown to the person).
 * Anything else is refused with every problem found (422), and nothing is written.
 */
public record ConsentEvidence(String title, String mediaType, byte[] content, String sha256) {

    /** Largest evidence document accepted (a scanned form of a few pages). */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    static final Set<String> MEDIA_TYPES = Set.of("application/pdf", "image/png", "image/jpeg");

    public static ConsentEvidence of(Consent consent) {
        List<Problem> problems = new ArrayList<>();
        if (!consent.hasSourceAttachment()) {
            throw new PhrException(Kind.UNPROCESSABLE, List.of(Problem.of("phr.error.consentEvidenceMissing", "Consent.sourceAttachment")));
        }
        Attachment attachment = consent.getSourceAttachment();
        String type = attachment.hasContentType() ? attachment.getContentType().toLowerCase(java.util.Locale.ROOT) : "";
        byte[] data = attachment.hasData() ? attachment.getData() : new byte[0];
        if (!MEDIA_TYPES.contains(type)) {
            problems.add(Problem.of("phr.error.consentEvidenceType", "Consent.sourceAttachment.contentType", type));
        }
        if (data.length == 0) {
            problems.add(Problem.of("phr.error.consentEvidenceData", "Consent.sourceAttachment.data"));
        } else if (data.length > MAX_BYTES) {
            problems.add(Problem.of("phr.error.consentEvidenceSize", "Consent.sourceAttachment.data", MAX_BYTES / (1024 * 1024)));
        } else if (MEDIA_TYPES.contains(type) && !looksLike(type, data)) {
            problems.add(Problem.of("phr.error.consentEvidenceContent", "Consent.sourceAttachment.data", type));
        }
        String title = attachment.hasTitle() ? attachment.getTitle().strip() : "";
        if (title.isEmpty() || title.length() > 200) {
            problems.add(Problem.of("phr.error.consentEvidenceTitle", "Consent.sourceAttachment.title"));
        }
        if (!problems.isEmpty()) {
            throw new PhrException(Kind.UNPROCESSABLE, problems);
        }
        return new ConsentEvidence(title, type, data, sha256(data));
    }

    /** The file signature matches the declared type: %PDF-, the PNG signature, or a JPEG SOI marker. */
    static boolean looksLike(String type, byte[] data) {
        return switch (type) {
            case "application/pdf" -> startsWith(data, new byte[] {'%', 'P', 'D', 'F', '-'});
            case "image/png" -> startsWith(data, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            case "image/jpeg" -> startsWith(data, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});
            default -> false;
        };
    }

    /** The file extension for export. */
    public String extension() {
        return extensionOf(mediaType);
    }

    public static String extensionOf(String mediaType) {
        return switch (mediaType) {
            case "application/pdf" -> "pdf";
            case "image/png" -> "png";
            default -> "jpg";
        };
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
