package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A landing page that retries (lost response, double click) must not record the consent twice. */
class IdempotencyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    @Test
    void aReplayedKeyReturnsTheSameReceiptAndWritesNothingNew() throws Exception {
        CaptureConsentHandler handler = cloud.captureHandler();
        String body = new Captures().everyField();
        Map<String, String> key = Map.of("idempotency-key", UUID.randomUUID().toString());

        APIGatewayV2HTTPResponse first = handler.handleRequest(cloud.captureEvent(body, key), null);
        assertEquals(201, first.getStatusCode(), first.getBody());
        int itemsAfterFirst = cloud.consentItemCount();

        // the same request again, from a fresh container, with other spacing
        APIGatewayV2HTTPResponse again =
                cloud.captureHandler()
                        .handleRequest(cloud.captureEvent(body.replace(", ", ",   "), key), null);
        assertEquals(201, again.getStatusCode(), again.getBody());
        assertEquals("true", again.getHeaders().get("idempotent-replayed"));
        JsonNode a = JSON.readTree(first.getBody());
        JsonNode b = JSON.readTree(again.getBody());
        assertEquals(a, b, "the same receipt, token included");
        assertEquals(itemsAfterFirst, cloud.consentItemCount(), "nothing new was written");
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflictAndWritesNothing() throws Exception {
        CaptureConsentHandler handler = cloud.captureHandler();
        Map<String, String> key = Map.of("idempotency-key", UUID.randomUUID().toString());
        assertEquals(
                201,
                handler.handleRequest(cloud.captureEvent(new Captures().emailOnly(), key), null)
                        .getStatusCode());
        int before = cloud.consentItemCount();

        APIGatewayV2HTTPResponse conflict =
                handler.handleRequest(cloud.captureEvent(new Captures().emailOnly(), key), null);
        assertEquals(409, conflict.getStatusCode());
        assertEquals("application/problem+json", conflict.getHeaders().get("content-type"));
        assertEquals(before, cloud.consentItemCount());

        // Global Privacy Control changes the meaning of the request, so it is another body too
        APIGatewayV2HTTPResponse gpc =
                handler.handleRequest(
                        cloud.captureEvent(
                                new Captures().emailOnly(),
                                Map.of(
                                        "idempotency-key",
                                        key.get("idempotency-key"),
                                        "sec-gpc",
                                        "1")),
                        null);
        assertEquals(409, gpc.getStatusCode());
    }
}
