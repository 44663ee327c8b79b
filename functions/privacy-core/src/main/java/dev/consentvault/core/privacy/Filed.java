package dev.consentvault.core.privacy;

import java.time.Instant;

/** What the person or staff member is told once a request is on its queue. */
public record Filed(String requestId, RequestType type, RequestStatus status, Instant acknowledgeBy, Instant dueAt) {
}
