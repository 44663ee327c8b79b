package dev.consentvault.core.propagation;

import dev.consentvault.core.store.StoredItem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to the propagation outbox (in the privacy-requests table). */
public interface PropagationStore {

    /** True once a propagation was recorded for this deletion request. */
    boolean recordedFor(String requestId);

    /**
     * In one transaction: the request (still RECEIVED) records that it waits for these processors,
     * and each notice is written with its outbox mark. False when the request had its propagation
     * recorded already, or is no longer RECEIVED (then nothing is written).
     */
    boolean recordForErasure(String requestId, List<PropagationItem> items, Instant at);

    Optional<PropagationItem> find(String propagationId, String processorId);

    /** PENDING becomes SENT; false if it was not PENDING (a duplicate delivery). */
    boolean markSent(String propagationId, String processorId, Instant at);

    /**
     * The notice becomes ACKED and, for an erasure, the processor leaves the request's awaiting
     * set, in one transaction; false when it was acknowledged already (a replay). The same write
     * removes the notice's sealed identifiers (nothing is owed any more) and gives what stays, the
     * proof that the processor was told and acted, its {@code expiresAt}: {@code proofExpiresAt}
     * (epoch seconds).
     */
    boolean acknowledge(PropagationItem item, Instant at, long proofExpiresAt);

    /**
     * An erased request (IN_PROGRESS) with no processor left to wait for becomes COMPLETED with its
     * proof expiry, its sealed details removed and, in the same transaction, the messages that tell
     * the person (outbox items) written; false otherwise (then nothing is written, so the person
     * hears of the completion once, from whichever write completes it).
     */
    boolean completeIfAcknowledged(
            String requestId, Instant at, long proofExpiresAt, List<StoredItem> messages);

    /**
     * The notices not acknowledged yet (erasures' and withdrawals') whose due date is at or before
     * {@code dueBy}, earliest due first: what the deadline watch counts and {@code list-overdue}
     * shows.
     */
    List<PropagationItem> unacknowledgedDueBy(Instant dueBy);

    /** The ids of IN_PROGRESS requests (erased here, waiting for processors). */
    List<String> inProgress();

    /** The processors a request still waits for (empty when none, or not a request). */
    List<String> awaitingProcessors(String requestId);

    /** The propagation item if its outbox mark is set (read consistently). */
    Optional<PropagationItem> awaitingDispatch(String propagationId, String processorId);

    /** Clears the outbox mark; false when it was not set. */
    boolean markDispatched(String propagationId, String processorId, Instant at);

    /**
     * The keys (propagation id, processor id) of notices whose outbox mark is older than before.
     */
    List<String[]> dispatchPendingSince(Instant before);
}
