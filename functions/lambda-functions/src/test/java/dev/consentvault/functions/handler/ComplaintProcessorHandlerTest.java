package dev.consentvault.functions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.consentvault.core.privacy.RequestType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

/** The complaints queue's sample batch, on in-memory fakes. */
class ComplaintProcessorHandlerTest {

    private final InMemoryServices services = new InMemoryServices();

    /**
     * The sample complaint filed through the API ("please delete my data", with a contact) is
     * opened as an erasure complaint and files a deletion that waits for staff to verify who asked;
     * a poison message beside it is the only failure.
     */
    @ParameterizedTest
    @Event(value = "events/complaints.json", type = SQSEvent.class)
    void theComplaintOpensWhileAPoisonMessageFailsAlone(SQSEvent event) {
        APIGatewayV2HTTPResponse filed =
                new PrivacyRequestHandler(services.privacyRequests())
                        .handleRequest(
                                InMemoryServices.event("privacy-request-complaint.json"), null);
        assertEquals(202, filed.getStatusCode(), filed.getBody());
        String complaintId = InMemoryServices.json(filed).get("requestId").asText();
        assertEquals(1, services.dispatchFiled(), "the outbox queues the filed complaint");
        SQSEvent.SQSMessage complaint = event.getRecords().get(0);
        complaint.setBody(services.queue.sent.get(0).body());
        SQSEvent.SQSMessage poison = new SQSEvent.SQSMessage();
        poison.setMessageId("0a6f8c2e-4b1d-4c3e-9f1a-00000000dead");
        poison.setBody("{\"schema\": \"consent-vault.complaint/1\"}");
        poison.setAttributes(complaint.getAttributes());
        List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
        records.add(poison);
        event.setRecords(records);

        SQSBatchResponse response =
                new ComplaintProcessorHandler(services.complaints(), services::indexKey)
                        .handleRequest(event, null);

        assertEquals(
                List.of(poison.getMessageId()),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        assertEquals("erasure", services.requests.categories.get(complaintId));
        assertEquals(
                1,
                services.requests.requests.values().stream()
                        .filter(r -> r.type() == RequestType.DELETION)
                        .count(),
                "a deletion awaiting verification: the complaint came without a receipt token");
        services.dispatchFiled();
        assertTrue(
                services.queue.sent.stream().noneMatch(s -> s.queue() == RequestType.DELETION),
                "nothing is erased on an unverified claim");
    }
}
