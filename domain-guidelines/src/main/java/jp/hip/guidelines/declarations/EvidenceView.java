package jp.hip.guidelines.declarations;

import java.util.UUID;

/** An uploaded evidence document of one answer, without its content. */
public record EvidenceView(UUID itemId, String fileName, String contentType, int sizeBytes) {}
