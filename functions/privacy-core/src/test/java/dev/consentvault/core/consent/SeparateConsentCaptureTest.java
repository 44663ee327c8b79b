package dev.consentvault.core.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.privacy.Jurisdictions;
import dev.consentvault.core.purpose.PurposeCatalogue;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.ReceiptItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PIPL's separate consent (Arts. 23, 29, 39): in CN, a purpose that gives the data to a third
 * party, sends it abroad or handles sensitive data needs its own answer beside the purpose's tick.
 */
class SeparateConsentCaptureTest {

    private static final Instant NOW = Instant.parse("2026-12-10T09:00:00Z");
    private final CaptureFixture f = new CaptureFixture(PurposeCatalogue.defaults(), NOW);

    private static String cn(String separate) {
        return "{\"subject\": {\"email\": \"li.wei@example.com\"},"
                + " \"purposes\": {\"marketing-email\": true, \"personalised-ads\": true},"
                + " \"noticeVersion\": \"2026-11-01\", \"source\": {\"page\": \"cherries-tmall\"},"
                + " \"jurisdiction\": \"CN\", \"locale\": \"zh-CN\", \"ageConfirmed\": true"
                + (separate == null ? "" : ", \"separateConsents\": " + separate)
                + "}";
    }

    @Test
    void withoutTheSeparateAnswerTheCaptureIsRefusedNamingTheRecipientsAndNothingIsWritten() {
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> f.capture(cn(null)));
        FieldError error = e.errors().get(0);
        assertEquals("separateConsents.personalised-ads", error.field());
        assertTrue(error.message().contains("is required in CN"), error.message());
        assertTrue(error.message().contains("TikTok Ads (SG, https://"), error.message());
        assertTrue(error.message().contains("Meta Ads (IE, "), error.message());
        assertTrue(error.message().contains("PIPL Art. 23"), error.message());
        assertTrue(error.message().contains("PIPL Art. 39"), error.message());
        assertEquals(1, e.errors().size(), "marketing-email gives nothing to anyone: not asked");
        assertTrue(f.store.items.isEmpty(), "nothing written");
        assertEquals(0, f.store.writes);
    }

    @Test
    void aRefusedSeparateConsentRefusesThePurposeWithAReasonAndKeepsNothingForIt() {
        JsonNode receipt = f.capture(cn("{\"personalised-ads\": false}"));
        Map<String, JsonNode> purposes = CaptureFixture.byPurpose(receipt);
        JsonNode ads = purposes.get("personalised-ads");
        assertEquals("REFUSED", ads.get("status").asText());
        assertEquals("separate-consent-refused", ads.get("reason").asText());
        assertTrue(ads.get("reasonText").asText().contains("单独同意"), ads.toString());
        assertFalse(ads.has("separateConsent"));
        assertEquals(
                "PENDING_CONFIRMATION",
                purposes.get("marketing-email").get("status").asText(),
                "granted, waiting for its double opt-in");
        String receiptId = receipt.get("receiptId").asText();
        assertFalse(
                f.store
                        .find(
                                ConsentTable.receiptPk(receiptId),
                                ConsentTable.purposeSk("personalised-ads"))
                        .orElseThrow()
                        .attributes()
                        .containsKey(ConsentTable.SEALED),
                "no data kept for the refused purpose");
    }

    @Test
    void aGivenSeparateConsentGrantsThePurposeAndTheReceiptRecordsIt() {
        JsonNode receipt = f.capture(cn("{\"personalised-ads\": true}"));
        JsonNode ads = CaptureFixture.byPurpose(receipt).get("personalised-ads");
        assertEquals("GRANTED", ads.get("status").asText());
        assertTrue(ads.get("separateConsent").asBoolean());
        String receiptId = receipt.get("receiptId").asText();
        ReceiptItem item =
                ReceiptItem.of(
                        f.store
                                .find(ConsentTable.receiptPk(receiptId), ConsentTable.RECEIPT_SK)
                                .orElseThrow());
        assertEquals(List.of("personalised-ads"), item.separateConsents());
        JsonNode viewed = CaptureFixture.byPurpose(f.view(receipt)).get("personalised-ads");
        assertTrue(viewed.get("separateConsent").asBoolean(), "the receipt view shows it too");
    }

    @Test
    void aSeparateAnswerIsRefusedWhereTheLawAsksForNone() {
        String eu =
                cn("{\"personalised-ads\": true}")
                        .replace("\"CN\"", "\"EU\"")
                        .replace("\"zh-CN\"", "\"en\"");
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> f.capture(eu));
        assertEquals("separateConsents.personalised-ads", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().startsWith("is not asked"));
        assertTrue(f.store.items.isEmpty());
    }

    @Test
    void sensitiveDataDeclaredInTheCatalogueNeedsASeparateConsentEvenWithoutRecipients() {
        PurposeCatalogue catalogue =
                PurposeCatalogue.parse(
                        """
                        {"purposes": [{"id": "health-tips", "description": "Health tips.",
                          "category": "dpv:ServiceProvision", "fieldsNeeded": ["email", "name"],
                          "sensitiveFields": ["name"], "retention": "P1Y", "thirdParties": [],
                          "saleOrSharing": false}],
                         "notices": [{"version": "v1", "effective": "2026-01-01", "material": false,
                          "texts": {"en": {"text": "Notice."}}}]}""",
                        "test");
        CaptureFixture sensitive = new CaptureFixture(catalogue, NOW);
        String body =
                "{\"subject\": {\"email\": \"li.wei@example.com\", \"name\": \"Li Wei\"},"
                        + " \"purposes\": {\"health-tips\": true}, \"noticeVersion\": \"v1\","
                        + " \"source\": {\"page\": \"p\"}, \"jurisdiction\": \"CN\","
                        + " \"ageConfirmed\": true}";
        InvalidRequestException e =
                assertThrows(InvalidRequestException.class, () -> sensitive.capture(body));
        assertTrue(e.errors().get(0).message().contains("PIPL Art. 29"));
        JsonNode granted =
                sensitive.capture(
                        body.replace(
                                "\"ageConfirmed\": true",
                                "\"ageConfirmed\": true, \"separateConsents\": {\"health-tips\": true}"));
        assertEquals("GRANTED", granted.get("purposes").get(0).get("status").asText());
    }

    @Test
    void thePackCitesTheLawForEachGround() {
        Jurisdictions.SeparateConsentRule rule =
                Jurisdictions.standard().rule("CN", NOW).orElseThrow().separateConsentRule();
        assertTrue(rule.provision().startsWith("PIPL Art. 23"));
        assertTrue(rule.transferAbroad().startsWith("PIPL Art. 39"));
        assertTrue(rule.sensitive().startsWith("PIPL Art. 29"));
        assertNull(Jurisdictions.standard().rule("GB", NOW).orElseThrow().separateConsentRule());
    }
}
