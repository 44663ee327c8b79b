package dev.consentvault.core.crypto;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps KMS off the hot path. One data key seals records for at most {@link #MAX_AGE} and {@link
 * #MAX_RECORDS}, then a new one is generated; keys already opened are remembered by their wrapped
 * bytes (bounded), so reading a record usually costs no KMS call either.
 */
public final class DataKeyCache {

    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    public static final int MAX_RECORDS = 10_000;
    private static final int MAX_OPENED = 256;

    private final KeyService keys;
    private final Map<String, String> context;
    private final Clock clock;
    private final Map<ByteBuffer, byte[]> opened =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ByteBuffer, byte[]> eldest) {
                    return size() > MAX_OPENED;
                }
            };

    private DataKey current;
    private Instant currentSince;
    private int currentUses;

    public DataKeyCache(KeyService keys, Map<String, String> encryptionContext, Clock clock) {
        this.keys = keys;
        this.context = Map.copyOf(encryptionContext);
        this.clock = clock;
    }

    /** The key to seal the next record with, counted as one use. */
    public synchronized DataKey forSealing() {
        DataKey key = usable(clock.instant());
        currentUses++;
        return key;
    }

    /**
     * Generates the key the next record will be sealed with, unless one is held, without counting a
     * use: a function calls it while it starts (and after a SnapStart restore) so that the key
     * service's round trip is not in its first answer.
     */
    public synchronized void prepare() {
        usable(clock.instant());
    }

    private DataKey usable(Instant now) {
        if (current == null
                || currentUses >= MAX_RECORDS
                || !now.isBefore(currentSince.plus(MAX_AGE))) {
            current = keys.generateDataKey(context);
            currentSince = now;
            currentUses = 0;
            opened.put(ByteBuffer.wrap(current.wrapped().clone()), current.plaintext());
        }
        return current;
    }

    /**
     * Drops every key held, so the next seal asks the key service for a new data key. Called after
     * a SnapStart restore: every copy restored from one snapshot would otherwise seal with the same
     * key (and an IV drawn from the same random state).
     */
    public synchronized void forget() {
        current = null;
        currentSince = null;
        currentUses = 0;
        opened.clear();
    }

    /** The plaintext of a stored wrapped key. */
    public synchronized byte[] open(byte[] wrapped) {
        ByteBuffer id = ByteBuffer.wrap(wrapped.clone());
        byte[] key = opened.get(id);
        if (key == null) {
            key = keys.decrypt(wrapped, context);
            opened.put(id, key);
        }
        return key;
    }
}
