package dev.consentvault.core.consent;

import dev.consentvault.core.i18n.FieldTexts;
import dev.consentvault.core.i18n.Locales;
import java.util.Map;

/**
 * One reason a request was refused, named by its JSON path ("subject.email"), with its message as a
 * key of {@link FieldTexts} and the run-time values the message names (a jurisdiction code, an age,
 * a purpose id: never a value the person sent). Never echoes the value.
 */
public record FieldError(String field, String key, Map<String, String> params) {

    public FieldError {
        if (!FieldTexts.has(key)) {
            throw new IllegalArgumentException("no field message " + key);
        }
        params = Map.copyOf(params);
    }

    public FieldError(String field, String key) {
        this(field, key, Map.of());
    }

    /** The message in English, as the API always wrote it. */
    public String message() {
        return message(Locales.DEFAULT);
    }

    /** The message in the supported locale {@code locale} reads in. */
    public String message(String locale) {
        return FieldTexts.text(key, params, locale);
    }
}
