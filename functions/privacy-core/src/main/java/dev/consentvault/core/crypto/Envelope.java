package dev.consentvault.core.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of personal fields. Stored format, version 1 (all integers big-endian):
 *
 * <pre>
 *   byte    version            = 0x01
 *   uint16  wrappedKeyLength
 *   bytes   wrappedKey         KMS ciphertext of the AES-256 data key
 *   bytes   iv                 12 random bytes
 *   bytes   ciphertext || tag  AES-256-GCM, 128-bit tag
 * </pre>
 *
 * The associated data is the {@link RecordBinding} (table, pk, sk, attribute) and the version.
 */
public final class Envelope {

    public static final int VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    // Cipher.getInstance walks the provider list on every call; one instance per thread, re-inited
    // for each record, is safe (init resets it) and costs nothing per call
    private static final ThreadLocal<Cipher> AES_GCM =
            PerThread.of("AES-GCM", () -> Cipher.getInstance("AES/GCM/NoPadding"));

    private final DataKeyCache keys;
    private volatile SecureRandom random = new SecureRandom();

    public Envelope(DataKeyCache keys) {
        this.keys = keys;
    }

    /**
     * The envelope for one table: data keys with encryption context {service: consent-vault,
     * table}, the context every writer and reader of that table must use alike (the IAM policies
     * require it too).
     */
    public static Envelope forTable(KeyService keys, String table, Clock clock) {
        return new Envelope(
                new DataKeyCache(keys, Map.of("service", "consent-vault", "table", table), clock));
    }

    /**
     * After a SnapStart restore: a fresh random source for IVs and no data key from the snapshot.
     */
    public void afterRestore() {
        random = new SecureRandom();
        keys.forget();
    }

    /**
     * Generates the data key the next seal will use, unless one is held ({@link
     * DataKeyCache#prepare()}).
     */
    public void prepareSealing() {
        keys.prepare();
    }

    public byte[] seal(byte[] plaintext, RecordBinding binding) {
        DataKey key = keys.forSealing();
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = AES_GCM.get();
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(key.plaintext(), "AES"),
                    new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(binding.associatedData(VERSION));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + 2 + key.wrapped().length + IV_BYTES + sealed.length)
                    .put((byte) VERSION)
                    .putShort((short) key.wrapped().length)
                    .put(key.wrapped())
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    public byte[] open(byte[] envelope, RecordBinding binding) {
        try {
            ByteBuffer in = ByteBuffer.wrap(envelope);
            int version = in.get();
            if (version != VERSION) {
                throw new DecryptionFailedException("unknown envelope version " + version, null);
            }
            byte[] wrapped = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(wrapped);
            byte[] iv = new byte[IV_BYTES];
            in.get(iv);
            byte[] sealed = new byte[in.remaining()];
            in.get(sealed);
            Cipher cipher = AES_GCM.get();
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(keys.open(wrapped), "AES"),
                    new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(binding.associatedData(version));
            return cipher.doFinal(sealed);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof DecryptionFailedException d) {
                throw d;
            }
            if (e instanceof KeyServiceUnavailableException k) {
                throw k;
            }
            throw new DecryptionFailedException("sealed value does not open for this record", e);
        }
    }
}
