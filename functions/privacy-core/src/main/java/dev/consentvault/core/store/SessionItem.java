package dev.consentvault.core.store;

import dev.consentvault.core.crypto.RecordBinding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verified self-service session ({@code SESSION#{sha256 of its token}} / {@code SESSION}), opened
 * by redeeming an access link or code: scoped to the one subject key the person proved control of.
 * The token is given once and only its hash is stored. Its subject key is not kept under the
 * indexed attribute names, so the session is no "item of the subject" an erasure or an export would
 * list.
 *
 * @param subjectAttribute {@link ConsentTable#EMAIL_KEY} or {@link ConsentTable#PHONE_KEY}
 * @param sealedContact the proven identifier, sealed to this item: where messages about what the
 *     session does go
 * @param expiresAt epoch seconds (TTL); every use checks it
 */
public record SessionItem(
        String tokenHash,
        String subjectAttribute,
        String subjectKey,
        byte[] sealedContact,
        long expiresAt) {

    public static final String PK_PREFIX = "SESSION#";
    public static final String SK = "SESSION";

    public String pk() {
        return PK_PREFIX + tokenHash;
    }

    public ItemKey key() {
        return new ItemKey(pk(), SK);
    }

    /** Where its sealed contact is bound: this item's own key. */
    public RecordBinding binding(String table) {
        return new RecordBinding(table, pk(), SK, ConsentTable.SEALED);
    }

    public StoredItem toItem() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(AccessLinkItem.SUBJECT_ATTRIBUTE, subjectAttribute);
        a.put(AccessLinkItem.SUBJECT_KEY, subjectKey);
        a.put(ConsentTable.SEALED, sealedContact);
        a.put(ConsentTable.EXPIRES_AT, expiresAt);
        return new StoredItem(pk(), SK, a);
    }

    public static boolean is(StoredItem item) {
        return item.pk().startsWith(PK_PREFIX) && SK.equals(item.sk());
    }

    public static SessionItem of(StoredItem item) {
        if (!is(item)) {
            throw new IllegalArgumentException("not a session: " + item);
        }
        return new SessionItem(
                item.pk().substring(PK_PREFIX.length()),
                item.string(AccessLinkItem.SUBJECT_ATTRIBUTE),
                item.string(AccessLinkItem.SUBJECT_KEY),
                item.bytes(ConsentTable.SEALED),
                item.number(ConsentTable.EXPIRES_AT));
    }
}
