package dev.consentvault.core.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A one-time access link or code ({@code ACCESS#{id}} / {@code LINK}): what redeeming it opens. The
 * id is the SHA-256 of an emailed link's token, or a keyed digest of the phone number and the code
 * texted to it: neither the token, the code nor the identifier is stored. A link written when
 * nothing was held names no subject and opens nothing; it exists so that asking for a link costs
 * the same whether or not anything is held.
 *
 * @param subjectAttribute {@link ConsentTable#EMAIL_KEY} or {@link ConsentTable#PHONE_KEY}, or
 *     null when nothing was held
 * @param subjectKey the subject key the session will be scoped to, or null
 * @param expiresAt epoch seconds (TTL); redeeming checks it, since TTL deletes late
 */
public record AccessLinkItem(
        String id, String subjectAttribute, String subjectKey, long expiresAt) {

    public static final String PK_PREFIX = "ACCESS#";
    public static final String SK = "LINK";
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

    public StoredItem toItem() {
        Map<String, Object> a = new LinkedHashMap<>();
        if (subjectKey != null) {
            a.put(SUBJECT_ATTRIBUTE, subjectAttribute);
            a.put(SUBJECT_KEY, subjectKey);
        }
        a.put(ConsentTable.EXPIRES_AT, expiresAt);
        return new StoredItem(pk(), SK, a);
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
                item.number(ConsentTable.EXPIRES_AT));
    }
}
