package dev.consentvault.core.access;

import dev.consentvault.core.consent.Identifiers;
import dev.consentvault.core.json.JsonFields;
import dev.consentvault.core.json.StrictJson;
import dev.consentvault.core.purpose.PersonalField;
import java.util.Set;
import java.util.regex.Pattern;

/** Strict reading of {@code POST /v1/access-links} and {@code POST /v1/access-sessions}. */
public final class AccessRequestParser {

    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private AccessRequestParser() {}

    /** {@code {"email": ..}} or {@code {"phone": ..}}, with an optional {@code locale}. */
    public static AccessLinkRequest linkRequest(byte[] body) {
        JsonFields root =
                StrictJson.readObject(body, "{\"email\": ...} or {\"phone\": ...}, and \"locale\"");
        root.refuseUnknown(Set.of("email", "phone", "locale"));
        String email = root.string("email");
        String phone = root.string("phone");
        String locale = root.string("locale", LOCALE, false, "locale-tag");
        PersonalField field = null;
        String identifier = null;
        if ((email == null) == (phone == null)) {
            if (!root.hasErrorAt("email") && !root.hasErrorAt("phone")) {
                root.error("email", "email-or-phone-not-both");
            }
        } else if (email != null) {
            field = PersonalField.EMAIL;
            identifier = Identifiers.email(email).orElse(null);
            if (identifier == null) {
                root.error("email", "email");
            }
        } else {
            field = PersonalField.PHONE;
            identifier = Identifiers.phone(phone).orElse(null);
            if (identifier == null) {
                root.error("phone", "phone-international");
            }
        }
        root.finish("The access-link request");
        return new AccessLinkRequest(field, identifier, locale);
    }

    /** {@code {"link": token}} or {@code {"phone": .., "code": "123456"}}. */
    public static Redemption redemption(byte[] body) {
        JsonFields root =
                StrictJson.readObject(body, "{\"link\": ...} or {\"phone\": ..., \"code\": ...}");
        root.refuseUnknown(Set.of("link", "phone", "code"));
        String link = root.string("link");
        String phone = root.string("phone");
        String code = root.string("code");
        String normalisedPhone = null;
        if (link != null) {
            if (phone != null || code != null) {
                root.error("link", "link-or-phone-and-code");
            } else if (!TOKEN.matcher(link).matches()) {
                // the shape only: which tokens exist is never said
                root.error("link", "link-token");
            }
        } else if (phone == null || code == null) {
            if (!root.hasErrorAt("phone") && !root.hasErrorAt("code") && !root.hasErrorAt("link")) {
                root.error(phone == null ? "phone" : "code", "link-or-phone-and-6-digit-code");
            }
        } else {
            normalisedPhone = Identifiers.phone(phone).orElse(null);
            if (normalisedPhone == null) {
                root.error("phone", "phone-international");
            }
            if (!CODE.matcher(code).matches()) {
                root.error("code", "code");
            }
        }
        root.finish("The access request");
        return new Redemption(link, normalisedPhone, code);
    }
}
