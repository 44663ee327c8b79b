package dev.consentvault.core.notify;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One message to send. Only the parameters named in {@link #PARAMS} may be given, so no message can
 * carry anything else (in particular, never another person's data).
 *
 * @param to an email address for {@link Channel#EMAIL}, an E.164 number for {@link Channel#SMS}
 * @param locale the capture's locale (e.g. {@code es-ES}), or null for English
 * @param params the values the message's text needs, keys from {@link #PARAMS}
 */
public record OutboundMessage(
        Channel channel, String to, String locale, MessageKind kind, Map<String, String> params) {

    public static final String LINK = "link";
    public static final String CODE = "code";
    public static final String REQUEST_ID = "requestId";
    public static final String DUE_DATE = "dueDate";
    public static final String EXPIRES_IN_MINUTES = "expiresInMinutes";
    public static final String RECEIPT_ID = "receiptId";

    /** Every parameter a message may carry. */
    public static final Set<String> PARAMS =
            Set.of(LINK, CODE, REQUEST_ID, DUE_DATE, EXPIRES_IN_MINUTES, RECEIPT_ID);

    public OutboundMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("a message needs a recipient");
        }
        params = Map.copyOf(params == null ? Map.of() : params);
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!PARAMS.contains(p.getKey())) {
                // the name only: a value may be personal
                throw new IllegalArgumentException("no such message parameter: " + p.getKey());
            }
            if (p.getValue() == null) {
                throw new IllegalArgumentException(
                        "message parameter without value: " + p.getKey());
            }
        }
    }

    @Override
    public String toString() {
        // the recipient and the values (links and codes are secrets) stay out of logs
        return "OutboundMessage[channel="
                + channel
                + ", kind="
                + kind
                + ", locale="
                + locale
                + ", params="
                + new TreeMap<>(params).keySet()
                + "]";
    }
}
