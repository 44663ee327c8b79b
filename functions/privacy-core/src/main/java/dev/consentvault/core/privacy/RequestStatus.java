package dev.consentvault.core.privacy;

/**
 * Where a privacy request stands. Open ones count towards "overdue"; COMPLETED and CLOSED keep only
 * a proof without personal data, for the proof retention.
 */
public enum RequestStatus {
    /**
     * Recorded and not yet processed: on its queue, or about to be (its dispatch pending in the
     * outbox).
     */
    RECEIVED,
    /**
     * A deletion asked for without proof of control (e.g. from a complaint): staff must verify
     * identity.
     */
    AWAITING_VERIFICATION,
    /** A complaint stored, waiting for staff. */
    OPEN,
    /** A complaint staff have acknowledged. */
    ACKNOWLEDGED,
    /**
     * A deletion carried out here, waiting for the processors that received the data to acknowledge
     * it (each told by a signed webhook).
     */
    IN_PROGRESS,
    /** A deletion carried out, and acknowledged by every processor that received the data. */
    COMPLETED,
    /** A complaint answered. */
    CLOSED;

    public boolean open() {
        return this != COMPLETED && this != CLOSED;
    }
}
