package dev.consentvault.core.privacy;

import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.propagation.PropagationDelivery;
import dev.consentvault.core.propagation.PropagationItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The privacy-requests outbox, carried out: a request recorded with its dispatch pending is put on
 * its queue, then its pending mark is cleared. Driven by the table's stream (each pending write
 * once, within seconds) and by a scheduled sweep that re-dispatches whatever is still pending after
 * {@code sweepAfter} (a stream record lost or out of retries, a queue that was down). Sending twice
 * is harmless: the processors are idempotent on the request id, and a request no longer RECEIVED is
 * not sent again.
 */
public final class RequestDispatch {

    private static final JsonLog LOG = new JsonLog("request-dispatch");

    private final PrivacyRequestStore store;
    private final RequestQueue queue;
    private final Clock clock;
    private final Duration sweepAfter;
    private final PropagationDelivery propagations;

    public RequestDispatch(
            PrivacyRequestStore store, RequestQueue queue, Clock clock, Duration sweepAfter) {
        this(store, queue, clock, sweepAfter, null);
    }

    /**
     * With {@code propagations}, the outbox's processor notices ({@code PROPAGATION#...}) are
     * queued by the same stream consumer and sweep.
     */
    public RequestDispatch(
            PrivacyRequestStore store,
            RequestQueue queue,
            Clock clock,
            Duration sweepAfter,
            PropagationDelivery propagations) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
        this.sweepAfter = sweepAfter;
        this.propagations = propagations;
    }

    /** Dispatches whatever outbox item the stream names: a request or a processor notice. */
    public void dispatchItem(String pk, String sk) {
        if (pk.startsWith(PropagationItem.PK_PREFIX)) {
            if (propagations == null) {
                throw new IllegalStateException("this dispatcher is not wired for propagations");
            }
            propagations.dispatch(
                    pk.substring(PropagationItem.PK_PREFIX.length()),
                    sk.substring(PropagationItem.SK_PREFIX.length()));
        } else {
            dispatch(pk.substring(PrivacyRequestTable.PK_PREFIX.length()));
        }
    }

    /**
     * Queues one request if its dispatch is pending; an exception (queue or table unavailable)
     * leaves it pending for a retry or the sweep.
     */
    public void dispatch(String requestId) {
        PrivacyRequest request = store.awaitingDispatch(requestId).orElse(null);
        if (request == null) {
            return;
        }
        // processed already (an earlier send went through but its mark did not): only clear it
        boolean send = request.status() == RequestStatus.RECEIVED;
        if (send) {
            queue.send(request.type(), message(request));
        }
        store.markDispatched(requestId, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("privacyRequestId", requestId);
        fields.put("type", request.type().jsonName());
        fields.put("sent", send);
        LOG.info("request-dispatched", fields);
    }

    /**
     * Re-dispatches every request pending for longer than {@code sweepAfter}; returns how many went
     * out. Tries them all, then throws if any could not be queued, so the failure shows as an error
     * (and its alarm) while those stay pending for the next sweep.
     */
    public int sweep() {
        Instant before = clock.instant().minus(sweepAfter);
        int dispatched = 0;
        int failed = 0;
        for (String requestId : store.dispatchPendingSince(before)) {
            try {
                dispatch(requestId);
                dispatched++;
            } catch (RuntimeException e) {
                failed++;
                LOG.warn(
                        "sweep-dispatch-failed",
                        Map.of(
                                "privacyRequestId",
                                requestId,
                                "error",
                                e.getClass().getSimpleName()));
            }
        }
        if (propagations != null) {
            try {
                dispatched += propagations.sweep(before);
            } catch (RuntimeException e) {
                failed++;
            }
        }
        LOG.info("swept", Map.of("dispatched", dispatched, "failed", failed));
        if (failed > 0) {
            throw new IllegalStateException(
                    failed + " pending request(s) could not be queued; they stay pending");
        }
        return dispatched;
    }

    /** The queue message of a request: identifiers and subject keys only, never personal data. */
    static String message(PrivacyRequest request) {
        return switch (request.type()) {
            case DELETION ->
                    QueueMessages.deletion(
                            new QueueMessages.Deletion(
                                    request.requestId(),
                                    request.receiptId(),
                                    request.emailKey(),
                                    request.phoneKey()));
            case COMPLAINT -> QueueMessages.complaint(request.requestId());
            case ACCESS ->
                    throw new IllegalStateException("access requests are answered, not queued");
        };
    }
}
