package dev.consentvault.functions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.PrivacyRequestCommand;
import dev.consentvault.core.privacy.RequestType;
import dev.consentvault.core.store.ConsentTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

/** The deletion-requests queue's sample batch, on in-memory fakes. */
class DeletionProcessorHandlerTest {

    private final InMemoryServices services = new InMemoryServices();

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    /**
     * The sample's first message, pointed at a deletion really filed, erases; its second (not JSON)
     * is the only one reported for retry, and the log names it by id without its body.
     */
    @ParameterizedTest
    @Event(value = "events/deletion-requests.json", type = SQSEvent.class)
    void aPoisonMessageFailsAloneWhileTheOtherErases(SQSEvent event) {
        JsonNode receipt = services.captureSample();
        String receiptId = receipt.get("receiptId").asText();
        String requestId =
                services.privacyRequests()
                        .fileFromApi(
                                new PrivacyRequestCommand(
                                        RequestType.DELETION, receiptId, null, null, null),
                                receipt.get("receiptToken").asText())
                        .orElseThrow()
                        .requestId();
        services.dispatchFiled();
        event.getRecords().get(0).setBody(services.queue.sent.get(0).body());

        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream previousJsonLog =
                JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        SQSBatchResponse response;
        try {
            response = new DeletionProcessorHandler(services.erasure()).handleRequest(event, null);
        } finally {
            JsonLog.redirect(previousJsonLog);
        }

        String poison = event.getRecords().get(1).getMessageId();
        assertEquals(List.of(poison), failed(response));
        assertEquals(List.of(), services.consents.partition(ConsentTable.receiptPk(receiptId)));
        assertEquals(
                7L,
                services.requests.itemsErased.get(requestId),
                "the receipt, its three decisions, its idempotency marker and its two pending"
                        + " confirmations");
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains(poison), log);
        assertFalse(log.contains("not a deletion request"), "bodies are never logged");

        SQSBatchResponse again =
                new DeletionProcessorHandler(services.erasure()).handleRequest(event, null);
        assertEquals(List.of(poison), failed(again), "a duplicate delivery has no effect");
        assertEquals(7L, services.requests.itemsErased.get(requestId));
    }
}
