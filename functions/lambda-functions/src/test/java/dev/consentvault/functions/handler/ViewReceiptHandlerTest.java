package dev.consentvault.functions.handler;

import static dev.consentvault.functions.handler.InMemoryServices.json;
import static dev.consentvault.functions.handler.InMemoryServices.receiptEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** {@code GET /v1/receipts/{id}} from the sample event, on in-memory fakes. */
class ViewReceiptHandlerTest {

    private final InMemoryServices services = new InMemoryServices();
    private final ViewReceiptHandler handler = new ViewReceiptHandler(services.receipts());
    private final JsonNode captured = services.captureSample();
    private final String receiptId = captured.get("receiptId").asText();
    private final String token = captured.get("receiptToken").asText();

    @Test
    void theHolderSeesTheReceiptMasked() {
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(receiptEvent("view-receipt.json", receiptId, token), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode receipt = json(response);
        assertEquals(receiptId, receipt.get("receiptId").asText());
        assertEquals("a**@example.com", receipt.at("/piiPrincipal/email").asText());
        assertFalse(response.getBody().contains("ana@example.com"));
        assertFalse(receipt.has("receiptToken"), "the token is shown once, at capture");
        assertEquals("no-store", response.getHeaders().get("cache-control"));
    }

    /** The sample's own id and placeholder token name no receipt here. */
    @ParameterizedTest
    @Event(value = "events/view-receipt.json", type = APIGatewayV2HTTPEvent.class)
    void theSampleAsItIsIsNotFound(APIGatewayV2HTTPEvent event) {
        assertEquals(404, handler.handleRequest(event, null).getStatusCode());
    }

    @Test
    void aWrongTokenNoTokenAndAnUnknownIdAreTheSame404() {
        APIGatewayV2HTTPResponse wrong =
                handler.handleRequest(
                        receiptEvent("view-receipt.json", receiptId, token + "x"), null);
        APIGatewayV2HTTPResponse none =
                handler.handleRequest(receiptEvent("view-receipt.json", receiptId, null), null);
        APIGatewayV2HTTPEvent unknown =
                receiptEvent("view-receipt.json", "7fa6c9af-f8da-4804-a42f-f869386e8159", token);
        APIGatewayV2HTTPResponse other = handler.handleRequest(unknown, null);
        for (APIGatewayV2HTTPResponse response :
                new APIGatewayV2HTTPResponse[] {wrong, none, other}) {
            assertEquals(404, response.getStatusCode());
            assertEquals("application/problem+json", response.getHeaders().get("content-type"));
            assertEquals(wrong.getBody(), response.getBody(), "no existence oracle");
        }
        assertEquals(
                "urn:consent-vault:problem:receipt-not-found", json(wrong).get("type").asText());
    }
}
