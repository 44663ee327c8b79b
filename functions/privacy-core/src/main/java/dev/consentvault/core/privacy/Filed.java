package dev.consentvault.core.privacy;

import java.time.Instant;

/** What the person or staff member is told once a request is recorded. */
public record Filed(
        String requestId,
        RequestType type,
        RequestStatus status,
        Instant acknowledgeBy,
        Instant dueAt) {

    public static Filed of(PrivacyRequest request) {
        return new Filed(
                request.requestId(),
                request.type(),
                request.status(),
                request.acknowledgeBy(),
                request.dueAt());
    }
}
