package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.purpose.CatalogueException;
import dev.consentvault.core.purpose.PurposeCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Notices are versioned: capture names an existing version, the receipt keeps the hash of the text
 * shown, and a later material change in effect asks the affected purposes' consent again.
 */
class NoticeVersionsTest {

    /** v2 (1 March) changes marketing-email materially; v3 (1 April) only rewords. */
    static final String CATALOGUE =
            """
            {"purposes": [
              {"id": "marketing-email", "description": "News by email.", "category": "dpv:DirectMarketing",
               "fieldsNeeded": ["email"], "retention": "P2Y", "thirdParties": [], "saleOrSharing": false},
              {"id": "marketing-sms", "description": "News by SMS.", "category": "dpv:DirectMarketing",
               "fieldsNeeded": ["phone"], "retention": "P2Y", "thirdParties": [], "saleOrSharing": false}],
             "notices": [
              {"version": "v1", "effective": "2026-01-01", "material": false,
               "texts": {"en": {"text": "We email and text you news."}, "es": {"text": "Le enviamos novedades."}}},
              {"version": "v2", "effective": "2026-03-01", "material": true, "affects": ["marketing-email"],
               "texts": {"en": {"text": "We email you news, now weekly, through Mailer Inc."}}},
              {"version": "v3", "effective": "2026-04-01", "material": false,
               "texts": {"en": {"url": "https://example.com/privacy/v3",
                 "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}}}]}""";

    private final PurposeCatalogue catalogue = PurposeCatalogue.parse(CATALOGUE, "test");
    private final CaptureFixture f =
            new CaptureFixture(catalogue, Instant.parse("2026-02-10T09:00:00Z"));

    private static String body(String version, String sms) {
        return "{\"subject\": {\"email\": \"ana@example.com\", \"phone\": \"+34600000000\"},"
                + " \"purposes\": {\"marketing-email\": true, \"marketing-sms\": "
                + sms
                + "}, \"noticeVersion\": \""
                + version
                + "\", \"source\": {\"page\": \"p\"}, \"jurisdiction\": \"SG\", \"locale\": \"es\"}";
    }

    @Test
    void anUnknownVersionIsRefusedAndNothingIsWritten() {
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> f.capture(body("v9", "true")));
        assertEquals("noticeVersion", e.errors().get(0).field());
        assertTrue(
                e.errors().get(0).message().contains("not a notice version in the catalogue"),
                e.errors().get(0).message());
        assertTrue(e.errors().get(0).message().contains("the notice in effect is v1"));
        assertTrue(f.store.items.isEmpty());
        assertEquals(0, f.store.writes);
    }

    @Test
    void theReceiptKeepsTheHashOfTheTextShown() {
        JsonNode receipt = f.capture(body("v1", "true"));
        assertEquals(
                PurposeCatalogue.sha256Hex("Le enviamos novedades."),
                receipt.get("noticeSha256").asText());
        assertFalse(receipt.get("reconsentRequired").asBoolean());
    }

    @Test
    void aMaterialChangeInEffectAsksAgainForTheGrantedPurposesItAffectsOnly() {
        JsonNode receipt = f.capture(body("v1", "true"));
        assertFalse(f.view(receipt).get("reconsentRequired").asBoolean(), "v2 not yet in effect");

        f.clock.advance(Duration.ofDays(30)); // 12 March: v2 in effect
        JsonNode viewed = f.view(receipt);
        assertTrue(viewed.get("reconsentRequired").asBoolean());
        Map<String, JsonNode> purposes = CaptureFixture.byPurpose(viewed);
        assertTrue(purposes.get("marketing-email").get("reconsentRequired").asBoolean());
        assertFalse(purposes.get("marketing-sms").has("reconsentRequired"), "not affected");

        JsonNode refusedEmail =
                f.capture(
                        body("v1", "true")
                                .replace("\"marketing-email\": true", "\"marketing-email\": false")
                                .replace("\"email\": \"ana@example.com\", ", ""));
        assertFalse(
                f.view(refusedEmail).get("reconsentRequired").asBoolean(),
                "a refused purpose has nothing to ask again");
    }

    @Test
    void aVersionReplacedByAMaterialChangeCannotBeCapturedAnyMoreButAReworderingDoesNotMatter() {
        f.clock.advance(Duration.ofDays(30));
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> f.capture(body("v1", "true")));
        assertTrue(e.errors().get(0).message().startsWith("was replaced by v2"));
        assertTrue(f.store.items.isEmpty());
        JsonNode onV2 = f.capture(body("v2", "true"));
        f.clock.advance(Duration.ofDays(60)); // v3 in effect: not material
        assertFalse(f.view(onV2).get("reconsentRequired").asBoolean());
        assertEquals(
                "0000000000000000000000000000000000000000000000000000000000000000",
                f.capture(body("v3", "true")).get("noticeSha256").asText(),
                "a notice published at a url: the hash the catalogue gives");
    }

    @Test
    void aBadRegistryStopsAtLoadNamingTheEntry() {
        assertTrue(
                assertThrows(
                                CatalogueException.class,
                                () ->
                                        PurposeCatalogue.parse(
                                                CATALOGUE.replace("2026-03-01", "2025-12-01"), "t"))
                        .getMessage()
                        .contains("notices[1] (v2): notices must be listed in order"));
        assertTrue(
                assertThrows(
                                CatalogueException.class,
                                () ->
                                        PurposeCatalogue.parse(
                                                CATALOGUE.replace(
                                                        "\"sha256\": \"0000", "\"sha256\": \"zz00"),
                                                "t"))
                        .getMessage()
                        .contains("sha256 must be 64 lower-case hex digits"));
        assertTrue(
                assertThrows(
                                CatalogueException.class,
                                () ->
                                        PurposeCatalogue.parse(
                                                CATALOGUE.replace(
                                                        "{\"text\": \"We email and text you news.\"}, \"es\"",
                                                        "{\"text\": \"x\", \"sha256\": \"00000000000000000000000000000000000000000000000000000000000000ff\"}, \"es\""),
                                                "t"))
                        .getMessage()
                        .contains("sha256 does not match the text"));
        assertTrue(
                assertThrows(
                                CatalogueException.class,
                                () ->
                                        PurposeCatalogue.parse(
                                                CATALOGUE.replace(
                                                        "\"es\": {\"text\"", "\"fr\": {\"text\""),
                                                "t"))
                        .getMessage()
                        .contains("texts.fr: not a supported locale"));
    }
}
