package dev.consentvault.core.store;

/** A conditional write found the items changed since they were read; read again and retry. */
public class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException() {
        super("items changed since they were read", null, false, false);
    }
}
