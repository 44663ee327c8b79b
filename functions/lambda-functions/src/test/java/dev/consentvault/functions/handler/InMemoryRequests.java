package dev.consentvault.functions.handler;

import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.PrivacyRequestStore;
import dev.consentvault.core.privacy.RequestQueue;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.privacy.RequestType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The privacy-requests table (with its outbox) and both queues in memory, as far as the API, the
 * dispatcher and the two processors use them. A request is findable while it waits (RECEIVED or
 * awaiting verification); once a processor completes or opens it, it moves to {@link #completed} or
 * {@link #opened}, so a second delivery finds nothing to do — as the real store's conditional
 * updates make it.
 */
final class InMemoryRequests implements PrivacyRequestStore, RequestQueue {

    record Sent(RequestType queue, String body) {}

    final Map<String, PrivacyRequest> waiting = new LinkedHashMap<>();
    final Map<String, byte[]> sealed = new LinkedHashMap<>();
    final Map<String, Long> completed = new LinkedHashMap<>();
    final Map<String, String> opened = new LinkedHashMap<>();
    final List<Sent> sent = new ArrayList<>();
    final Map<String, Instant> pendingDispatch = new LinkedHashMap<>();

    @Override
    public synchronized void send(RequestType queue, String body) {
        sent.add(new Sent(queue, body));
    }

    @Override
    public synchronized boolean create(
            PrivacyRequest request,
            byte[] sealedDetails,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        if (waiting.containsKey(request.requestId())) {
            return false;
        }
        waiting.put(request.requestId(), request);
        if (request.status() == RequestStatus.RECEIVED) {
            pendingDispatch.put(request.requestId(), request.receivedAt());
        }
        if (sealedDetails != null) {
            sealed.put(request.requestId(), sealedDetails);
        }
        return true;
    }

    @Override
    public synchronized Optional<PrivacyRequest> find(String requestId) {
        return Optional.ofNullable(waiting.get(requestId));
    }

    @Override
    public synchronized Optional<byte[]> sealedDetails(String requestId) {
        return Optional.ofNullable(sealed.get(requestId));
    }

    @Override
    public synchronized boolean complete(
            String requestId,
            Instant completedAt,
            long itemsErased,
            String subjectKeyHash,
            long proofExpiresAt,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        if (waiting.remove(requestId) == null) {
            return false;
        }
        completed.put(requestId, itemsErased);
        return true;
    }

    @Override
    public synchronized boolean open(String requestId, String category, String relatedRequestId) {
        if (waiting.remove(requestId) == null) {
            return false;
        }
        opened.put(requestId, category);
        return true;
    }

    // the outbox, as the dispatcher uses it

    @Override
    public synchronized Optional<PrivacyRequest> awaitingDispatch(String requestId) {
        return pendingDispatch.containsKey(requestId) ? find(requestId) : Optional.empty();
    }

    @Override
    public synchronized boolean markDispatched(String requestId, Instant at) {
        return pendingDispatch.remove(requestId) != null;
    }

    @Override
    public synchronized List<String> dispatchPendingSince(Instant before) {
        return pendingDispatch.entrySet().stream()
                .filter(pending -> !pending.getValue().isAfter(before))
                .map(Map.Entry::getKey)
                .toList();
    }

    // staff actions: no handler calls them

    @Override
    public void recordCompleted(PrivacyRequest request, long proofExpiresAt) {
        throw new UnsupportedOperationException("staff only");
    }

    @Override
    public boolean markVerified(String requestId, String verifiedBy, Instant at) {
        throw new UnsupportedOperationException("staff only");
    }

    @Override
    public boolean acknowledge(
            String requestId,
            Instant at,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        throw new UnsupportedOperationException("staff only");
    }

    @Override
    public boolean close(
            String requestId,
            Instant at,
            long proofExpiresAt,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        throw new UnsupportedOperationException("staff only");
    }

    @Override
    public boolean recordReveal(String requestId, String revealedBy, Instant at) {
        throw new UnsupportedOperationException("staff only");
    }

    @Override
    public boolean extend(
            String requestId,
            Instant newDueAt,
            String reason,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        throw new UnsupportedOperationException("staff only");
    }

    @Override
    public synchronized List<PrivacyRequest> open() {
        return waiting.values().stream()
                .filter(r -> r.status().open())
                .sorted(java.util.Comparator.comparing(PrivacyRequest::dueAt))
                .toList();
    }
}
