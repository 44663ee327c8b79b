package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ana@example.com              | ana@example.com",
                "'  Ana@Example.COM  '         | ana@example.com",
                "ＡＮＡ＠ｅｘａｍｐｌｅ．ｃｏｍ  | ana@example.com", // fullwidth forms, NFKC folds them
                "ana.maria+news@mail.example.es | ana.maria+news@mail.example.es",
                "josé@correo.es               | josé@correo.es"
            })
    void emailIsNormalisedSoTheSamePersonGetsTheSameKey(String raw, String normalised) {
        assertEquals(Optional.of(normalised), Identifiers.email(raw));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "ana",
                "ana@",
                "@example.com",
                "ana@example",
                "ana@@example.com",
                "ana @example.com",
                "ana@exa mple.com",
                "ana@-example.com",
                "ana@example.com.",
                "ana@example..com",
                "<ana@example.com>",
                "ana@example.com\nBcc: eve@example.com"
            })
    void invalidEmailsAreRejected(String raw) {
        assertEquals(Optional.empty(), Identifiers.email(raw));
    }

    @Test
    void overlongEmailsAreRejected() {
        assertEquals(Optional.empty(), Identifiers.email("a".repeat(65) + "@example.com"));
        String label = "b".repeat(50);
        String longDomain = String.join(".", label, label, label, label, label, "com");
        assertTrue(("a@" + longDomain).length() > 254);
        assertEquals(Optional.empty(), Identifiers.email("a@" + longDomain));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "+34600000000         | +34600000000",
                "+34 600 00 00 00     | +34600000000",
                "' +34 (600) 000-000 ' | +34600000000",
                "+1.415.555.0100      | +14155550100",
                "＋３４６００００００００   | +34600000000"
            })
    void phoneIsNormalisedToE164(String raw, String normalised) {
        assertEquals(Optional.of(normalised), Identifiers.phone(raw));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "600000000",
                "0034600000000",
                "+0600000000",
                "+123456",
                "+1234567890123456",
                "+34 600 abc 000",
                "+34/600000000",
                "++34600000000",
                "+34600000000 ext 12"
            })
    void invalidPhonesAreRejected(String raw) {
        assertEquals(Optional.empty(), Identifiers.phone(raw));
    }

    @Test
    void namesAreTrimmedAndMustBeShortPrintableText() {
        assertEquals(Optional.of("Ana María"), Identifiers.name("  Ana María "));
        assertEquals(Optional.empty(), Identifiers.name("   "));
        assertEquals(Optional.empty(), Identifiers.name("Ana\u0000"));
        assertEquals(Optional.empty(), Identifiers.name("A".repeat(101)));
        assertEquals(Optional.of("A".repeat(100)), Identifiers.name("A".repeat(100)));
    }

    @Test
    void maskingShowsEnoughToRecogniseAndNoMore() {
        assertEquals("a**@example.com", Identifiers.maskEmail("ana@example.com"));
        assertEquals("+34*******00", Identifiers.maskPhone("+34600000000"));
        assertEquals("A**", Identifiers.maskName("Ana"));
        assertEquals(
                "\uD835\uDC9C**",
                Identifiers.maskName("\uD835\uDC9Cna")); // one code point, not half of one
        String masked = Identifiers.maskPhone("+34612345678");
        assertEquals("+34612345678".length(), masked.length());
        assertTrue(!masked.contains("12345"), masked);
    }
}
