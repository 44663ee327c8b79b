package dev.consentvault.functions.handler;

import static dev.consentvault.functions.handler.InMemoryServices.event;
import static dev.consentvault.functions.handler.InMemoryServices.json;
import static dev.consentvault.functions.handler.InMemoryServices.withToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.notify.MessageKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The confirmation routes from their sample events, on in-memory fakes. */
class ConfirmConsentHandlerTest {

    private final InMemoryServices services = new InMemoryServices();
    private final ConfirmConsentHandler handler = services.confirmHandler();
    private final JsonNode captured = services.captureSample();
    private final String receiptId = captured.get("receiptId").asText();
    private final String token = captured.get("receiptToken").asText();

    private String linkToken() {
        String link = services.message(receiptId, MessageKind.CONFIRM_EMAIL).params().get("link");
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private APIGatewayV2HTTPEvent link(String file, String linkToken) {
        APIGatewayV2HTTPEvent event = event(file);
        event.setPathParameters(Map.of("receiptId", receiptId, "token", linkToken));
        return event;
    }

    private APIGatewayV2HTTPEvent code(String code, String bearer) {
        APIGatewayV2HTTPEvent event = withToken(event("confirm-consent-code.json"), bearer);
        event.setPathParameters(Map.of("receiptId", receiptId));
        event.setBody("{\"code\": \"" + code + "\"}");
        return event;
    }

    private String status(String purposeId) {
        JsonNode receipt =
                json(
                        new ViewReceiptHandler(services.receipts())
                                .handleRequest(
                                        InMemoryServices.receiptEvent(
                                                "view-receipt.json", receiptId, token),
                                        null));
        for (JsonNode p : receipt.get("purposes")) {
            if (p.get("purposeId").asText().equals(purposeId)) {
                return p.get("status").asText();
            }
        }
        throw new AssertionError(purposeId);
    }

    @Test
    void theLinkShowsAPageWithAButtonAndOnlyThePostConfirms() {
        APIGatewayV2HTTPResponse page =
                handler.handleRequest(link("confirm-consent-page.json", linkToken()), null);
        assertEquals(200, page.getStatusCode(), page.getBody());
        assertTrue(page.getHeaders().get("content-type").startsWith("text/html"));
        assertEquals("no-referrer", page.getHeaders().get("referrer-policy"));
        assertEquals("DENY", page.getHeaders().get("x-frame-options"));
        assertTrue(page.getBody().contains("<form method=\"post\">"), page.getBody());
        assertTrue(page.getBody().contains("lang=\"es\""), "the sample's locale is es-ES");
        assertEquals("PENDING_CONFIRMATION", status("marketing-email"));

        APIGatewayV2HTTPResponse done =
                handler.handleRequest(link("confirm-consent-link.json", linkToken()), null);
        assertEquals(200, done.getStatusCode(), done.getBody());
        assertTrue(done.getBody().contains("Confirmado"), done.getBody());
        assertEquals("GRANTED", status("marketing-email"));
    }

    @Test
    void wrongUsedAndMalformedLinksAndCodesAreOneIdenticalNotFound() {
        String used = linkToken();
        handler.handleRequest(link("confirm-consent-link.json", used), null);
        String code = services.message(receiptId, MessageKind.CONFIRM_SMS).params().get("code");
        String wrongCode = code.equals("000000") ? "111111" : "000000";

        APIGatewayV2HTTPResponse[] answers = {
            handler.handleRequest(link("confirm-consent-link.json", used), null),
            handler.handleRequest(link("confirm-consent-page.json", used), null),
            handler.handleRequest(link("confirm-consent-page.json", "A".repeat(43)), null),
            handler.handleRequest(link("confirm-consent-page.json", "../../etc"), null),
            handler.handleRequest(code(wrongCode, token), null),
            handler.handleRequest(code(code, "A".repeat(43)), null),
            handler.handleRequest(code(code, null), null)
        };
        for (APIGatewayV2HTTPResponse answer : answers) {
            assertEquals(404, answer.getStatusCode(), answer.getBody());
            assertEquals("application/problem+json", answer.getHeaders().get("content-type"));
            assertEquals(answers[0].getBody(), answer.getBody());
        }
    }

    @Test
    void theRightCodeConfirmsAndFiveWrongOnesLockItSayingSo() {
        String right = services.message(receiptId, MessageKind.CONFIRM_SMS).params().get("code");
        String wrong = right.equals("000000") ? "111111" : "000000";
        for (int i = 1; i <= 4; i++) {
            assertEquals(404, handler.handleRequest(code(wrong, token), null).getStatusCode());
        }
        APIGatewayV2HTTPResponse locked = handler.handleRequest(code(wrong, token), null);
        assertEquals(423, locked.getStatusCode(), locked.getBody());
        assertTrue(json(locked).get("type").asText().endsWith("confirmation-locked"));
        assertEquals(423, handler.handleRequest(code(right, token), null).getStatusCode());
        assertEquals("PENDING_CONFIRMATION", status("marketing-sms"));
    }

    @Test
    void theSampleCodeEventConfirmsWithTheRightCodeAlsoAfterASnapStartRestore() {
        // the index key the codes are keyed with is unwrapped again, not taken from the snapshot
        handler.afterRestore(null);
        String right = services.message(receiptId, MessageKind.CONFIRM_SMS).params().get("code");
        APIGatewayV2HTTPResponse response = handler.handleRequest(code(right, token), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode receipt = json(response);
        assertEquals("[\"phone\"]", receipt.get("verified").toString());
        assertEquals("GRANTED", status("marketing-sms"));
        assertFalse(response.getBody().contains(right), "the code is not echoed");
    }
}
