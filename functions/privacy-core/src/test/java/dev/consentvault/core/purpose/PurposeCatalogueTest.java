package dev.consentvault.core.purpose;

import static dev.consentvault.core.purpose.PersonalField.EMAIL;
import static dev.consentvault.core.purpose.PersonalField.NAME;
import static dev.consentvault.core.purpose.PersonalField.PHONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PurposeCatalogueTest {

    private static final PurposeCatalogue DEFAULTS = PurposeCatalogue.defaults();

    /** One catalogue entry; the bad-config cases each change one thing. */
    private static String entry(
            String id, String fields, String retention, String thirdParties, boolean sale) {
        return """
                {"id": "%s", "description": "d", "category": "dpv:DirectMarketing", "fieldsNeeded": [%s],
                 "retention": "%s", "thirdParties": [%s], "saleOrSharing": %s}"""
                .formatted(id, fields, retention, thirdParties, sale);
    }

    private static String catalogue(String... entries) {
        return "{\"purposes\": ["
                + String.join(",", entries)
                + "], \"notices\": [{\"version\": \"v1\", \"effective\": \"2026-01-01\","
                + " \"material\": false, \"texts\": {\"en\": {\"text\": \"Our notice.\"}}}]}";
    }

    private static Purpose purpose(String id) {
        return DEFAULTS.find(id)
                .orElseThrow(() -> new AssertionError("missing default purpose " + id));
    }

    @Test
    void defaultsHaveTheFivePurposesOfTheDesign() {
        assertEquals(
                List.of(
                        "marketing-email",
                        "marketing-sms",
                        "personalised-ads",
                        "analytics",
                        "contest-entry"),
                DEFAULTS.all().stream().map(Purpose::id).toList());
        assertEquals(
                Map.of(
                        "marketing-email",
                        "P24M",
                        "marketing-sms",
                        "P24M",
                        "personalised-ads",
                        "P13M",
                        "analytics",
                        "P13M",
                        "contest-entry",
                        "P90D"),
                Map.of(
                        "marketing-email",
                        purpose("marketing-email").retention().iso(),
                        "marketing-sms",
                        purpose("marketing-sms").retention().iso(),
                        "personalised-ads",
                        purpose("personalised-ads").retention().iso(),
                        "analytics",
                        purpose("analytics").retention().iso(),
                        "contest-entry",
                        purpose("contest-entry").retention().iso()));
        assertEquals(Set.of(EMAIL), purpose("marketing-email").fieldsNeeded());
        assertEquals(Set.of(PHONE), purpose("marketing-sms").fieldsNeeded());
        assertEquals(Set.of(), purpose("analytics").fieldsNeeded());
        assertEquals(Set.of(NAME, EMAIL, PHONE), purpose("contest-entry").fieldsNeeded());
        assertTrue(DEFAULTS.find("no-such-purpose").isEmpty());
    }

    @Test
    void onlyPersonalisedAdsIsSaleOrSharingAndItNamesItsThirdParties() {
        Purpose ads = purpose("personalised-ads");
        assertTrue(ads.saleOrSharing());
        assertEquals(Set.of(EMAIL), ads.fieldsNeeded());
        assertFalse(ads.thirdParties().isEmpty());
        assertEquals(
                List.of("personalised-ads"),
                DEFAULTS.all().stream().filter(Purpose::saleOrSharing).map(Purpose::id).toList());
    }

    static Stream<Arguments> badCatalogues() {
        String ok = entry("marketing-email", "\"email\"", "P24M", "", false);
        return Stream.of(
                Arguments.of(
                        "duplicate id",
                        catalogue(ok, ok),
                        List.of("purposes[1]", "duplicate id marketing-email")),
                Arguments.of(
                        "unknown field",
                        catalogue(ok, entry("postal", "\"address\"", "P24M", "", false)),
                        List.of("purposes[1]", "(postal)", "\"address\"")),
                Arguments.of(
                        "bad retention",
                        catalogue(entry("marketing-sms", "\"phone\"", "24 months", "", false)),
                        List.of("purposes[0]", "(marketing-sms)", "retention")),
                Arguments.of(
                        "zero retention",
                        catalogue(entry("marketing-sms", "\"phone\"", "P0D", "", false)),
                        List.of("purposes[0]", "(marketing-sms)", "retention")),
                Arguments.of(
                        "sale without third parties",
                        catalogue(ok, entry("ads", "\"email\"", "P13M", "", true)),
                        List.of("purposes[1]", "(ads)", "third parties")),
                Arguments.of(
                        "unknown key",
                        catalogue(ok.replace("\"retention\"", "\"retentionDays\"")),
                        List.of("purposes[0]", "\"retentionDays\"")),
                Arguments.of(
                        "bad id",
                        catalogue(entry("Marketing Email", "\"email\"", "P24M", "", false)),
                        List.of("purposes[0]", "(Marketing Email)", "id")),
                Arguments.of(
                        "unknown confirmation",
                        catalogue(
                                ok.replace(
                                        "\"retention\"",
                                        "\"confirmation\": \"post\", \"retention\"")),
                        List.of("purposes[0]", "(marketing-email)", "confirmation must be")),
                Arguments.of(
                        "confirmed by a channel it does not hold",
                        catalogue(
                                ok.replace(
                                        "\"retention\"",
                                        "\"confirmation\": \"sms\", \"retention\"")),
                        List.of("purposes[0]", "(marketing-email)", "must list phone")),
                Arguments.of("empty list", "{\"purposes\": []}", List.of("cfg", "\"purposes\"")),
                Arguments.of(
                        "not JSON",
                        "purposes: [marketing-email]",
                        List.of("cfg", "not valid JSON")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCatalogues")
    void badConfigurationIsRefusedWithAMessageNamingTheEntry(
            String label, String json, List<String> fragments) {
        CatalogueException e =
                assertThrows(CatalogueException.class, () -> PurposeCatalogue.parse(json, "cfg"));
        for (String fragment : fragments) {
            assertTrue(
                    e.getMessage().contains(fragment),
                    () -> "\"" + e.getMessage() + "\" should name " + fragment);
        }
    }

    @Test
    void purposesJsonInTheEnvironmentReplacesTheDefaults() {
        String json = catalogue(entry("newsletter", "\"email\"", "P6M", "", false));
        PurposeCatalogue catalogue = new Settings(Map.of("PURPOSES_JSON", json)).purposes();
        assertEquals(List.of("newsletter"), catalogue.all().stream().map(Purpose::id).toList());
        assertEquals("P6M", catalogue.find("newsletter").orElseThrow().retention().iso());
        assertTrue(catalogue.find("marketing-email").isEmpty());
    }

    @Test
    void aBadPurposesJsonNamesTheVariable() {
        CatalogueException e =
                assertThrows(
                        CatalogueException.class,
                        () -> new Settings(Map.of("PURPOSES_JSON", "{")).purposes());
        assertTrue(e.getMessage().contains("PURPOSES_JSON"), e.getMessage());
    }

    @Test
    void purposesFileIsReadAndEmptyEnvironmentGivesTheDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("purposes.json");
        Files.writeString(
                file, catalogue(entry("loyalty", "\"email\", \"name\"", "P1Y", "", false)));
        PurposeCatalogue fromFile =
                new Settings(Map.of("PURPOSES_FILE", file.toString())).purposes();
        assertEquals(Set.of(EMAIL, NAME), fromFile.find("loyalty").orElseThrow().fieldsNeeded());

        assertEquals(5, new Settings(Map.of()).purposes().all().size());
        assertThrows(
                CatalogueException.class,
                () ->
                        new Settings(
                                        Map.of(
                                                "PURPOSES_FILE",
                                                dir.resolve("missing.json").toString()))
                                .purposes());
    }

    @Test
    void retentionUsesCalendarArithmeticInUtc() {
        Instant collected = Instant.parse("2026-01-31T10:00:00Z");
        assertEquals(
                Instant.parse("2026-02-28T10:00:00Z"),
                RetentionPolicy.parse("P1M").expiryFor(collected));
        assertEquals(
                Instant.parse("2026-05-01T10:00:00Z"),
                RetentionPolicy.parse("P90D").expiryFor(collected));
        assertEquals(
                Instant.parse("2028-01-31T10:00:00Z"),
                RetentionPolicy.parse("P24M").expiryFor(collected));
        assertEquals(
                Instant.parse("2026-02-28T00:00:00Z"),
                RetentionPolicy.parse("P24M").expiryFor(Instant.parse("2024-02-29T00:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P0D", "-P1M", "P1Y-13M"})
    void retentionMustBePositive(String iso) {
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.parse(iso));
    }
}
