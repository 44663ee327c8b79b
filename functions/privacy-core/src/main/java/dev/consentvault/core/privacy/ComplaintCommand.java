package dev.consentvault.core.privacy;

/**
 * File a complaint. Its contact and message are sealed to the request.
 *
 * @param subject the receipt it names (with proof of control) and its subject keys, or {@link
 *     RequestSubject#NONE}
 * @param contact an email address or phone number to answer on, or null
 */
public record ComplaintCommand(
        RequestSubject subject, Filing filing, String message, String contact) {}
