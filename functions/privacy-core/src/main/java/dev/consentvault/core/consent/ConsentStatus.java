package dev.consentvault.core.consent;

public enum ConsentStatus {
    GRANTED,
    REFUSED,
    WITHDRAWN
}
