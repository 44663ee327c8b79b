package dev.consentvault.core.consent;

public enum ConsentStatus {
    GRANTED,
    /**
     * Granted on the form, waiting for the person to confirm it (double opt-in): nothing is sent
     * under it, and it expires with its fields unless confirmed in time.
     */
    PENDING_CONFIRMATION,
    REFUSED,
    WITHDRAWN
}
