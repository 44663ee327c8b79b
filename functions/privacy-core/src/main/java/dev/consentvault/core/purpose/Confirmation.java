package dev.consentvault.core.purpose;

import java.util.Optional;

/**
 * How a purpose that contacts the person is confirmed (double opt-in): by a one-time link sent by
 * email, by a 6-digit code sent by SMS, or not at all. Until then the purpose is pending and
 * nothing is sent to the person but the confirmation itself.
 */
public enum Confirmation {
    NONE("none", null),
    EMAIL("email", PersonalField.EMAIL),
    SMS("sms", PersonalField.PHONE);

    private final String jsonName;
    private final PersonalField identifier;

    Confirmation(String jsonName, PersonalField identifier) {
        this.jsonName = jsonName;
        this.identifier = identifier;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The identifier a confirmation proves control of (null for NONE). */
    public PersonalField identifier() {
        return identifier;
    }

    public static Optional<Confirmation> fromJsonName(String name) {
        for (Confirmation c : values()) {
            if (c.jsonName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
