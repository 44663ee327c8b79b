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
}
