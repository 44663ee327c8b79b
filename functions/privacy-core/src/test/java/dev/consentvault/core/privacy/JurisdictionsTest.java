package dev.consentvault.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JurisdictionsTest {

    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
    private final Jurisdictions packs = Jurisdictions.standard();

    @Test
    void theShippedPacksCoverTheEuEeaAndTheOtherMarkets() {
        List<String> eea =
                List.of(
                        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
                        "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK",
                        "SI", "ES", "SE", "IS", "LI", "NO", "EU");
        for (String code : eea) {
            Jurisdictions.Rule rule =
                    packs.rule(code, NOW).orElseThrow(() -> new AssertionError(code));
            assertEquals(LegalRegime.GDPR, rule.regime().id(), code);
            int age = rule.age().orElseThrow().age();
            assertTrue(age >= 13 && age <= 16, code + ": GDPR Art. 8(1) allows 13 to 16");
            assertTrue(rule.age().get().citation().contains("Art. 8"), code);
        }
        for (String code : List.of("GB", "US-CA", "BR", "CL", "CN", "SG")) {
            assertTrue(packs.supports(code), code);
        }
        assertFalse(packs.supports("US-NY"));
        assertTrue(packs.rule("CN", NOW).orElseThrow().separateConsent());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"EU, 16", "DE, 16", "ES, 14", "FR, 15", "BE, 13", "IE, 16", "GB, 13", "CN, 14"})
    void agesOfDigitalConsent(String code, int age) {
        assertEquals(age, packs.rule(code, NOW).orElseThrow().age().orElseThrow().age());
    }

    @Test
    void aFallbackMustItselfBeSupported() {
        Jurisdictions.InvalidPackException e =
                assertThrows(
                        Jurisdictions.InvalidPackException.class, () -> packs.withFallback("XX"));
        assertTrue(e.getMessage().contains("XX"));
        assertTrue(packs.withFallback("GB").supports("XX"));
        assertFalse(packs.withFallback("").supports("XX"));
    }

    private static final String REGIMES =
            """
            "regimes": {
              "GDPR": {"law": "GDPR", "response": {"amount": 1, "unit": "months", "citation": "Art. 12(3)"}},
              "UK_GDPR": {"law": "UK", "response": {"amount": 1, "unit": "months", "citation": "c"}},
              "CCPA": {"law": "CCPA", "response": {"amount": 45, "unit": "calendar-days", "citation": "c"}},
              "LGPD": {"law": "LGPD", "response": {"amount": 15, "unit": "calendar-days", "citation": "c"}},
              "CL_19628": {"law": "CL", "response": {"amount": 2, "unit": "business-days", "citation": "c"}},
              "CL_21719": {"law": "CL", "response": {"amount": 30, "unit": "calendar-days", "citation": "c"}},
              "PIPL": {"law": "PIPL", "response": {"amount": 15, "unit": "calendar-days", "target": true, "citation": "c"}},
              "PDPA": {"law": "PDPA", "response": {"amount": 30, "unit": "calendar-days", "citation": "c"}}
            }
            """;

    private static String pack(String jurisdictions) {
        return "{" + REGIMES + ", \"jurisdictions\": {" + jurisdictions + "}}";
    }

    @Test
    void aGoodPackReads() {
        Jurisdictions p =
                Jurisdictions.parse(
                        pack(
                                "\"CL\": [{\"regime\": \"CL_19628\", \"separateConsent\": false},"
                                        + " {\"from\": \"2026-12-01\", \"regime\": \"CL_21719\","
                                        + " \"separateConsent\": false}]"),
                        "test");
        assertEquals(
                LegalRegime.CL_21719,
                p.rule("CL", Instant.parse("2026-12-01T00:00:00Z")).orElseThrow().regime().id());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"ES\": [{\"regime\": \"NOPE\", \"separateConsent\": false}] | test: ES rule 1: regime NOPE is not defined",
                "\"ES\": [{\"regime\": \"GDPR\"}] | test: ES rule 1: \"separateConsent\" must be false or an object citing the law for provision, transferAbroad and sensitive",
                "\"ES\": [{\"regime\": \"GDPR\", \"separateConsent\": false, \"ageOfConsent\": {\"age\": \"14\", \"appliesTo\": \"consent\", \"citation\": \"c\"}}] | test: ES rule 1: ageOfConsent.age must be a whole number of years (1-21)",
                "\"ES\": [{\"regime\": \"GDPR\", \"separateConsent\": false, \"ageOfConsent\": {\"age\": 14, \"appliesTo\": \"consent\"}}] | test: ES rule 1: ageOfConsent: \"citation\" is required (text)",
                "\"CL\": [{\"regime\": \"CL_19628\", \"separateConsent\": false}, {\"from\": \"1 Dec\", \"regime\": \"CL_21719\", \"separateConsent\": false}] | test: CL rule 2: \"from\" must be a date (YYYY-MM-DD)",
                "\"CL\": [{\"from\": \"2026-12-01\", \"regime\": \"CL_21719\", \"separateConsent\": false}] | test: CL rule 1: rules must be in date order, the first without \"from\"",
                "\"es\": [{\"regime\": \"GDPR\", \"separateConsent\": false}] | test: jurisdiction es: not an ISO 3166 code",
                "\"ES\": [] | test: jurisdiction ES: must list at least one rule",
                "\"ES\": [{\"regime\": \"GDPR\", \"separateConsent\": false, \"ageOfConsnt\": {}}] | test: ES rule 1: unknown key \"ageOfConsnt\""
            })
    void aBadPackStopsWithAMessageNamingTheEntry(String jurisdictions, String message) {
        Jurisdictions.InvalidPackException e =
                assertThrows(
                        Jurisdictions.InvalidPackException.class,
                        () -> Jurisdictions.parse(pack(jurisdictions), "test"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aBadClockOrAMissingRegimeStopsToo() {
        String badUnit =
                pack("\"ES\": [{\"regime\": \"GDPR\", \"separateConsent\": false}]")
                        .replace(
                                "\"unit\": \"months\", \"citation\": \"Art. 12(3)\"",
                                "\"unit\": \"weeks\", \"citation\": \"Art. 12(3)\"");
        assertEquals(
                "test: regime GDPR response: \"unit\" must be calendar-days, business-days or months",
                assertThrows(
                                Jurisdictions.InvalidPackException.class,
                                () -> Jurisdictions.parse(badUnit, "test"))
                        .getMessage());
        String mixedUnits =
                pack("\"ES\": [{\"regime\": \"GDPR\", \"separateConsent\": false}]")
                        .replace(
                                "\"citation\": \"Art. 12(3)\"}}",
                                "\"citation\": \"Art. 12(3)\"}, \"extension\": {\"amount\": 60,"
                                        + " \"unit\": \"calendar-days\", \"citation\": \"c\"}}");
        assertEquals(
                "test: regime GDPR extension: must count in the response's unit",
                assertThrows(
                                Jurisdictions.InvalidPackException.class,
                                () -> Jurisdictions.parse(mixedUnits, "test"))
                        .getMessage());
        String missing =
                pack("\"ES\": [{\"regime\": \"GDPR\", \"separateConsent\": false}]")
                        .replaceAll(",\\s*\"PDPA\": \\{[^\\n]*\\}\\}", "");
        assertEquals(
                "test: regime PDPA is missing",
                assertThrows(
                                Jurisdictions.InvalidPackException.class,
                                () -> Jurisdictions.parse(missing, "test"))
                        .getMessage());
    }
}
