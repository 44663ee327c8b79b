package dev.consentvault.core.purpose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogueJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Map<String, JsonNode> byId(JsonNode json) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        json.get("purposes").forEach(p -> byId.put(p.get("id").asText(), p));
        return byId;
    }

    private static List<String> texts(JsonNode array) {
        assertTrue(array.isArray(), "expected an array: " + array);
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    @Test
    void theDefaultCatalogueIsTheFivePurposesOfTheNotice() {
        JsonNode json = CatalogueJson.write(PurposeCatalogue.defaults());

        assertEquals(Set.of("locale", "purposes", "notices"), Set.copyOf(iterable(json)));
        assertEquals("en", json.get("locale").asText());
        assertEquals(
                List.of(
                        "marketing-email",
                        "marketing-sms",
                        "personalised-ads",
                        "analytics",
                        "contest-entry"),
                List.copyOf(byId(json).keySet()),
                "in catalogue order");
        for (JsonNode purpose : json.get("purposes")) {
            assertEquals(
                    Set.of(
                            "id",
                            "description",
                            "category",
                            "dataNeeded",
                            "retention",
                            "thirdParties",
                            "saleOrSharing",
                            "confirmation"),
                    Set.copyOf(iterable(purpose)).stream()
                            .filter(k -> !k.equals("recipients"))
                            .collect(java.util.stream.Collectors.toSet()),
                    purpose.get("id").asText());
            assertTrue(
                    purpose.get("description").isTextual()
                            && !purpose.get("description").asText().isBlank());
            assertTrue(purpose.get("category").asText().startsWith("dpv:"), purpose.toString());
            assertTrue(purpose.get("saleOrSharing").isBoolean(), purpose.toString());
        }
    }

    @Test
    void eachPurposeSaysWhatItNeedsForHowLongAndWithWhom() {
        Map<String, JsonNode> purposes = byId(CatalogueJson.write(PurposeCatalogue.defaults()));

        JsonNode email = purposes.get("marketing-email");
        assertEquals(
                "Send you news and offers about this brand by email.",
                email.get("description").asText());
        assertEquals("dpv:DirectMarketing", email.get("category").asText());
        assertEquals(List.of("email"), texts(email.get("dataNeeded")));
        assertEquals("P24M", email.get("retention").asText());
        assertEquals(List.of(), texts(email.get("thirdParties")));
        assertEquals(false, email.get("saleOrSharing").asBoolean());

        JsonNode sms = purposes.get("marketing-sms");
        assertEquals(List.of("phone"), texts(sms.get("dataNeeded")));
        assertEquals("P24M", sms.get("retention").asText());
        assertEquals(false, sms.get("saleOrSharing").asBoolean());

        JsonNode ads = purposes.get("personalised-ads");
        assertEquals("dpv:PersonalisedAdvertising", ads.get("category").asText());
        assertEquals(List.of("email"), texts(ads.get("dataNeeded")));
        assertEquals("P13M", ads.get("retention").asText());
        assertEquals(List.of("TikTok Ads", "Meta Ads"), texts(ads.get("thirdParties")));
        assertEquals(true, ads.get("saleOrSharing").asBoolean());

        JsonNode analytics = purposes.get("analytics");
        assertEquals(List.of(), texts(analytics.get("dataNeeded")), "no direct identifiers");
        assertEquals("P13M", analytics.get("retention").asText());
        assertEquals("dpv:ServiceOptimisation", analytics.get("category").asText());

        JsonNode contest = purposes.get("contest-entry");
        assertEquals(
                List.of("email", "phone", "name"),
                texts(contest.get("dataNeeded")),
                "always email, phone, name, whatever order the configuration lists them in");
        assertEquals("P90D", contest.get("retention").asText());
        assertEquals(List.of(), texts(contest.get("thirdParties")));
        assertEquals("dpv:ServiceProvision", contest.get("category").asText());
        assertEquals("none", contest.get("confirmation").asText());

        // double opt-in: the purposes that contact the person say how they are confirmed
        assertEquals("email", purposes.get("marketing-email").get("confirmation").asText());
        assertEquals("sms", purposes.get("marketing-sms").get("confirmation").asText());
    }

    @Test
    void aConfiguredCatalogueIsRenderedAsConfigured() throws Exception {
        PurposeCatalogue catalogue =
                PurposeCatalogue.parse(
                        """
                {"purposes": [
                  {"id": "loyalty-club", "description": "Keep your points.", "category": "dpv:CustomerManagement",
                   "fieldsNeeded": ["name", "phone"], "retention": "P2Y", "thirdParties": [], "saleOrSharing": false,
                   "confirmation": "sms"},
                  {"id": "partner-offers", "description": "Offers from partners.", "category": "dpv:DirectMarketing",
                   "fieldsNeeded": ["email"], "retention": "P6M", "thirdParties": ["Acme Travel"], "saleOrSharing": true}
                ], "notices": [{"version": "v1", "effective": "2026-01-01", "material": false, "texts": {"en": {"text": "N"}}}]}""",
                        "test");

        ObjectNode json = CatalogueJson.write(catalogue);

        assertEquals(
                MAPPER.readTree(
                                """
                {"purposes": [
                  {"id": "loyalty-club", "description": "Keep your points.", "category": "dpv:CustomerManagement",
                   "dataNeeded": ["phone", "name"], "retention": "P2Y", "thirdParties": [], "saleOrSharing": false,
                   "confirmation": "sms"},
                  {"id": "partner-offers", "description": "Offers from partners.", "category": "dpv:DirectMarketing",
                   "dataNeeded": ["email"], "retention": "P6M", "thirdParties": ["Acme Travel"], "saleOrSharing": true,
                   "confirmation": "none"}
                ]}""")
                        .get("purposes"),
                json.get("purposes"));
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
