package dev.consentvault.core.purpose;

import dev.consentvault.core.i18n.Locales;
import java.util.List;
import java.util.Map;
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
 * @param descriptions the description in the other supported locales ({@code description} is
 *     English)
 * @param recipients the third parties' locations and contacts, where the catalogue gives them
 * @param sensitiveFields the fields this purpose needs that the law treats as sensitive (PIPL Art.
 *     28); under PIPL they need separate consent (Art. 29)
 */
public record Purpose(
        String id,
        String description,
        String category,
        Set<PersonalField> fieldsNeeded,
        RetentionPolicy retention,
        List<String> thirdParties,
        boolean saleOrSharing,
        Confirmation confirmation,
        Map<String, String> descriptions,
        List<Recipient> recipients,
        Set<PersonalField> sensitiveFields) {

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
        descriptions = Map.copyOf(descriptions);
        recipients = List.copyOf(recipients);
        sensitiveFields = Set.copyOf(sensitiveFields);
    }

    /** A purpose confirmed at once, its description in English only, nothing sensitive. */
    public Purpose(
            String id,
            String description,
            String category,
            Set<PersonalField> fieldsNeeded,
            RetentionPolicy retention,
            List<String> thirdParties,
            boolean saleOrSharing) {
        this(
                id,
                description,
                category,
                fieldsNeeded,
                retention,
                thirdParties,
                saleOrSharing,
                Confirmation.NONE);
    }

    /** A purpose with its description in English only, no recipient details, nothing sensitive. */
    public Purpose(
            String id,
            String description,
            String category,
            Set<PersonalField> fieldsNeeded,
            RetentionPolicy retention,
            List<String> thirdParties,
            boolean saleOrSharing,
            Confirmation confirmation) {
        this(
                id,
                description,
                category,
                fieldsNeeded,
                retention,
                thirdParties,
                saleOrSharing,
                confirmation,
                Map.of(),
                List.of(),
                Set.of());
    }

    /** The description in a supported locale, English when the catalogue has none in it. */
    public String description(String locale) {
        return Locales.DEFAULT.equals(locale)
                ? description
                : descriptions.getOrDefault(locale, description);
    }

    /** The locale {@link #description(String)} actually answers in. */
    public String descriptionLocale(String locale) {
        return descriptions.containsKey(locale) ? locale : Locales.DEFAULT;
    }

    public boolean needs(PersonalField field) {
        return fieldsNeeded.contains(field);
    }
}
