package dev.consentvault.core.consent;

/**
 * The answer to a capture: the receipt JSON (with the once-shown receiptToken), whether it is a
 * replay of an earlier answer for the same Idempotency-Key, and whether the write is held on the
 * capture buffer (the receipt is readable once the drainer has written it).
 */
public record CaptureResult(String receiptId, byte[] responseBody, boolean replayed, boolean held) {

    public CaptureResult(String receiptId, byte[] responseBody, boolean replayed) {
        this(receiptId, responseBody, replayed, false);
    }
}
