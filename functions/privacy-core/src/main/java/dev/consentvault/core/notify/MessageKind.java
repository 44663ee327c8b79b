package dev.consentvault.core.notify;

/** What a message tells the person; each kind has its text in every supported language. */
public enum MessageKind {
    /** A one-time link that confirms an email purpose (double opt-in). */
    CONFIRM_EMAIL,
    /** A 6-digit code that confirms an SMS purpose (double opt-in). */
    CONFIRM_SMS,
    /** A one-time link to the person's own data ("Find my data"). */
    ACCESS_LINK,
    /** A one-time code to the person's own data, by SMS. */
    ACCESS_CODE,
    REQUEST_FILED,
    REQUEST_COMPLETED,
    REQUEST_EXTENDED,
    COMPLAINT_ACKNOWLEDGED,
    COMPLAINT_CLOSED
}
