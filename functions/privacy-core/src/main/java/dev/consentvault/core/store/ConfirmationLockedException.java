package dev.consentvault.core.store;

/** Too many wrong codes were tried for a confirmation: it no longer accepts any. */
public final class ConfirmationLockedException extends RuntimeException {
    public ConfirmationLockedException() {
        super("too many wrong confirmation codes", null, false, false);
    }
}
