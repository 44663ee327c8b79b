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
import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.store.ConsentTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/consents} from the sample events, on in-memory fakes. */
class CaptureConsentHandlerTest {

    private final InMemoryServices services = new InMemoryServices();
    private final CaptureConsentHandler handler = services.captureHandler();

    private static JsonNode purpose(JsonNode receipt, String id) {
        for (JsonNode purpose : receipt.get("purposes")) {
            if (purpose.get("purposeId").asText().equals(id)) {
                return purpose;
            }
        }
        throw new AssertionError("no purpose " + id);
    }

    private int itemsOf(JsonNode receipt) {
        return services.consents
                .partition(ConsentTable.receiptPk(receipt.get("receiptId").asText()))
                .size();
    }

    private static void assertProblem(int status, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertEquals(status, json(response).get("status").asInt());
        assertFalse(response.getBody().contains("ana@example.com"), "nothing sent is echoed");
    }

    @ParameterizedTest
    @Event(value = "events/capture-consent.json", type = APIGatewayV2HTTPEvent.class)
    void aCaptureAnswers201WithTheReceiptAndItsTokenOnceAndReplaysIt(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode receipt = json(response);
        String receiptId = receipt.get("receiptId").asText();
        assertEquals("/v1/receipts/" + receiptId, response.getHeaders().get("location"));
        assertEquals("false", response.getHeaders().get("idempotent-replayed"));
        assertFalse(receipt.get("receiptToken").asText().isEmpty());
        assertEquals(
                "PENDING_CONFIRMATION", purpose(receipt, "marketing-email").get("status").asText());
        assertEquals("REFUSED", purpose(receipt, "personalised-ads").get("status").asText());
        assertEquals("a**@example.com", receipt.at("/piiPrincipal/email").asText());
        assertEquals(
                "email",
                receipt.at("/pendingConfirmations/0/channel").asText(),
                "check your inbox");
        assertEquals(4, itemsOf(receipt), "the receipt and its three decisions");
        assertTrue(
                services.message(receiptId, MessageKind.CONFIRM_EMAIL)
                        .params()
                        .get("link")
                        .startsWith(
                                "https://abc123.execute-api.eu-west-1.amazonaws.com/v1/receipts/"
                                        + receiptId
                                        + "/confirmations/"),
                "without PUBLIC_BASE_URL the link goes to the API's own address");

        // the sample carries an Idempotency-Key: the same request again is the same receipt
        APIGatewayV2HTTPResponse again = handler.handleRequest(event, null);
        assertEquals(201, again.getStatusCode());
        assertEquals("true", again.getHeaders().get("idempotent-replayed"));
        assertEquals(receiptId, json(again).get("receiptId").asText());
    }

    @ParameterizedTest
    @Event(value = "events/capture-consent-too-large.json", type = APIGatewayV2HTTPEvent.class)
    void aBodyOver16KiBIs413(APIGatewayV2HTTPEvent event) {
        assertProblem(413, handler.handleRequest(event, null));
        assertEquals(0, services.kms.generateCalls(), "nothing was sealed");
    }

    @ParameterizedTest
    @Event(value = "events/capture-consent-unknown-field.json", type = APIGatewayV2HTTPEvent.class)
    void unknownFieldsAre400ByName(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertProblem(400, response);
        List<String> fields = new ArrayList<>();
        json(response).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(List.of("favouriteColour", "subject.birthday"), fields);
        assertFalse(response.getBody().contains("1990-01-01"));
    }

    @ParameterizedTest
    @Event(
            value = "events/capture-consent-wrong-content-type.json",
            type = APIGatewayV2HTTPEvent.class)
    void aFormPostIs415(APIGatewayV2HTTPEvent event) {
        assertProblem(415, handler.handleRequest(event, null));
    }

    @ParameterizedTest
    @Event(value = "events/capture-consent-gpc.json", type = APIGatewayV2HTTPEvent.class)
    void globalPrivacyControlRefusesSaleAndSharing(APIGatewayV2HTTPEvent event) {
        JsonNode receipt = json(handler.handleRequest(event, null));
        assertTrue(receipt.get("globalPrivacyControl").asBoolean());
        JsonNode ads = purpose(receipt, "personalised-ads");
        assertEquals("REFUSED", ads.get("status").asText());
        assertEquals("gpc", ads.get("reason").asText());
        assertEquals(
                "PENDING_CONFIRMATION", purpose(receipt, "marketing-email").get("status").asText());
    }

    /** API Gateway joins a repeated header with a comma: the signal is still "1". */
    @ParameterizedTest
    @ValueSource(strings = {"1", " 1 ", "1,1", "1, 1", "1,1,1"})
    void aRepeatedGpcHeaderStillCounts(String value) {
        APIGatewayV2HTTPEvent event =
                withHeader(InMemoryServices.event("capture-consent-gpc.json"), "sec-gpc", value);
        JsonNode receipt = json(handler.handleRequest(event, null));
        assertTrue(receipt.get("globalPrivacyControl").asBoolean(), value);
        assertEquals("gpc", purpose(receipt, "personalised-ads").get("reason").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "", "true", "yes", "1,0", "0,1", "1,", "11", "1;1"})
    void anyOtherGpcValueIsNoSignal(String value) {
        APIGatewayV2HTTPEvent event =
                withHeader(InMemoryServices.event("capture-consent-gpc.json"), "sec-gpc", value);
        JsonNode receipt = json(handler.handleRequest(event, null));
        assertFalse(receipt.get("globalPrivacyControl").asBoolean(), value);
        assertEquals("GRANTED", purpose(receipt, "personalised-ads").get("status").asText(), value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{nope",
                "{\"jurisdiction\": \"EU\", \"jurisdiction\": \"GB\"}",
                "{\"jurisdiction\": \"EU\"} {}"
            })
    void bodiesTheStrictReaderRefusesAre400(String body) {
        APIGatewayV2HTTPEvent event = InMemoryServices.event("capture-consent.json");
        event.setBody(body);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertProblem(400, response);
        assertEquals(
                "urn:consent-vault:problem:invalid-request", json(response).get("type").asText());
    }

    @Test
    void anEmptyBodyIs400() {
        APIGatewayV2HTTPEvent event = InMemoryServices.event("capture-consent.json");
        event.setBody("");
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertProblem(400, response);
        assertEquals(
                "The request body is empty; send a JSON object.",
                json(response).get("detail").asText());
    }
}
