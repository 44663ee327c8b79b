package dev.consentvault.core.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A receipt's own key in the keys table ({@code RECEIPT#{receiptId}} / {@code KEY}), wrapped under
 * the data key. A table of its own, whose point-in-time recovery keeps only a short window: once
 * this item is deleted and that window has passed, the receipt's sealed fields open nowhere.
 *
 * @param expiresAt epoch seconds (TTL): the receipt's own expiry at capture, after which no field
 *     sealed under it remains
 */
public record ReceiptKeyItem(String receiptId, byte[] wrappedKey, long expiresAt) {

    public static final String SK = "KEY";
    public static final String WRAPPED_KEY = "wrappedKey";

    public String pk() {
        return ConsentTable.receiptPk(receiptId);
    }

    public StoredItem toItem() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(WRAPPED_KEY, wrappedKey);
        a.put(ConsentTable.EXPIRES_AT, expiresAt);
        return new StoredItem(pk(), SK, a);
    }

    public static ReceiptKeyItem of(StoredItem item) {
        if (!item.pk().startsWith(ConsentTable.RECEIPT_PK_PREFIX) || !item.sk().equals(SK)) {
            throw new IllegalArgumentException("not a receipt key item: " + item);
        }
        return new ReceiptKeyItem(
                item.pk().substring(ConsentTable.RECEIPT_PK_PREFIX.length()),
                item.bytes(WRAPPED_KEY),
                item.number(ConsentTable.EXPIRES_AT));
    }

    @Override
    public String toString() {
        return "ReceiptKeyItem[receiptId=" + receiptId + "]";
    }
}
