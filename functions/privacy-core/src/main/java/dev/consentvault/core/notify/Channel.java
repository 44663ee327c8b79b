package dev.consentvault.core.notify;

/** How a message reaches the person: email through SES, SMS through SNS. */
public enum Channel {
    EMAIL,
    SMS
}
