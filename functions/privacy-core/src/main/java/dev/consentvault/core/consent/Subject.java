package dev.consentvault.core.consent;

import dev.consentvault.core.purpose.PersonalField;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The person's identifiers, already normalised. Never logged, never in an exception message. */
public final class Subject {

    private final Map<PersonalField, String> values;

    public Subject(Map<PersonalField, String> values) {
        this.values = values.isEmpty() ? new EnumMap<>(PersonalField.class) : new EnumMap<>(values);
    }

    public Optional<String> get(PersonalField field) {
        return Optional.ofNullable(values.get(field));
    }

    public boolean has(PersonalField field) {
        return values.containsKey(field);
    }

    public Map<PersonalField, String> values() {
        return Map.copyOf(values);
    }

    @Override
    public String toString() {
        return "Subject[fields=" + values.keySet() + "]";
    }
}
