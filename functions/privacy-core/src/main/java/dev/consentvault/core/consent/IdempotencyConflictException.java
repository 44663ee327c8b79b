package dev.consentvault.core.consent;

/**
 * The Idempotency-Key was used before with a different request, or for a receipt whose personal
 * data has since been shredded (so its answer cannot be replayed): answered 409.
 */
public class IdempotencyConflictException extends RuntimeException {
    public IdempotencyConflictException() {
        this(
                "This Idempotency-Key was already used with a different request body."
                        + " Use a new key for a new request.");
    }

    public IdempotencyConflictException(String message) {
        super(message);
    }
}
