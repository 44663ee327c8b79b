package dev.consentvault.core.crypto;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Version-4 UUIDs for the ids a function hands out (privacy requests, processor notices), from a
 * random source of its own that is replaced after a SnapStart restore.
 *
 * <p>{@link UUID#randomUUID()} draws from one static {@link SecureRandom}, made on its first use
 * and then kept in the snapshot that every restored copy shares. On Linux that generator is
 * NativePRNG, which XORs its output with bytes read from {@code /dev/urandom} (a buffer refreshed
 * once older than 100 ms), so copies would still differ; but that is a property of the JDK's
 * default provider and configuration, not a promise, so ids here come from a generator that {@link
 * #afterRestore()} makes anew.
 */
public final class RandomIds {

    private final Supplier<SecureRandom> entropy;
    private volatile SecureRandom random;

    public RandomIds() {
        this(SecureRandom::new);
    }

    /**
     * @param entropy asked now and again after every restore
     */
    public RandomIds(Supplier<SecureRandom> entropy) {
        this.entropy = entropy;
        this.random = entropy.get();
    }

    /** After a SnapStart restore: a random source not taken from the snapshot. */
    public void afterRestore() {
        random = entropy.get();
    }

    /** A random version-4 UUID, as text. */
    public String uuid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UUID(b.getLong(), b.getLong()).toString();
    }
}
