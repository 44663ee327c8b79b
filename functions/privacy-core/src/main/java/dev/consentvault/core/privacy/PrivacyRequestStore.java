package dev.consentvault.core.privacy;

import dev.consentvault.core.store.StoredItem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to the privacy-requests table. */
public interface PrivacyRequestStore {

    /**
     * Creates the request (with its sealed details, may be null); false when its id exists already.
     * A RECEIVED request is written with its dispatch pending in the same write (the outbox), so it
     * cannot be recorded without being queued later.
     */
    default boolean create(PrivacyRequest request, byte[] sealedDetails) {
        return create(request, sealedDetails, List.of());
    }

    /**
     * As {@link #create(PrivacyRequest, byte[])}, with outbox messages to the person ({@code
     * OUTBOX#} items of the consent table) written in the same all-or-nothing write: a message
     * exists exactly when what it tells happened.
     */
    boolean create(PrivacyRequest request, byte[] sealedDetails, List<StoredItem> messages);

    Optional<PrivacyRequest> find(String requestId);

    /**
     * Records a request that is complete from the start (an answered access request), with its
     * proof expiry.
     */
    void recordCompleted(PrivacyRequest request, long proofExpiresAt);

    /** The sealed details of a complaint (contact and message), or empty. */
    Optional<byte[]> sealedDetails(String requestId);

    /**
     * Marks a deletion completed and strips it down to its proof (no subject keys, no receipt id,
     * no sealed details, no free text: extension reason and ticket) — or, when processors that
     * received the data have yet to acknowledge, IN_PROGRESS, stripped alike, until the last one
     * does; false when it was completed or in progress already (a duplicate delivery).
     */
    boolean complete(
            String requestId,
            Instant completedAt,
            long itemsErased,
            String subjectKeyHash,
            long proofExpiresAt,
            List<StoredItem> messages);

    default boolean complete(
            String requestId,
            Instant completedAt,
            long itemsErased,
            String subjectKeyHash,
            long proofExpiresAt) {
        return complete(
                requestId, completedAt, itemsErased, subjectKeyHash, proofExpiresAt, List.of());
    }

    /** A complaint processed: OPEN with its category; false if it was not RECEIVED any more. */
    boolean open(String requestId, String category, String relatedRequestId);

    /**
     * Staff verified the requester's identity: AWAITING_VERIFICATION becomes RECEIVED with its
     * dispatch pending since {@code at}, in one write; false otherwise.
     */
    boolean markVerified(String requestId, String verifiedBy, Instant at);

    /** The request if its dispatch is pending (read consistently), else empty. */
    Optional<PrivacyRequest> awaitingDispatch(String requestId);

    /**
     * Clears a pending dispatch and records when it was queued; false when it was not pending (a
     * concurrent dispatch cleared it first).
     */
    boolean markDispatched(String requestId, Instant at);

    /** The ids of requests whose dispatch has been pending since {@code before} or earlier. */
    List<String> dispatchPendingSince(Instant before);

    /** Staff acknowledged a request; false if it is not open or was acknowledged already. */
    boolean acknowledge(String requestId, Instant at, List<StoredItem> messages);

    default boolean acknowledge(String requestId, Instant at) {
        return acknowledge(requestId, at, List.of());
    }

    /**
     * Staff closed a complaint: stripped down to its proof as {@link #complete} does; false if not
     * open.
     */
    boolean close(String requestId, Instant at, long proofExpiresAt, List<StoredItem> messages);

    default boolean close(String requestId, Instant at, long proofExpiresAt) {
        return close(requestId, at, proofExpiresAt, List.of());
    }

    /**
     * Records that staff opened the request's sealed details: who and when, nothing of what they
     * read. Written before the details are opened, so no reading goes unrecorded; false when the
     * request is not open or holds no sealed details (any more).
     */
    boolean recordReveal(String requestId, String revealedBy, Instant at);

    /** Moves the due date once; false when already extended or not open. */
    boolean extend(String requestId, Instant newDueAt, String reason, List<StoredItem> messages);

    default boolean extend(String requestId, Instant newDueAt, String reason) {
        return extend(requestId, newDueAt, reason, List.of());
    }

    /** Every request in an open status, by due date. */
    List<PrivacyRequest> open();
}
