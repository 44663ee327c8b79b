package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The capture handler driven by the sample events in events/ (the same files `sam local invoke`
 * takes), against the local cloud.
 */
class CaptureConsentHandlerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CaptureConsentHandler handler;

    @BeforeAll
    static void init() {
        handler = LocalCloudFixture.get().captureHandler();
    }

    @ParameterizedTest
    @Event(value = "../events/capture-consent.json", type = APIGatewayV2HTTPEvent.class)
    void theSampleCaptureAnswers201WithAReceipt(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode receipt = JSON.readTree(response.getBody());
        assertEquals(
                "/v1/receipts/" + receipt.get("receiptId").asText(),
                response.getHeaders().get("location"));
        assertEquals(43, receipt.get("receiptToken").asText().length(), "256-bit token, base64url");
        assertEquals("a**@example.com", receipt.at("/piiPrincipal/email").asText());
        assertEquals("Example Brand Ltd", receipt.at("/controller/name").asText());
        assertEquals("no-store", response.getHeaders().get("cache-control"));
        List<String> statuses = new ArrayList<>();
        receipt.get("purposes")
                .forEach(
                        p ->
                                statuses.add(
                                        p.get("purposeId").asText()
                                                + "="
                                                + p.get("status").asText()));
        assertEquals(
                List.of(
                        "marketing-email=PENDING_CONFIRMATION",
                        "marketing-sms=PENDING_CONFIRMATION",
                        "personalised-ads=REFUSED"),
                statuses);
    }

    @ParameterizedTest
    @Event(value = "../events/capture-consent.json", type = APIGatewayV2HTTPEvent.class)
    void snapStartPrimingStoresNothingAndARestoredHandlerCaptures(APIGatewayV2HTTPEvent event)
            throws Exception {
        LocalCloudFixture cloud = LocalCloudFixture.get();
        CaptureConsentHandler fresh = cloud.captureHandler();
        int items = cloud.consentItemCount();

        // as Lambda calls them: at publish, then in each restored copy
        fresh.beforeCheckpoint(null);
        cloud.viewHandler(Clock.systemUTC()).beforeCheckpoint(null);
        cloud.withdrawHandler(Clock.systemUTC()).beforeCheckpoint(null);
        assertEquals(items, cloud.consentItemCount(), "priming reached the table");
        fresh.afterRestore(null);

        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.remove("idempotency-key");
        event.setHeaders(headers);
        APIGatewayV2HTTPResponse response = fresh.handleRequest(event, null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode receipt = JSON.readTree(response.getBody());
        int decisions = receipt.get("purposes").size();
        int confirmations = receipt.get("pendingConfirmations").size();
        assertEquals(
                items + 1 + decisions + 2 * confirmations,
                cloud.consentItemCount(),
                "the receipt, its decisions, and a confirmation with its message per channel");
    }

    @ParameterizedTest
    @Event(value = "../events/capture-consent-gpc.json", type = APIGatewayV2HTTPEvent.class)
    void globalPrivacyControlRefusesSaleAndSharingAndTheReceiptSaysWhy(APIGatewayV2HTTPEvent event)
            throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode receipt = JSON.readTree(response.getBody());
        assertTrue(receipt.get("globalPrivacyControl").asBoolean());
        JsonNode ads = receipt.get("purposes").get(1);
        assertEquals("personalised-ads", ads.get("purposeId").asText());
        assertEquals("REFUSED", ads.get("status").asText());
        assertEquals("gpc", ads.get("reason").asText());
        assertEquals("PENDING_CONFIRMATION", receipt.get("purposes").get(0).get("status").asText());
    }

    @ParameterizedTest
    @Event(
            value = "../events/capture-consent-unknown-field.json",
            type = APIGatewayV2HTTPEvent.class)
    void unknownFieldsAreRefusedFieldByField(APIGatewayV2HTTPEvent event) throws Exception {
        int before = LocalCloudFixture.get().consentItemCount();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        JsonNode problem = JSON.readTree(response.getBody());
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertTrue(fields.contains("favouriteColour"), fields.toString());
        assertTrue(fields.contains("subject.birthday"), fields.toString());
        assertFalse(response.getBody().contains("1990-01-01"), "values are never echoed");
        assertEquals(before, LocalCloudFixture.get().consentItemCount(), "nothing written");
    }

    @ParameterizedTest
    @Event(
            value = "../events/capture-consent-wrong-content-type.json",
            type = APIGatewayV2HTTPEvent.class)
    void aFormPostIsRefusedWith415(APIGatewayV2HTTPEvent event) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(415, response.getStatusCode());
        assertEquals(415, JSON.readTree(response.getBody()).get("status").asInt());
    }

    @ParameterizedTest
    @Event(value = "../events/capture-consent-too-large.json", type = APIGatewayV2HTTPEvent.class)
    void aBodyOver16KiBIsRefusedWith413(APIGatewayV2HTTPEvent event) {
        assertEquals(413, handler.handleRequest(event, null).getStatusCode());
    }
}
