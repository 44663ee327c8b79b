package dev.consentvault.core.crypto;

import java.util.Map;

/** Port to the key management service (KMS in AWS). Keys never leave it except wrapped. */
public interface KeyService {

    /** A fresh 256-bit data key: its plaintext for use in memory, and its wrapped form to store. */
    DataKey generateDataKey(Map<String, String> encryptionContext);

    /**
     * Unwraps a stored data key; fails unless the encryption context matches the one it was made
     * with.
     */
    byte[] decrypt(byte[] wrappedKey, Map<String, String> encryptionContext);
}
