package dev.consentvault.core.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Crypto-shredding: each receipt's personal fields are sealed under a random 256-bit key of its
 * own, kept wrapped (an {@link Envelope} under the cached data key, bound to its item in the keys
 * table) apart from the ciphertexts. Deleting that one key item makes every copy of the fields — in
 * backups, exports or a stolen scan of the consent table — unreadable. Wrapping costs no KMS call:
 * the data key is the one the envelope has cached.
 *
 * <p>Stored format of a field sealed under a receipt key, version 2 (beside {@link Envelope}'s
 * version 1, which still opens):
 *
 * <pre>
 *   byte    version            = 0x02
 *   bytes   iv                 12 random bytes
 *   bytes   ciphertext || tag  AES-256-GCM under the receipt key, 128-bit tag
 * </pre>
 *
 * The associated data is the {@link RecordBinding} and the version, as in version 1.
 */
public final class ReceiptKeys {

    public static final int VERSION = 2;
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Envelope wrapping;
    private final String keysTable;
    // replaced after a SnapStart restore (see afterRestore), hence not final
    private volatile SecureRandom random = new SecureRandom();

    /**
     * @param wrapping the consent table's envelope: its cached data key wraps the receipt keys
     * @param keysTable the table the wrapped keys live in (part of what they are bound to)
     */
    public ReceiptKeys(Envelope wrapping, String keysTable) {
        this.wrapping = wrapping;
        this.keysTable = keysTable;
    }

    /** The table the wrapped receipt keys live in. */
    public String keysTable() {
        return keysTable;
    }

    /**
     * After a SnapStart restore: a fresh random source for new receipt keys and IVs, and no data
     * key cached in the snapshot.
     */
    public void afterRestore() {
        random = new SecureRandom();
        wrapping.afterRestore();
    }

    /** Generates the data key the next receipt key will be wrapped with, unless one is held. */
    public void prepare() {
        wrapping.prepareSealing();
    }

    public RecordBinding binding(String receiptId) {
        return new RecordBinding(keysTable, "RECEIPT#" + receiptId, "KEY", "wrappedKey");
    }

    /** A fresh key for a new receipt, with its wrapped form to store. */
    public ReceiptKey create(String receiptId) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new ReceiptKey(key, wrapping.seal(key, binding(receiptId)));
    }

    /** The key a stored wrapped key holds; fails unless it was wrapped for this receipt. */
    public ReceiptKey unwrap(String receiptId, byte[] wrapped) {
        byte[] key = wrapping.open(wrapped, binding(receiptId));
        if (key.length != KEY_BYTES) {
            throw new DecryptionFailedException("a receipt key must be 256 bits", null);
        }
        return new ReceiptKey(key, wrapped);
    }

    public byte[] seal(ReceiptKey key, byte[] plaintext, RecordBinding binding) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(key.plaintext(), "AES"),
                    new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(binding.associatedData(VERSION));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
                    .put((byte) VERSION)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    /** True when the sealed value needs its receipt's key (version 2), not only the data key. */
    public static boolean needsReceiptKey(byte[] sealed) {
        return sealed.length > 0 && sealed[0] == VERSION;
    }

    /**
     * Opens a receipt's sealed field: version 2 under the receipt key, asked for only then (empty
     * once shredded, which fails like any other value that does not open); version 1, written
     * before receipt keys existed, under the data key alone.
     */
    public byte[] open(byte[] sealed, RecordBinding binding, Supplier<Optional<ReceiptKey>> key) {
        if (!needsReceiptKey(sealed)) {
            return wrapping.open(sealed, binding);
        }
        ReceiptKey receiptKey =
                key.get()
                        .orElseThrow(
                                () ->
                                        new DecryptionFailedException(
                                                "the receipt's key is gone (shredded)", null));
        try {
            ByteBuffer in = ByteBuffer.wrap(sealed);
            in.get();
            byte[] iv = new byte[IV_BYTES];
            in.get(iv);
            byte[] body = new byte[in.remaining()];
            in.get(body);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(receiptKey.plaintext(), "AES"),
                    new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(binding.associatedData(VERSION));
            return cipher.doFinal(body);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DecryptionFailedException("sealed value does not open for this record", e);
        }
    }
}
