package dev.consentvault.core.privacy;

import java.time.Instant;

/**
 * A deletion request or a complaint, and its legal clock. While open it may carry the subject keys
 * (pseudonyms) and the receipt id it concerns; once completed or closed only a proof remains:
 * timestamps, counts, and {@code subjectKeyHash} (SHA-256 of the subject keys), nothing personal.
 *
 * @param requestedBy "receipt-holder", "complainant", "staff:&lt;id&gt;", or
 *     "complaint:&lt;requestId&gt;"
 */
public record PrivacyRequest(
        String requestId,
        RequestType type,
        RequestStatus status,
        String jurisdiction,
        LegalRegime regime,
        Instant receivedAt,
        Instant acknowledgeBy,
        Instant dueAt,
        String extensionReason,
        Instant acknowledgedAt,
        Instant completedAt,
        String requestedBy,
        String ticket,
        String category,
        String receiptId,
        String emailKey,
        String phoneKey,
        Long itemsErased,
        String subjectKeyHash,
        String relatedRequestId) {

    /**
     * A new request on its queue (RECEIVED), received now, with the deadlines its type and
     * jurisdiction give it.
     */
    public static PrivacyRequest received(
            String requestId,
            RequestType type,
            RequestSubject subject,
            Filing filing,
            Deadlines deadlines,
            Instant now) {
        return opened(requestId, type, subject, filing, deadlines, now)
                .status(RequestStatus.RECEIVED)
                .build();
    }

    /** A deletion that staff must verify before it runs, received now. */
    public static PrivacyRequest awaitingVerification(
            String requestId,
            RequestSubject subject,
            Filing filing,
            Deadlines deadlines,
            Instant now) {
        return opened(requestId, RequestType.DELETION, subject, filing, deadlines, now)
                .status(RequestStatus.AWAITING_VERIFICATION)
                .build();
    }

    /**
     * An access request staff answered now: COMPLETED at once, the subject only as a hash of the
     * keys looked up.
     */
    public static PrivacyRequest answeredAccess(
            String requestId,
            String subjectKeyHash,
            Filing filing,
            Deadlines deadlines,
            Instant now) {
        LegalRegime regime = deadlines.regime(filing.jurisdiction(), now);
        return builder(requestId, RequestType.ACCESS)
                .status(RequestStatus.COMPLETED)
                .filing(filing)
                .clock(regime, now, now, deadlines.dueAt(regime, now))
                .acknowledgedAt(now)
                .completedAt(now)
                .subjectKeyHash(subjectKeyHash)
                .build();
    }

    private static Builder opened(
            String requestId,
            RequestType type,
            RequestSubject subject,
            Filing filing,
            Deadlines deadlines,
            Instant now) {
        LegalRegime regime = deadlines.regime(filing.jurisdiction(), now);
        return builder(requestId, type)
                .filing(filing)
                .clock(
                        regime,
                        now,
                        deadlines.acknowledgeBy(type, regime, now),
                        deadlines.dueAt(regime, now))
                .subject(subject);
    }

    public static Builder builder(String requestId, RequestType type) {
        return new Builder(requestId, type);
    }

    /** The receipt and subject keys this request concerns while open. */
    public RequestSubject subject() {
        return new RequestSubject(receiptId, emailKey, phoneKey);
    }

    /**
     * Whether the due date was moved. While the request is open its reason says so; once completed
     * or closed the reason (free text) is gone and the due date itself tells: it is not the
     * regime's first one.
     */
    public boolean extended() {
        return extensionReason != null || !dueAt.equals(Deadlines.response(regime, receivedAt));
    }

    public boolean overdue(Instant now) {
        if (!status.open()) {
            return false;
        }
        boolean unacknowledged = acknowledgedAt == null && status != RequestStatus.ACKNOWLEDGED;
        return now.isAfter(dueAt) || (unacknowledged && now.isAfter(acknowledgeBy));
    }

    /** Builds a request by naming its components; unnamed ones are absent (null). */
    public static final class Builder {
        private final String requestId;
        private final RequestType type;
        private RequestStatus status;
        private String jurisdiction;
        private LegalRegime regime;
        private Instant receivedAt;
        private Instant acknowledgeBy;
        private Instant dueAt;
        private String extensionReason;
        private Instant acknowledgedAt;
        private Instant completedAt;
        private String requestedBy;
        private String ticket;
        private String category;
        private RequestSubject subject = RequestSubject.NONE;
        private Long itemsErased;
        private String subjectKeyHash;
        private String relatedRequestId;

        private Builder(String requestId, RequestType type) {
            this.requestId = requestId;
            this.type = type;
        }

        public Builder status(RequestStatus status) {
            this.status = status;
            return this;
        }

        /** Jurisdiction, requester and ticket. */
        public Builder filing(Filing filing) {
            this.jurisdiction = filing.jurisdiction();
            this.requestedBy = filing.requestedBy();
            this.ticket = filing.ticket();
            return this;
        }

        /** The legal clock: the regime, when the request arrived and its deadlines. */
        public Builder clock(
                LegalRegime regime, Instant receivedAt, Instant acknowledgeBy, Instant dueAt) {
            this.regime = regime;
            this.receivedAt = receivedAt;
            this.acknowledgeBy = acknowledgeBy;
            this.dueAt = dueAt;
            return this;
        }

        public Builder extensionReason(String extensionReason) {
            this.extensionReason = extensionReason;
            return this;
        }

        public Builder acknowledgedAt(Instant acknowledgedAt) {
            this.acknowledgedAt = acknowledgedAt;
            return this;
        }

        public Builder completedAt(Instant completedAt) {
            this.completedAt = completedAt;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder subject(RequestSubject subject) {
            this.subject = subject;
            return this;
        }

        public Builder itemsErased(Long itemsErased) {
            this.itemsErased = itemsErased;
            return this;
        }

        public Builder subjectKeyHash(String subjectKeyHash) {
            this.subjectKeyHash = subjectKeyHash;
            return this;
        }

        public Builder relatedRequestId(String relatedRequestId) {
            this.relatedRequestId = relatedRequestId;
            return this;
        }

        public PrivacyRequest build() {
            return new PrivacyRequest(
                    requestId,
                    type,
                    status,
                    jurisdiction,
                    regime,
                    receivedAt,
                    acknowledgeBy,
                    dueAt,
                    extensionReason,
                    acknowledgedAt,
                    completedAt,
                    requestedBy,
                    ticket,
                    category,
                    subject.receiptId(),
                    subject.emailKey(),
                    subject.phoneKey(),
                    itemsErased,
                    subjectKeyHash,
                    relatedRequestId);
        }
    }
}
