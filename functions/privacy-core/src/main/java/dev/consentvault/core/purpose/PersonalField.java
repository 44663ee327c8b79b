package dev.consentvault.core.purpose;

import java.util.Optional;

/** The personal data a landing page may collect. Anything else is refused (data minimisation). */
public enum PersonalField {
    EMAIL("email"),
    PHONE("phone"),
    NAME("name");

    private final String jsonName;

    PersonalField(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Optional<PersonalField> fromJsonName(String name) {
        for (PersonalField field : values()) {
            if (field.jsonName.equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
