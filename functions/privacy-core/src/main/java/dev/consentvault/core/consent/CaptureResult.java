package dev.consentvault.core.consent;

/**
 * The answer to a capture: the receipt JSON (with the once-shown receiptToken) and whether it is a
 * replay of an earlier answer for the same Idempotency-Key.
 */
public record CaptureResult(String receiptId, byte[] responseBody, boolean replayed) {}
