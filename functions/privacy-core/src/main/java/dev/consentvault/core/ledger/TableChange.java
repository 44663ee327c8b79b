package dev.consentvault.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One stream record of a table, reduced to plain values: what happened ({@code INSERT}, {@code
 * MODIFY}, {@code REMOVE}), when, whether DynamoDB's TTL did it, and the item's keys and images
 * (either image may be empty). Attribute values are Strings, Longs, Booleans, byte arrays, lists
 * and maps.
 */
public record TableChange(
        String eventId,
        String eventName,
        Instant at,
        boolean byTtl,
        Map<String, Object> keys,
        Map<String, Object> oldImage,
        Map<String, Object> newImage) {

    public TableChange {
        keys = keys == null ? Map.of() : keys;
        oldImage = oldImage == null ? Map.of() : oldImage;
        newImage = newImage == null ? Map.of() : newImage;
    }

    public String pk() {
        return string(keys, "pk");
    }

    public String sk() {
        return string(keys, "sk");
    }

    public boolean inserted() {
        return "INSERT".equals(eventName);
    }

    public boolean modified() {
        return "MODIFY".equals(eventName);
    }

    public boolean removed() {
        return "REMOVE".equals(eventName);
    }

    public String oldString(String name) {
        return string(oldImage, name);
    }

    public String newString(String name) {
        return string(newImage, name);
    }

    /** A value from the new image, or the old one when the item was removed. */
    public String latestString(String name) {
        String value = newString(name);
        return value != null ? value : oldString(name);
    }

    public int oldListSize(String name) {
        return oldImage.get(name) instanceof List<?> list ? list.size() : 0;
    }

    public Object newValue(String name) {
        return newImage.get(name);
    }

    private static String string(Map<String, Object> image, String name) {
        Object value = image.get(name);
        return value == null ? null : value.toString();
    }
}
