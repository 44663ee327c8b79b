package dev.consentvault.core.consent;

import dev.consentvault.core.notify.Outbox;
import java.time.Duration;

/**
 * What a capture needs to ask for confirmations: the outbox its messages go into (in the capture's
 * own write), how long a pending purpose waits, and the base of the links it sends.
 *
 * @param publicBaseUrl where people's browsers reach this API (PUBLIC_BASE_URL), or null: then the
 *     capture's caller gives the URL the request came to
 */
public record DoubleOptIn(Outbox outbox, Duration window, String publicBaseUrl) {

    /** How many codes may be tried for one SMS confirmation before it locks. */
    public static final int MAX_CODE_ATTEMPTS = 5;

    /** The page a confirmation link opens (GET shows it, POST confirms). */
    public static String linkPath(String receiptId, String token) {
        return "/v1/receipts/" + receiptId + "/confirmations/" + token;
    }
}
