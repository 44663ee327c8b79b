package dev.consentvault.core.ledger;

import java.time.Instant;

/**
 * Something privacy-relevant that happened, as the ledger records it: what, when, to which receipt
 * (by {@link Refs#receiptRef}) or request, by which staff member, and nothing personal.
 *
 * @param eventKey unique per source event (e.g. the stream record's id): appending the same event
 *     twice records it once
 * @param receiptRef the receipt's id hashed ({@link Refs#receiptRef}), or null
 * @param requestId the privacy request, or null
 * @param purposeId or null
 * @param subjectRef the subject key hashed again ({@link Refs#subjectRef}), or null
 * @param staffId who acted, for staff actions, or null
 * @param detail a short, fixed-vocabulary note (statuses, reasons, counts), or null
 */
public record LedgerEvent(
        String eventKey,
        Instant at,
        EventKind kind,
        String receiptRef,
        String requestId,
        String purposeId,
        String subjectRef,
        String staffId,
        String detail) {

    public LedgerEvent {
        if (eventKey == null || at == null || kind == null) {
            throw new IllegalArgumentException("a ledger event needs a key, an instant and a kind");
        }
    }

    /** A builder, so no event is built from a run of nulls. */
    public static Builder of(String eventKey, Instant at, EventKind kind) {
        return new Builder(eventKey, at, kind);
    }

    /** Builds a {@link LedgerEvent}; unset references stay null. */
    public static final class Builder {
        private final String eventKey;
        private final Instant at;
        private final EventKind kind;
        private String receiptRef;
        private String requestId;
        private String purposeId;
        private String subjectRef;
        private String staffId;
        private String detail;

        private Builder(String eventKey, Instant at, EventKind kind) {
            this.eventKey = eventKey;
            this.at = at;
            this.kind = kind;
        }

        public Builder receipt(String receiptId) {
            this.receiptRef = receiptId == null ? null : Refs.receiptRef(receiptId);
            return this;
        }

        public Builder request(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder purpose(String purposeId) {
            this.purposeId = purposeId;
            return this;
        }

        public Builder subjectRef(String subjectRef) {
            this.subjectRef = subjectRef;
            return this;
        }

        public Builder staff(String staffId) {
            this.staffId = staffId;
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public LedgerEvent build() {
            return new LedgerEvent(
                    eventKey,
                    at,
                    kind,
                    receiptRef,
                    requestId,
                    purposeId,
                    subjectRef,
                    staffId,
                    detail);
        }
    }
}
