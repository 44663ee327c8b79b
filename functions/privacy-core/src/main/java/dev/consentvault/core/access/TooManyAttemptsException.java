package dev.consentvault.core.access;

/**
 * Too many codes were tried for one phone number in the current window: the code is locked until
 * the window ends, whatever was sent (so it says nothing about whether anything is held).
 */
public final class TooManyAttemptsException extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManyAttemptsException(long retryAfterSeconds) {
        super("too many codes tried", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
