package dev.consentvault.core.privacy;

/**
 * File a deletion of everything held about a subject.
 *
 * @param requestId chosen by the caller, so a retried filing (e.g. from a complaint) is the same
 *     request
 * @param message the person's own words, sealed to the request; or null
 */
public record DeletionCommand(
        String requestId, RequestSubject subject, Filing filing, String message) {}
