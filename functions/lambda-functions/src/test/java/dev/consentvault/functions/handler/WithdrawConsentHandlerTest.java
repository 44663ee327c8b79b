package dev.consentvault.functions.handler;

import static dev.consentvault.functions.handler.InMemoryServices.json;
import static dev.consentvault.functions.handler.InMemoryServices.receiptEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.StoredItem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/receipts/{id}/withdrawals} from the sample event, on in-memory fakes. */
class WithdrawConsentHandlerTest {

    private final InMemoryServices services = new InMemoryServices();
    private final WithdrawConsentHandler handler = new WithdrawConsentHandler(services.receipts());
    private final JsonNode captured = services.captureSample();
    private final String receiptId = captured.get("receiptId").asText();
    private final String token = captured.get("receiptToken").asText();

    {
        // the person confirmed both purposes first (double opt-in)
        services.confirmAll(receiptId, token);
    }

    private String status(JsonNode receipt, String purposeId) {
        for (JsonNode purpose : receipt.get("purposes")) {
            if (purpose.get("purposeId").asText().equals(purposeId)) {
                return purpose.get("status").asText();
            }
        }
        throw new AssertionError("no purpose " + purposeId);
    }

    private List<StoredItem> items() {
        return services.consents.partition(ConsentTable.receiptPk(receiptId));
    }

    @Test
    void theSampleWithdrawsSmsAndTheReceiptSaysSo() {
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        receiptEvent("withdraw-consent.json", receiptId, token), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode receipt = json(response);
        assertEquals("WITHDRAWN", status(receipt, "marketing-sms"));
        assertEquals("GRANTED", status(receipt, "marketing-email"));
        assertNull(
                services.consents
                        .find(ConsentTable.receiptPk(receiptId), ConsentTable.RECEIPT_SK)
                        .orElseThrow()
                        .string(ConsentTable.PHONE_KEY),
                "the phone was held only for SMS: its key is gone");
    }

    @Test
    void noBodyWithdrawsEverything() {
        APIGatewayV2HTTPEvent event = receiptEvent("withdraw-consent.json", receiptId, token);
        event.setBody(null);
        JsonNode receipt = json(handler.handleRequest(event, null));
        assertEquals("WITHDRAWN", status(receipt, "marketing-sms"));
        assertEquals("WITHDRAWN", status(receipt, "marketing-email"));
        assertEquals("REFUSED", status(receipt, "personalised-ads"));
    }

    @Test
    void aWrongTokenIs404AndWithdrawsNothing() {
        List<StoredItem> before = items();
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        receiptEvent("withdraw-consent.json", receiptId, "not-the-token"), null);
        assertEquals(404, response.getStatusCode());
        assertEquals(before, items());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"purposes\": [\"marketing-sms\"], \"purposes\": [\"marketing-email\"]}",
                "{\"purposes\": [\"marketing-sms\"]} {\"purposes\": [\"marketing-email\"]}",
                "{\"purposes\": [7]}",
                "{\"purposes\": \"marketing-sms\"}",
                "{\"purposes\": [\"newsletter\"]}",
                "{nope"
            })
    void aBadBodyIs400AndWithdrawsNothing(String body) {
        List<StoredItem> before = items();
        APIGatewayV2HTTPEvent event = receiptEvent("withdraw-consent.json", receiptId, token);
        event.setBody(body);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertEquals(before, items());
    }
}
