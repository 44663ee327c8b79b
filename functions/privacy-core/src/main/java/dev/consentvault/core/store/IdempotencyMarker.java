package dev.consentvault.core.store;

import dev.consentvault.core.crypto.RecordBinding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replay protection for an Idempotency-Key ({@code IDEMPOTENCY#{digest}} / {@code MARKER}): the
 * request's fingerprint, the receipt it created and the response, sealed, for 24 hours. It carries
 * the capture's subject keys, so an erasure finds it too.
 *
 * @param digest the keyed digest of the Idempotency-Key
 * @param expiresAt epoch seconds (TTL); past it the marker is dead even if TTL has not run
 */
public record IdempotencyMarker(
        String digest,
        String fingerprint,
        String receiptId,
        byte[] sealed,
        long expiresAt,
        SubjectKeyPair subjectKeys) {

    public static final String FINGERPRINT = "fingerprint";
    public static final String RECEIPT_ID = "receiptId";

    public String pk() {
        return pk(digest);
    }

    public static String pk(String digest) {
        return ConsentTable.idempotencyPk(digest);
    }

    /** Where the sealed response lives: the envelope is bound to it. */
    public static RecordBinding binding(String table, String digest) {
        return new RecordBinding(table, pk(digest), ConsentTable.MARKER_SK, ConsentTable.SEALED);
    }

    public boolean liveAt(java.time.Instant now) {
        return expiresAt > now.getEpochSecond();
    }

    public StoredItem toItem() {
        Map<String, Object> a = new LinkedHashMap<>();
        subjectKeys.putInto(a);
        a.put(FINGERPRINT, fingerprint);
        a.put(RECEIPT_ID, receiptId);
        a.put(ConsentTable.SEALED, sealed);
        a.put(ConsentTable.EXPIRES_AT, expiresAt);
        return new StoredItem(pk(), ConsentTable.MARKER_SK, a);
    }

    public static IdempotencyMarker of(StoredItem item) {
        if (!item.pk().startsWith(ConsentTable.IDEMPOTENCY_PK_PREFIX)
                || !item.sk().equals(ConsentTable.MARKER_SK)) {
            throw new IllegalArgumentException("not an idempotency marker: " + item);
        }
        return new IdempotencyMarker(
                item.pk().substring(ConsentTable.IDEMPOTENCY_PK_PREFIX.length()),
                item.string(FINGERPRINT),
                item.string(RECEIPT_ID),
                item.bytes(ConsentTable.SEALED),
                item.number(ConsentTable.EXPIRES_AT),
                SubjectKeyPair.of(item));
    }

    @Override
    public String toString() {
        // the sealed response stays out of logs
        return "IdempotencyMarker[receiptId=" + receiptId + "]";
    }
}
