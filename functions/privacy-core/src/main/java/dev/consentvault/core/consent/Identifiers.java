package dev.consentvault.core.consent;

import dev.consentvault.core.purpose.PersonalField;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normal forms of the identifiers a subject key is computed from, so that "Ana@Example.com" and
 * "ana@example.com", or "+34 600 00 00 00" and "+34600000000", are the same person.
 */
public final class Identifiers {

    private static final String ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern EMAIL =
            Pattern.compile(
                    "(?=[^@]{1,64}@)"
                            + ATOM
                            + "(?:\\."
                            + ATOM
                            + ")*@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}[\\p{L}\\p{N}])?"
                            + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}[\\p{L}\\p{N}])?)+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().-]");

    private Identifiers() {}

    /** NFKC, trimmed, lower-cased; empty when it is not an email address. */
    public static Optional<String> email(String raw) {
        String value =
                Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** E.164 ("+34600000000") with spaces, dots, dashes and brackets removed; empty otherwise. */
    public static Optional<String> phone(String raw) {
        String value =
                PHONE_SEPARATORS
                        .matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC).strip())
                        .replaceAll("");
        return E164.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    /** A display name: NFKC, trimmed, 1–100 characters, no control characters. */
    public static Optional<String> name(String raw) {
        String value = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        if (value.isEmpty()
                || value.length() > 100
                || value.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** The masked form of a field the receipt shows (see the three below). */
    public static String mask(PersonalField field, String value) {
        return switch (field) {
            case EMAIL -> maskEmail(value);
            case PHONE -> maskPhone(value);
            case NAME -> maskName(value);
        };
    }

    /**
     * "a**@example.com": enough for a person to recognise their address, not enough to learn it.
     */
    public static String maskEmail(String email) {
        int at = email.indexOf('@');
        return new StringBuilder()
                .appendCodePoint(email.codePointAt(0))
                .append("**")
                .append(email.substring(at))
                .toString();
    }

    /** "+34*******00". */
    public static String maskPhone(String phone) {
        return phone.substring(0, 3)
                + "*".repeat(phone.length() - 5)
                + phone.substring(phone.length() - 2);
    }

    /** "A**". */
    public static String maskName(String name) {
        return name.codePoints()
                        .limit(1)
                        .collect(
                                StringBuilder::new,
                                StringBuilder::appendCodePoint,
                                StringBuilder::append)
                + "**";
    }
}
