package dev.consentvault.core.notify;

import java.util.Set;

/**
 * What a message tells the person; each kind has its text in every supported language and needs the
 * parameters {@link #requiredParams()} names (the sender refuses a message without them).
 */
public enum MessageKind {
    /** A one-time link that confirms an email purpose (double opt-in). */
    CONFIRM_EMAIL(
            OutboundMessage.LINK, OutboundMessage.EXPIRES_IN_MINUTES, OutboundMessage.RECEIPT_ID),
    /** A 6-digit code that confirms an SMS purpose (double opt-in). */
    CONFIRM_SMS(OutboundMessage.CODE, OutboundMessage.EXPIRES_IN_MINUTES),
    /** A one-time link to the person's own data ("Find my data"). */
    ACCESS_LINK(OutboundMessage.LINK, OutboundMessage.EXPIRES_IN_MINUTES),
    /** A one-time code to the person's own data, by SMS. */
    ACCESS_CODE(OutboundMessage.CODE, OutboundMessage.EXPIRES_IN_MINUTES),
    REQUEST_FILED(OutboundMessage.REQUEST_ID, OutboundMessage.DUE_DATE),
    REQUEST_COMPLETED(OutboundMessage.REQUEST_ID),
    REQUEST_EXTENDED(OutboundMessage.REQUEST_ID, OutboundMessage.DUE_DATE),
    COMPLAINT_ACKNOWLEDGED(OutboundMessage.REQUEST_ID, OutboundMessage.DUE_DATE),
    COMPLAINT_CLOSED(OutboundMessage.REQUEST_ID);

    private final Set<String> requiredParams;

    MessageKind(String... requiredParams) {
        this.requiredParams = Set.of(requiredParams);
    }

    /** The parameters this kind's text needs (others may be given and are not shown). */
    public Set<String> requiredParams() {
        return requiredParams;
    }
}
