package dev.consentvault.core.ledger;

/** What the ledger records. Staff actions carry the staff id; the rest come from the streams. */
public enum EventKind {
    /** A receipt was recorded (the consent table's receipt item appeared). */
    CAPTURE,
    /** One purpose's decision as captured: its status (and reason) in the detail. */
    DECISION,
    /** A pending decision was confirmed through the person's channel. */
    CONFIRMATION,
    /** A decision was withdrawn. */
    WITHDRAWAL,
    /** A record was deleted by the application (erasure). */
    ERASURE,
    /** A record was deleted by DynamoDB TTL: its retention ended. */
    TTL_EXPIRY,
    /** A privacy request was filed (the detail names its type). */
    REQUEST_FILED,
    /** A privacy request's status changed (old and new in the detail). */
    REQUEST_STATUS,
    STAFF_VERIFY,
    STAFF_EXPORT,
    STAFF_REVEAL,
    STAFF_EXTEND,
    STAFF_ACKNOWLEDGE,
    STAFF_CLOSE
}
