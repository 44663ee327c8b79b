package dev.consentvault.core.access;

import dev.consentvault.core.purpose.PersonalField;

/**
 * A validated {@code POST /v1/access-links}: the identifier to send a link (email) or a code (SMS)
 * to, normalised. {@code toString} leaves the identifier out.
 *
 * @param field {@link PersonalField#EMAIL} or {@link PersonalField#PHONE}
 * @param identifier the normalised email address or E.164 number
 * @param locale the page's language for the message, or null (English)
 */
public record AccessLinkRequest(PersonalField field, String identifier, String locale) {

    @Override
    public String toString() {
        return "AccessLinkRequest[field=" + field + ", locale=" + locale + "]";
    }
}
