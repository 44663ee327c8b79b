package dev.consentvault.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The subject keys an item carries ({@code emailKey}, {@code phoneKey}: HMACs of the identifiers
 * kept), either may be null. They are what the subject-key indexes find a person's items by.
 */
public record SubjectKeyPair(String emailKey, String phoneKey) {

    public static final SubjectKeyPair NONE = new SubjectKeyPair(null, null);

    public static SubjectKeyPair of(StoredItem item) {
        return new SubjectKeyPair(
                item.string(ConsentTable.EMAIL_KEY), item.string(ConsentTable.PHONE_KEY));
    }

    /** The attribute names this pair sets, e.g. to remove them from an item. */
    public List<String> attributeNames() {
        List<String> names = new ArrayList<>();
        if (emailKey != null) {
            names.add(ConsentTable.EMAIL_KEY);
        }
        if (phoneKey != null) {
            names.add(ConsentTable.PHONE_KEY);
        }
        return names;
    }

    /** These keys less the attributes named (a withdrawal removes keys no purpose keeps). */
    public SubjectKeyPair without(Collection<String> attributeNames) {
        return new SubjectKeyPair(
                attributeNames.contains(ConsentTable.EMAIL_KEY) ? null : emailKey,
                attributeNames.contains(ConsentTable.PHONE_KEY) ? null : phoneKey);
    }

    void putInto(Map<String, Object> attributes) {
        if (emailKey != null) {
            attributes.put(ConsentTable.EMAIL_KEY, emailKey);
        }
        if (phoneKey != null) {
            attributes.put(ConsentTable.PHONE_KEY, phoneKey);
        }
    }
}
