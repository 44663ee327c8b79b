package dev.consentvault.core.privacy;

import dev.consentvault.core.store.StorageUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The privacy-requests table in memory, with the outbox as the DynamoDB store keeps it: a RECEIVED
 * request is created with its dispatch pending, verification pends it, a dispatch clears it; a
 * processor completes or opens a request once, so a second delivery finds it done — as the real
 * store's conditional updates make it. Only what the filing, dispatch and processing paths use (the
 * handlers' tests share it through the test-jar); writes can be made to fail.
 */
public final class FakePrivacyRequestStore implements PrivacyRequestStore {

    public final Map<String, PrivacyRequest> requests = new LinkedHashMap<>();
    public final Map<String, byte[]> sealed = new LinkedHashMap<>();
    public final Map<String, Instant> pendingSince = new LinkedHashMap<>();
    public final Map<String, Instant> dispatchedAt = new LinkedHashMap<>();

    /** What each completed deletion reported erased. */
    public final Map<String, Long> itemsErased = new LinkedHashMap<>();

    /** The category each opened complaint was filed under. */
    public final Map<String, String> categories = new LinkedHashMap<>();

    int writes;
    boolean failMarkDispatched;

    @Override
    public synchronized boolean create(
            PrivacyRequest request,
            byte[] sealedDetails,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        writes++;
        if (requests.containsKey(request.requestId())) {
            return false;
        }
        requests.put(request.requestId(), request);
        if (sealedDetails != null) {
            sealed.put(request.requestId(), sealedDetails);
        }
        if (request.status() == RequestStatus.RECEIVED) {
            pendingSince.put(request.requestId(), request.receivedAt());
        }
        return true;
    }

    @Override
    public synchronized Optional<PrivacyRequest> find(String requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public synchronized void recordCompleted(PrivacyRequest request, long proofExpiresAt) {
        requests.put(request.requestId(), request);
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
        if (!setStatus(requestId, RequestStatus.COMPLETED)) {
            return false;
        }
        this.itemsErased.put(requestId, itemsErased);
        return true;
    }

    @Override
    public synchronized boolean open(String requestId, String category, String relatedRequestId) {
        if (!setStatus(requestId, RequestStatus.OPEN)) {
            return false;
        }
        categories.put(requestId, category);
        return true;
    }

    @Override
    public synchronized boolean markVerified(String requestId, String verifiedBy, Instant at) {
        writes++;
        PrivacyRequest request = requests.get(requestId);
        if (request == null || request.status() != RequestStatus.AWAITING_VERIFICATION) {
            return false;
        }
        setStatus(requestId, RequestStatus.RECEIVED);
        pendingSince.put(requestId, at);
        return true;
    }

    @Override
    public synchronized Optional<PrivacyRequest> awaitingDispatch(String requestId) {
        return pendingSince.containsKey(requestId) ? find(requestId) : Optional.empty();
    }

    @Override
    public synchronized boolean markDispatched(String requestId, Instant at) {
        if (failMarkDispatched) {
            throw new StorageUnavailableException("injected: UpdateItem failed", null);
        }
        if (pendingSince.remove(requestId) == null) {
            return false;
        }
        dispatchedAt.put(requestId, at);
        return true;
    }

    @Override
    public synchronized List<String> dispatchPendingSince(Instant before) {
        List<String> ids = new ArrayList<>();
        pendingSince.forEach(
                (id, since) -> {
                    if (!since.isAfter(before)) {
                        ids.add(id);
                    }
                });
        return ids;
    }

    @Override
    public synchronized boolean acknowledge(
            String requestId,
            Instant at,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized boolean close(
            String requestId,
            Instant at,
            long proofExpiresAt,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized boolean recordReveal(String requestId, String revealedBy, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized boolean extend(
            String requestId,
            Instant newDueAt,
            String reason,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized List<PrivacyRequest> open() {
        return requests.values().stream()
                .filter(r -> r.status().open())
                .sorted(java.util.Comparator.comparing(PrivacyRequest::dueAt))
                .toList();
    }

    private boolean setStatus(String requestId, RequestStatus status) {
        PrivacyRequest r = requests.get(requestId);
        if (r == null || r.status() == status) {
            return false;
        }
        requests.put(
                requestId,
                new PrivacyRequest(
                        r.requestId(),
                        r.type(),
                        status,
                        r.jurisdiction(),
                        r.regime(),
                        r.receivedAt(),
                        r.acknowledgeBy(),
                        r.dueAt(),
                        r.extensionReason(),
                        r.acknowledgedAt(),
                        r.completedAt(),
                        r.requestedBy(),
                        r.ticket(),
                        r.category(),
                        r.receiptId(),
                        r.emailKey(),
                        r.phoneKey(),
                        r.itemsErased(),
                        r.subjectKeyHash(),
                        r.relatedRequestId()));
        return true;
    }
}
