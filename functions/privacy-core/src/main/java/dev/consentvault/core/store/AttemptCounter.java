package dev.consentvault.core.store;

/**
 * A rate-limit counter ({@code LIMIT#{keyed digest}#{window}} / {@code {what}}): how many attempts
 * one identifier made in one fixed window. The identifier is only ever a keyed digest (an HMAC
 * under the index key, in a domain of its own, so it does not match the person's subject keys); the
 * counter expires with its window.
 */
public final class AttemptCounter {

    public static final String PK_PREFIX = "LIMIT#";
    public static final String ATTEMPTS = "attempts";

    private AttemptCounter() {}

    /** The counter of {@code what} for the identifier's digest in the window starting then. */
    public static ItemKey key(String what, String identifierDigest, long windowStartEpochSecond) {
        return new ItemKey(PK_PREFIX + identifierDigest + "#" + windowStartEpochSecond, what);
    }
}
