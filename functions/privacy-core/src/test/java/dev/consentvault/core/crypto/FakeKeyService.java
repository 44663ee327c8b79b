package dev.consentvault.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-memory stand-in for KMS: data keys are AES-GCM wrapped under a fixed master key with the
 * encryption context as associated data, so unwrapping fails unless the context is the same. Counts
 * calls, and can be switched off to act like an unreachable key service.
 */
public final class FakeKeyService implements KeyService {

    private static final SecretKeySpec MASTER =
            new SecretKeySpec(
                    new byte[] {
                        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
                    },
                    "AES");

    private final SecureRandom random = new SecureRandom();
    private int generateCalls;
    private int decryptCalls;
    private boolean unavailable;

    @Override
    public synchronized DataKey generateDataKey(Map<String, String> encryptionContext) {
        generateCalls++;
        failIfUnavailable();
        byte[] plaintext = new byte[32];
        random.nextBytes(plaintext);
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        byte[] sealed = aes(Cipher.ENCRYPT_MODE, iv, encryptionContext, plaintext);
        return new DataKey(
                plaintext,
                ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    }

    @Override
    public synchronized byte[] decrypt(byte[] wrappedKey, Map<String, String> encryptionContext) {
        decryptCalls++;
        failIfUnavailable();
        if (wrappedKey.length < 12 + 16) {
            throw new IllegalArgumentException("InvalidCiphertextException");
        }
        return aes(
                Cipher.DECRYPT_MODE,
                Arrays.copyOf(wrappedKey, 12),
                encryptionContext,
                Arrays.copyOfRange(wrappedKey, 12, wrappedKey.length));
    }

    private static byte[] aes(int mode, byte[] iv, Map<String, String> context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, MASTER, new GCMParameterSpec(128, iv));
            cipher.updateAAD(new TreeMap<>(context).toString().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // what KMS answers for a wrong key blob or a different encryption context
            throw new IllegalArgumentException("InvalidCiphertextException", e);
        }
    }

    private void failIfUnavailable() {
        if (unavailable) {
            throw new KeyServiceUnavailableException("fake KMS is down", null);
        }
    }

    public synchronized int generateCalls() {
        return generateCalls;
    }

    public synchronized int decryptCalls() {
        return decryptCalls;
    }

    public synchronized void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }
}
