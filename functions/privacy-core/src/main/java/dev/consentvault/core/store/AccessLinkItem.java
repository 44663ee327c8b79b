package dev.consentvault.core.store;

import dev.consentvault.core.crypto.RecordBinding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A one-time access link or code ({@code ACCESS#{id}} / {@code LINK}): what redeeming it opens. The
 * id is the SHA-256 of an emailed link's token, or a keyed digest of the phone number and the code
 * texted to it: neither the token, the code nor the identifier is stored. A link written when
 * nothing was held names no subject and opens nothing; it exists so that asking for a link costs
 * the same whether or not anything is held.
 *
 * @param subjectAttribute {@link ConsentTable#EMAIL_KEY} or {@link ConsentTable#PHONE_KEY}, or null
 *     when nothing was held
 * @param subjectKey the subject key the session will be scoped to, or null
 * @param sealedContact the identifier itself, sealed to this item (the session it opens needs it to
 *     write to the person), or null when nothing was held
 * @param expiresAt epoch seconds (TTL); redeeming checks it, since TTL deletes late
 */
public record AccessLinkItem(
        String id,
        String subjectAttribute,
        String subjectKey,
        byte[] sealedContact,
        long expiresAt) {

    public static final String PK_PREFIX = "ACCESS#";
    public static final String SK = "LINK";

    /**
     * The sort key of the filler written beside a link that opens nothing, in place of the outbox
     * message: the same number of items and bytes in the same one write, whether or not anything is
     * held.
     */
    public static final String PADDING_SK = "PADDING";

    public static final String SUBJECT_ATTRIBUTE = "subjectAttribute";
    public static final String SUBJECT_KEY = "subjectKey";

    public String pk() {
        return PK_PREFIX + id;
    }

    public ItemKey key() {
        return new ItemKey(pk(), SK);
    }

    /** True when redeeming it may open a session: it names a subject. */
    public boolean opensSomething() {
        return subjectKey != null;
    }

    /** Where its sealed contact is bound: this item's own key. */
    public RecordBinding binding(String table) {
        return new RecordBinding(table, pk(), SK, ConsentTable.SEALED);
    }

    public StoredItem toItem() {
        Map<String, Object> a = new LinkedHashMap<>();
        if (subjectKey != null) {
            a.put(SUBJECT_ATTRIBUTE, subjectAttribute);
            a.put(SUBJECT_KEY, subjectKey);
            a.put(ConsentTable.SEALED, sealedContact);
        }
        a.put(ConsentTable.EXPIRES_AT, expiresAt);
        return new StoredItem(pk(), SK, a);
    }

    /** The filler for this link: random bytes as long as the message it stands in for. */
    public StoredItem padding(byte[] filler) {
        return new StoredItem(
                pk(),
                PADDING_SK,
                Map.of(ConsentTable.SEALED, filler, ConsentTable.EXPIRES_AT, expiresAt));
    }

    public static boolean is(StoredItem item) {
        return item.pk().startsWith(PK_PREFIX) && SK.equals(item.sk());
    }

    public static AccessLinkItem of(StoredItem item) {
        if (!is(item)) {
            throw new IllegalArgumentException("not an access link: " + item);
        }
        return new AccessLinkItem(
                item.pk().substring(PK_PREFIX.length()),
                item.string(SUBJECT_ATTRIBUTE),
                item.string(SUBJECT_KEY),
                item.bytes(ConsentTable.SEALED),
                item.number(ConsentTable.EXPIRES_AT));
    }
}
