package dev.consentvault.functions.handler;

import static dev.consentvault.functions.handler.InMemoryServices.json;
import static dev.consentvault.functions.handler.InMemoryServices.withHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.crypto.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/** {@code GET /v1/purposes} from the sample event: the default catalogue, cacheable. */
class ListPurposesHandlerTest {

    private final ListPurposesHandler handler = new ListPurposesHandler(Map.of());

    @ParameterizedTest
    @Event(value = "events/list-purposes.json", type = APIGatewayV2HTTPEvent.class)
    void theCatalogueIsPublicAndRevalidatedByItsETag(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(200, response.getStatusCode());
        assertEquals("public, max-age=300", response.getHeaders().get("cache-control"));
        String etag = response.getHeaders().get("etag");
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        List<String> ids = new ArrayList<>();
        for (JsonNode purpose : json(response).get("purposes")) {
            ids.add(purpose.get("id").asText());
        }
        assertEquals(
                List.of(
                        "marketing-email",
                        "marketing-sms",
                        "personalised-ads",
                        "analytics",
                        "contest-entry"),
                ids);

        APIGatewayV2HTTPResponse revalidated =
                handler.handleRequest(withHeader(event, "if-none-match", etag), null);
        assertEquals(304, revalidated.getStatusCode());
        assertEquals("", revalidated.getBody());
        assertEquals(etag, revalidated.getHeaders().get("etag"));

        APIGatewayV2HTTPResponse stale =
                handler.handleRequest(withHeader(event, "if-none-match", "\"old\""), null);
        assertEquals(200, stale.getStatusCode());
    }

    @ParameterizedTest
    @Event(value = "events/list-purposes.json", type = APIGatewayV2HTTPEvent.class)
    void everyLanguageRenderedBeforeASnapshotAnswersWhatOneRenderedOnDemandDoes(
            APIGatewayV2HTTPEvent event) {
        ListPurposesHandler primed = new ListPurposesHandler(Map.of());
        primed.beforeCheckpoint(null);
        primed.afterRestore(null);

        for (String locale : List.of("en", "es", "zh-CN", "pt-BR")) {
            APIGatewayV2HTTPEvent asked = withHeader(event, "accept-language", locale);
            APIGatewayV2HTTPResponse onDemand = handler.handleRequest(asked, null);
            APIGatewayV2HTTPResponse fromSnapshot = primed.handleRequest(asked, null);
            assertEquals(locale, fromSnapshot.getHeaders().get("content-language"));
            assertEquals(onDemand.getBody(), fromSnapshot.getBody(), locale);
            assertEquals(onDemand.getHeaders().get("etag"), fromSnapshot.getHeaders().get("etag"));
        }
    }

    @ParameterizedTest
    @Event(value = "events/list-purposes.json", type = APIGatewayV2HTTPEvent.class)
    void itTellsThePageWhichAgeEachJurisdictionAsksFor(APIGatewayV2HTTPEvent event) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T23:59:00Z"));
        ListPurposesHandler dated = new ListPurposesHandler(Map.of(), clock);
        JsonNode before = json(dated.handleRequest(event, null)).get("jurisdictions");
        assertEquals(16, before.get("EU").get("ageOfConsent").asInt());
        assertEquals(14, before.get("ES").get("ageOfConsent").asInt());
        assertEquals(13, before.get("GB").get("ageOfConsent").asInt());
        assertEquals("sale-or-sharing", before.get("US-CA").get("ageAppliesTo").asText());
        assertEquals("PDPA", before.get("SG").get("regime").asText());
        assertFalse(before.get("SG").has("ageOfConsent"));
        assertFalse(before.get("CL").has("ageOfConsent"), "Ley 19.628 sets no age");

        clock.advance(Duration.ofMinutes(2));
        JsonNode after = json(dated.handleRequest(event, null)).get("jurisdictions");
        assertEquals("CL_21719", after.get("CL").get("regime").asText());
        assertEquals(14, after.get("CL").get("ageOfConsent").asInt());
    }
}
