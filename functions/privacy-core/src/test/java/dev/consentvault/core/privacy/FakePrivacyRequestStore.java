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
 * request is created with its dispatch pending, verification pends it, a dispatch clears it. Only
 * what the filing and dispatch paths use; writes can be made to fail.
 */
final class FakePrivacyRequestStore implements PrivacyRequestStore {

    final Map<String, PrivacyRequest> requests = new LinkedHashMap<>();
    final Map<String, byte[]> sealed = new LinkedHashMap<>();
    final Map<String, Instant> pendingSince = new LinkedHashMap<>();
    final Map<String, Instant> dispatchedAt = new LinkedHashMap<>();
    int writes;
    boolean failMarkDispatched;

    @Override
    public boolean create(
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
    public Optional<PrivacyRequest> find(String requestId) {
        return Optional.ofNullable(requests.get(requestId));
    }

    @Override
    public void recordCompleted(PrivacyRequest request, long proofExpiresAt) {
        requests.put(request.requestId(), request);
    }

    @Override
    public Optional<byte[]> sealedDetails(String requestId) {
        return Optional.ofNullable(sealed.get(requestId));
    }

    @Override
    public boolean complete(
            String requestId,
            Instant completedAt,
            long itemsErased,
            String subjectKeyHash,
            long proofExpiresAt,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        return setStatus(requestId, RequestStatus.COMPLETED);
    }

    @Override
    public boolean open(String requestId, String category, String relatedRequestId) {
        return setStatus(requestId, RequestStatus.OPEN);
    }

    @Override
    public boolean markVerified(String requestId, String verifiedBy, Instant at) {
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
    public Optional<PrivacyRequest> awaitingDispatch(String requestId) {
        return pendingSince.containsKey(requestId) ? find(requestId) : Optional.empty();
    }

    @Override
    public boolean markDispatched(String requestId, Instant at) {
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
    public List<String> dispatchPendingSince(Instant before) {
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
    public boolean acknowledge(
            String requestId,
            Instant at,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean close(
            String requestId,
            Instant at,
            long proofExpiresAt,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean recordReveal(String requestId, String revealedBy, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean extend(
            String requestId,
            Instant newDueAt,
            String reason,
            java.util.List<dev.consentvault.core.store.StoredItem> messages) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<PrivacyRequest> open() {
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
