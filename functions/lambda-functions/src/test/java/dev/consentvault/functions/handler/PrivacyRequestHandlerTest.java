package dev.consentvault.functions.handler;

import static dev.consentvault.functions.handler.InMemoryServices.json;
import static dev.consentvault.functions.handler.InMemoryServices.withToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.privacy.RequestType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/privacy-requests} from the sample events, on in-memory fakes. */
class PrivacyRequestHandlerTest {

    private final InMemoryServices services = new InMemoryServices();
    private final PrivacyRequestHandler handler =
            new PrivacyRequestHandler(services.privacyRequests());

    private APIGatewayV2HTTPResponse file(String sample, String token, String body) {
        APIGatewayV2HTTPEvent event = withToken(InMemoryServices.event(sample), token);
        if (body != null) {
            event.setBody(body);
        }
        return handler.handleRequest(event, null);
    }

    private void assertNothingRecorded() {
        assertTrue(services.requests.requests.isEmpty(), "no request recorded");
        assertTrue(services.requests.pendingSince.isEmpty(), "nothing to queue");
    }

    private static void assertInvalid(APIGatewayV2HTTPResponse response) {
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertEquals(
                "urn:consent-vault:problem:invalid-request", json(response).get("type").asText());
    }

    @Test
    void aDeletionWithTheReceiptsTokenIsRecordedWithItsDeadlinesThenQueued() {
        JsonNode receipt = services.captureSample();
        APIGatewayV2HTTPResponse response =
                file(
                        "privacy-request-deletion.json",
                        receipt.get("receiptToken").asText(),
                        "{\"type\": \"deletion\", \"receiptId\": \""
                                + receipt.get("receiptId").asText()
                                + "\"}");
        assertEquals(202, response.getStatusCode(), response.getBody());
        JsonNode filed = json(response);
        assertEquals("deletion", filed.get("type").asText());
        assertEquals("RECEIVED", filed.get("status").asText());
        assertEquals(
                Instant.parse("2026-12-29T10:00:00Z"),
                Instant.parse(filed.get("dueAt").asText()),
                "GDPR Art. 12(3): one month");
        assertEquals(
                services.clock.instant().plus(Duration.ofHours(72)),
                Instant.parse(filed.get("acknowledgeBy").asText()));
        assertTrue(services.queue.sent.isEmpty(), "the API only records; the outbox queues");
        assertEquals(
                List.of(filed.get("requestId").asText()),
                List.copyOf(services.requests.pendingSince.keySet()));
        assertEquals(1, services.dispatchFiled());
        assertEquals(1, services.queue.sent.size());
        assertEquals(RequestType.DELETION, services.queue.sent.get(0).queue());
        assertTrue(services.queue.sent.get(0).body().contains(filed.get("requestId").asText()));
        assertFalse(services.queue.sent.get(0).body().contains("ana@example.com"));
    }

    /** The sample's placeholder token is not the receipt's. */
    @ParameterizedTest
    @Event(value = "events/privacy-request-deletion.json", type = APIGatewayV2HTTPEvent.class)
    void aDeletionWithAWrongTokenIs404AndRecordsNothing(APIGatewayV2HTTPEvent event) {
        JsonNode receipt = services.captureSample();
        event.setBody(
                "{\"type\": \"deletion\", \"receiptId\": \""
                        + receipt.get("receiptId").asText()
                        + "\"}");
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(404, response.getStatusCode());
        assertEquals(
                "urn:consent-vault:problem:receipt-not-found", json(response).get("type").asText());
        assertNothingRecorded();
    }

    @ParameterizedTest
    @Event(value = "events/privacy-request-complaint.json", type = APIGatewayV2HTTPEvent.class)
    void aComplaintWithAContactIs202AndTravelsSealed(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(202, response.getStatusCode(), response.getBody());
        String requestId = json(response).get("requestId").asText();
        assertEquals(List.of(requestId), List.copyOf(services.requests.requests.keySet()));
        String sealed = new String(services.requests.sealed.get(requestId));
        assertFalse(sealed.contains("ana@example.com") || sealed.contains("unsubscribed"));
        assertEquals(1, services.dispatchFiled());
        assertEquals(RequestType.COMPLAINT, services.queue.sent.get(0).queue());
        assertFalse(services.queue.sent.get(0).body().contains("ana@example.com"));
    }

    @Test
    void aComplaintNamingAReceiptWithoutItsTokenNeedsAContact() {
        JsonNode receipt = services.captureSample();
        APIGatewayV2HTTPResponse response =
                file(
                        "privacy-request-complaint.json",
                        null,
                        "{\"type\": \"complaint\", \"receiptId\": \""
                                + receipt.get("receiptId").asText()
                                + "\", \"message\": \"Stop emailing me\"}");
        assertInvalid(response);
        assertEquals("contact", json(response).at("/errors/0/field").asText());
        assertNothingRecorded();

        APIGatewayV2HTTPResponse withToken =
                file(
                        "privacy-request-complaint.json",
                        receipt.get("receiptToken").asText(),
                        "{\"type\": \"complaint\", \"receiptId\": \""
                                + receipt.get("receiptId").asText()
                                + "\", \"message\": \"Stop emailing me\"}");
        assertEquals(202, withToken.getStatusCode(), "with the token we know whom to answer");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\": \"complaint\", \"type\": \"deletion\", \"message\": \"m\","
                        + " \"contact\": \"ana@example.com\"}",
                "{\"type\": \"complaint\", \"message\": \"m\", \"contact\": \"ana@example.com\"}"
                        + " {\"type\": \"deletion\"}",
                "{\"type\": \"complaint\", \"message\": \"m\", \"contact\": \"ana@example.com\"}x",
                "{\"type\": \"complaint\", \"message\": 42, \"contact\": \"ana@example.com\"}",
                "{\"type\": \"complaint\", \"message\": \"m\", \"contact\": true}",
                "{\"type\": [\"complaint\"], \"message\": \"m\", \"contact\": \"ana@example.com\"}",
                "{\"type\": \"complaint\", \"message\": \"m\", \"contact\": \"ana@example.com\","
                        + " \"name\": \"Ana\"}"
            })
    void aBodyTheStrictReaderRefusesIs400AndRecordsNothing(String body) {
        APIGatewayV2HTTPResponse response = file("privacy-request-complaint.json", null, body);
        assertInvalid(response);
        assertFalse(response.getBody().contains("ana@example.com"), "nothing sent is echoed");
        assertNothingRecorded();
    }

    @Test
    void notJsonSaysSoAndAnEmptyBodyIsRefused() {
        APIGatewayV2HTTPResponse nope = file("privacy-request-complaint.json", null, "{nope");
        assertInvalid(nope);
        assertEquals("The request body is not valid JSON.", json(nope).get("detail").asText());
        APIGatewayV2HTTPResponse empty = file("privacy-request-complaint.json", null, "");
        assertInvalid(empty);
        assertNothingRecorded();
    }
}
