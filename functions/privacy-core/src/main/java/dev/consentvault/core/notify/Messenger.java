package dev.consentvault.core.notify;

/**
 * Port to the channels that reach people: email (Amazon SES) and SMS (Amazon SNS). A failure throws
 * {@link dev.consentvault.core.DependencyUnavailableException}, naming no recipient.
 */
public interface Messenger {

    /** Sends a plain-text email; returns the channel's message id. */
    String sendEmail(String to, String subject, String text);

    /** Sends an SMS; returns the channel's message id. */
    String sendSms(String to, String text);
}
