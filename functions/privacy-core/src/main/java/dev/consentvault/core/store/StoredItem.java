package dev.consentvault.core.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item as the domain writes it. Attribute values are String, Long, Boolean, byte[] (sealed
 * envelopes), List of String, or nested Map; the storage adapter maps them to its own types.
 */
public record StoredItem(String pk, String sk, Map<String, Object> attributes) {

    public StoredItem {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public String string(String name) {
        return (String) attributes.get(name);
    }

    /** A list attribute as strings; empty when absent. */
    public java.util.List<String> strings(String name) {
        return attributes.get(name) instanceof java.util.List<?> list
                ? list.stream().map(String::valueOf).toList()
                : java.util.List.of();
    }

    public Long number(String name) {
        Object value = attributes.get(name);
        return value == null ? null : ((Number) value).longValue();
    }

    /**
     * Past its {@code expiresAt}: gone as far as anyone may tell, though DynamoDB's TTL deletes it
     * late.
     */
    public boolean expiredAt(java.time.Instant now) {
        Long expiresAt = number(ConsentTable.EXPIRES_AT);
        return expiresAt != null && expiresAt <= now.getEpochSecond();
    }

    public byte[] bytes(String name) {
        return (byte[]) attributes.get(name);
    }

    @Override
    public String toString() {
        // attribute values stay out of logs and exception messages
        return "StoredItem[pk=" + pk + ", sk=" + sk + ", attributes=" + attributes.keySet() + "]";
    }
}
