package dev.consentvault.functions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

/** The capture buffer queue's sample batch, on in-memory fakes. */
class DrainHeldCapturesHandlerTest {

    private final InMemoryServices services = new InMemoryServices();

    /**
     * A sign-up the throttled table could not take is answered 202 and held sealed; the drainer
     * writes it once, a redelivery writes nothing more, and the sample's message (sealed under no
     * key of this deployment) is the only failure.
     */
    @ParameterizedTest
    @Event(value = "events/drain-held-captures.json", type = SQSEvent.class)
    void aHeldSignUpIsWrittenOnceAndTheReceiptIsReadable(SQSEvent event) {
        List<String> queue = new ArrayList<>();
        services.consents.throttle(true, services.heldCaptures().buffer(queue::add));
        APIGatewayV2HTTPResponse held =
                services.captureHandler()
                        .handleRequest(InMemoryServices.event("capture-consent.json"), null);
        assertEquals(202, held.getStatusCode(), held.getBody());
        JsonNode receipt = InMemoryServices.json(held);
        assertTrue(receipt.path("held").asBoolean());
        assertEquals(0, services.consents.size(), "nothing written yet");
        assertEquals(1, queue.size());
        assertFalse(queue.get(0).contains("example.com"), "no personal data on the queue");

        services.consents.throttle(false, null);
        SQSEvent.SQSMessage sample = event.getRecords().get(0);
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("5d1c2b3a-7e6f-4a8b-9c0d-000000000001");
        message.setBody(queue.get(0));
        message.setAttributes(sample.getAttributes());
        List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
        records.add(message);
        event.setRecords(records);
        DrainHeldCapturesHandler drainer =
                new DrainHeldCapturesHandler(services.heldCaptures(), services.consents);

        SQSBatchResponse response = drainer.handleRequest(event, null);
        assertEquals(
                List.of(sample.getMessageId()),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        int written = services.consents.size();
        assertTrue(written > 0);
        drainer.handleRequest(event, null);
        assertEquals(written, services.consents.size(), "a redelivery writes nothing more");

        APIGatewayV2HTTPResponse view =
                new ViewReceiptHandler(services.receipts())
                        .handleRequest(
                                InMemoryServices.receiptEvent(
                                        "view-receipt.json",
                                        receipt.get("receiptId").asText(),
                                        receipt.get("receiptToken").asText()),
                                null);
        assertEquals(200, view.getStatusCode(), view.getBody());
    }
}
