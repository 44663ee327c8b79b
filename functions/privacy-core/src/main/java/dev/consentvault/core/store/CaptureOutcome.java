package dev.consentvault.core.store;

/** What became of a capture's write. */
public enum CaptureOutcome {
    /** In the table now. */
    WRITTEN,
    /**
     * The table throttled (or did not answer) for longer than a person should wait: the write is
     * held, sealed, on the capture buffer queue, and the drainer writes it.
     */
    HELD
}
