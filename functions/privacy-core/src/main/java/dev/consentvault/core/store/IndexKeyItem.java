package dev.consentvault.core.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration item ({@code CONFIG} / {@code INDEX_KEY}): the KMS-wrapped subject index key.
 */
public record IndexKeyItem(byte[] wrappedKey, Instant createdAt) {

    public static final String WRAPPED_KEY = "wrappedKey";
    public static final String CREATED_AT = "createdAt";

    public StoredItem toItem() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(WRAPPED_KEY, wrappedKey);
        a.put(CREATED_AT, createdAt.toString());
        return new StoredItem(ConsentTable.CONFIG_PK, ConsentTable.INDEX_KEY_SK, a);
    }

    public static IndexKeyItem of(StoredItem item) {
        String created = item.string(CREATED_AT);
        return new IndexKeyItem(
                item.bytes(WRAPPED_KEY), created == null ? null : Instant.parse(created));
    }

    @Override
    public String toString() {
        return "IndexKeyItem[createdAt=" + createdAt + "]";
    }
}
