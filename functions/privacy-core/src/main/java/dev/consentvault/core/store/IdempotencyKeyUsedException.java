package dev.consentvault.core.store;

/** The capture was not written because its idempotency marker already exists. */
public class IdempotencyKeyUsedException extends RuntimeException {
    public IdempotencyKeyUsedException() {
        super("idempotency marker exists", null, false, false);
    }
}
