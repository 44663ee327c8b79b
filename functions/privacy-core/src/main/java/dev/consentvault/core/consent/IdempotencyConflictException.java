package dev.consentvault.core.consent;

/** The Idempotency-Key was used before with a different request: answered 409. */
public class IdempotencyConflictException extends RuntimeException {
    public IdempotencyConflictException() {
        super(
                "This Idempotency-Key was already used with a different request body."
                        + " Use a new key for a new request.");
    }
}
