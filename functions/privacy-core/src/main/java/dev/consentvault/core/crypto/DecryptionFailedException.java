package dev.consentvault.core.crypto;

/** A sealed value did not open: tampered with, moved to another record, or unknown format. */
public class DecryptionFailedException extends RuntimeException {
    public DecryptionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
