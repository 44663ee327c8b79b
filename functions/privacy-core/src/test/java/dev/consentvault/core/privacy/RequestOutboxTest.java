package dev.consentvault.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.crypto.FakeKeyService;
import dev.consentvault.core.crypto.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox: filing is one write and sends nothing; the dispatcher and its sweeper queue each
 * request, without personal data, until none is left pending — whatever fails in between.
 */
class RequestOutboxTest {

    private static final String TABLE = "requests";
    private static final String EMAIL = "ana@example.com";
    private static final String MESSAGE = "Please delete everything you hold about me";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final FakePrivacyRequestStore store = new FakePrivacyRequestStore();
    private final RecordingQueue queue = new RecordingQueue();
    private final PrivacyRequests intake =
            new PrivacyRequests(
                    store,
                    null,
                    Envelope.forTable(new FakeKeyService(), TABLE, clock),
                    TABLE,
                    new Deadlines(Deadlines.DEFAULT_ACKNOWLEDGEMENT),
                    clock);
    private final RequestDispatch dispatch =
            new RequestDispatch(store, queue, clock, Duration.ofMinutes(2));

    /** SQS in memory: records what was sent, or fails like an unreachable queue. */
    static final class RecordingQueue implements RequestQueue {
        final List<Map.Entry<RequestType, String>> sent = new ArrayList<>();
        boolean unavailable;

        @Override
        public void send(RequestType queue, String body) {
            if (unavailable) {
                throw new DependencyUnavailableException("injected: SendMessage failed", null);
            }
            sent.add(Map.entry(queue, body));
        }
    }

    private Filed complaint() {
        return intake.fileComplaint(
                new ComplaintCommand(
                        RequestSubject.NONE,
                        new Filing("EU", "complainant", null),
                        MESSAGE,
                        EMAIL));
    }

    private Filed deletion() {
        return intake.fileDeletion(
                new DeletionCommand(
                        UUID.randomUUID().toString(),
                        new RequestSubject("receipt-1", "email-key-1", null),
                        new Filing("EU", "receipt-holder", null),
                        null));
    }

    @Test
    void filingIsOneWriteWithItsDispatchPendingAndSendsNothing() {
        Filed filed = deletion();

        assertEquals(1, store.writes);
        assertEquals(RequestStatus.RECEIVED, filed.status());
        assertEquals(Map.of(filed.requestId(), clock.instant()), store.pendingSince);
        assertEquals(List.of(), queue.sent, "the request path never calls the queue");
    }

    @Test
    void theDispatcherQueuesEachRequestOnItsQueueWithoutPersonalDataAndClearsIt() {
        Filed deletion = deletion();
        Filed complaint = complaint();

        dispatch.dispatch(deletion.requestId());
        dispatch.dispatch(complaint.requestId());
        dispatch.dispatch(complaint.requestId());

        assertEquals(2, queue.sent.size(), "a request already dispatched is not sent again");
        assertEquals(RequestType.DELETION, queue.sent.get(0).getKey());
        assertEquals(
                new QueueMessages.Deletion(deletion.requestId(), "receipt-1", "email-key-1", null),
                QueueMessages.parseDeletion(queue.sent.get(0).getValue()));
        assertEquals(RequestType.COMPLAINT, queue.sent.get(1).getKey());
        assertEquals(
                complaint.requestId(), QueueMessages.parseComplaint(queue.sent.get(1).getValue()));
        for (Map.Entry<RequestType, String> message : queue.sent) {
            assertFalse(message.getValue().contains(EMAIL), message.getValue());
            assertFalse(message.getValue().contains("delete everything"), message.getValue());
        }
        assertTrue(store.pendingSince.isEmpty());
        assertEquals(2, store.dispatchedAt.size());
    }

    @Test
    void aFailedSendLeavesTheRequestPendingAndTheSweepQueuesItAfterTheGracePeriod() {
        Filed filed = deletion();
        queue.unavailable = true;

        assertThrows(
                DependencyUnavailableException.class, () -> dispatch.dispatch(filed.requestId()));
        assertTrue(store.pendingSince.containsKey(filed.requestId()), "still in the outbox");
        assertThrows(
                IllegalStateException.class,
                () -> new RequestDispatch(store, queue, clock, Duration.ZERO).sweep(),
                "the sweep reports what it could not queue");

        queue.unavailable = false;
        assertEquals(0, dispatch.sweep(), "within the grace period the stream's retries have it");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, dispatch.sweep());
        assertEquals(1, queue.sent.size());
        assertTrue(store.pendingSince.isEmpty(), "nothing is left to queue");
    }

    @Test
    void aRequestProcessedBeforeItsMarkWasClearedIsNotSentAgain() {
        Filed filed = deletion();
        store.failMarkDispatched = true;
        assertThrows(RuntimeException.class, () -> dispatch.dispatch(filed.requestId()));
        assertEquals(1, queue.sent.size(), "sent, but the mark failed");
        store.complete(filed.requestId(), clock.instant(), 3, "hash", 0);

        store.failMarkDispatched = false;
        clock.advance(Duration.ofMinutes(5));
        assertEquals(1, dispatch.sweep());

        assertEquals(1, queue.sent.size(), "processed already: only the mark is cleared");
        assertTrue(store.pendingSince.isEmpty());
    }

    @Test
    void aDeletionAwaitingVerificationIsQueuedOnlyOnceStaffVerifyIt() {
        String id = UUID.randomUUID().toString();
        intake.recordUnverifiedDeletion(
                new DeletionCommand(
                        id,
                        new RequestSubject(null, "email-key-2", null),
                        new Filing("EU", "complaint:c-1", null),
                        null));
        clock.advance(Duration.ofHours(1));
        assertEquals(0, dispatch.sweep());
        assertEquals(List.of(), queue.sent, "nothing runs on an unverified claim");

        Filed verified = intake.runVerifiedDeletion(store.find(id).orElseThrow(), "staff:it");

        assertEquals(RequestStatus.RECEIVED, verified.status());
        assertEquals(Map.of(id, clock.instant()), store.pendingSince, "pending from verification");
        dispatch.dispatch(id);
        assertEquals(
                "email-key-2",
                QueueMessages.parseDeletion(queue.sent.get(0).getValue()).emailKey());
    }
}
