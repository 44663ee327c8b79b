package dev.consentvault.core.purpose;

import java.util.List;
import java.util.Set;

/**
 * One reason for processing personal data, as the notice shows it to the person.
 *
 * @param id stable identifier used by landing pages ("marketing-email")
 * @param description what the person is told
 * @param category W3C DPV purpose category ("dpv:DirectMarketing")
 * @param fieldsNeeded the only personal fields this purpose may hold
 * @param retention how long its records live before TTL removes them
 * @param thirdParties named recipients of the data (empty when none)
 * @param saleOrSharing true when CCPA "sale or sharing" applies; Global Privacy Control refuses it
 * @param confirmation how a grant is confirmed before it counts (double opt-in), NONE when at once
 */
public record Purpose(
        String id,
        String description,
        String category,
        Set<PersonalField> fieldsNeeded,
        RetentionPolicy retention,
        List<String> thirdParties,
        boolean saleOrSharing,
        Confirmation confirmation) {

    public Purpose {
        fieldsNeeded = Set.copyOf(fieldsNeeded);
        thirdParties = List.copyOf(thirdParties);
        if (confirmation == null) {
            confirmation = Confirmation.NONE;
        }
        if (confirmation != Confirmation.NONE
                && !fieldsNeeded.contains(confirmation.identifier())) {
            throw new IllegalArgumentException(
                    "a purpose confirmed by " + confirmation.jsonName() + " must need that field");
        }
    }

    public boolean needs(PersonalField field) {
        return fieldsNeeded.contains(field);
    }
}
