package dev.consentvault.core.store;

/**
 * Where a capture's write goes when the table cannot take it in time: somewhere durable from which
 * it is written later, exactly as it would have been.
 */
public interface CaptureBuffer {

    /** Holds the write durably, or throws {@link StorageUnavailableException}. */
    void hold(CaptureWrite write);
}
