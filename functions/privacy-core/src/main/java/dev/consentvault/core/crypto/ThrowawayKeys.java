package dev.consentvault.core.crypto;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key service that never leaves memory, for priming before a SnapStart snapshot: the code path
 * seals as in production, but with keys nobody can ever unwrap outside this object, and without a
 * KMS call. Its wrapped keys are random handles into this object's own map.
 */
public final class ThrowawayKeys implements KeyService {

    private final SecureRandom random = new SecureRandom();
    private final Map<ByteBuffer, byte[]> keys = new ConcurrentHashMap<>();

    @Override
    public DataKey generateDataKey(Map<String, String> encryptionContext) {
        byte[] plaintext = new byte[32];
        random.nextBytes(plaintext);
        byte[] handle = new byte[16];
        random.nextBytes(handle);
        keys.put(ByteBuffer.wrap(handle.clone()), plaintext.clone());
        return new DataKey(plaintext, handle);
    }

    @Override
    public byte[] decrypt(byte[] wrappedKey, Map<String, String> encryptionContext) {
        byte[] key = keys.get(ByteBuffer.wrap(wrappedKey));
        if (key == null) {
            throw new IllegalArgumentException("not a throwaway key");
        }
        return key.clone();
    }

    /** A random 256-bit index key, for {@link SubjectKeys} while priming. */
    public byte[] randomIndexKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }
}
