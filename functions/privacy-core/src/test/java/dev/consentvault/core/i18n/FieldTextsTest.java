package dev.consentvault.core.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.consentvault.core.consent.FieldError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 400 field messages: every key in every language, with the same run-time values. */
class FieldTextsTest {

    @Test
    void everyKeyIsWrittenInEveryLanguageWithTheSamePlaceholders() {
        assertFalse(FieldTexts.keys().isEmpty());
        for (String key : FieldTexts.keys()) {
            String english = FieldTexts.template(key, "en");
            assertNotNull(english, key);
            for (String locale : Locales.SUPPORTED) {
                String text = FieldTexts.template(key, locale);
                assertNotNull(text, key + " in " + locale);
                assertFalse(text.isBlank(), key + " in " + locale);
                assertEquals(
                        FieldTexts.placeholders(english),
                        FieldTexts.placeholders(text),
                        key + " in " + locale + ": " + text);
                if (!locale.equals("en")) {
                    assertNotEquals(english, text, key + " is not translated to " + locale);
                }
            }
            assertNull(
                    SpanishRegister.tuWord(FieldTexts.template(key, "es")),
                    key + ": Spanish says usted");
        }
    }

    @Test
    void runTimeValuesAreFilledInAsGivenAndTheLocaleFallsBack() {
        Map<String, String> params = Map.of("jurisdiction", "CN", "age", "14");
        assertEquals(
                "is required in CN: true when the person is 14 or older, false when younger",
                FieldTexts.text("age-required", params, "en"));
        assertEquals(
                "在 CN 为必填项：本人年满 14 周岁时为 true，未满时为 false",
                FieldTexts.text("age-required", params, "zh-CN"));
        assertEquals(
                "es obligatorio en CN: true si la persona tiene 14 años o más, false si es menor",
                FieldTexts.text("age-required", params, "es-CL"));
        assertEquals(
                FieldTexts.text("age-required", params, "en"),
                FieldTexts.text("age-required", params, "fr-FR"));
        // a value with regex replacement characters is copied, not interpreted
        assertEquals(
                "is required by the purpose a$1\\b",
                FieldTexts.text("field-required-by", Map.of("purpose", "a$1\\b"), "en"));
        // {} is JSON, not a placeholder
        assertEquals(
                "must list at least one purpose id; send {} to withdraw all",
                new FieldError("purposes", "withdraw-purposes").message());
    }

    @Test
    void anUnknownKeyIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> new FieldError("x", "no-such-key"));
    }
}
