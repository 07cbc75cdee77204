package jp.hip.guidelines;

/** A stored document, for download. */
public record DocumentFile(String fileName, String contentType, byte[] content) {}
