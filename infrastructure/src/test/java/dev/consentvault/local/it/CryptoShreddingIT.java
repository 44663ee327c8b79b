package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.core.crypto.DecryptionFailedException;
import dev.consentvault.core.crypto.ReceiptKey;
import dev.consentvault.core.crypto.RecordBinding;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.QueueMessages;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.functions.handler.PrivacyRequestHandler;
import dev.consentvault.local.SqsPoller;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Crypto-shredding: a copy of a person's sealed fields — what the consent table's backups, an
 * export or a stolen scan holds — opens while the person's receipts live, and opens with nothing
 * the system holds once they are erased or have withdrawn everything.
 */
class CryptoShreddingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloudFixture cloud;
    private static PrivacyRequestHandler api;
    private static SqsPoller deletions;
    private static DynamoPrivacyRequestStore requests;

    /**
     * The stack's sender sends (and deletes) every message these tests caused, as it would within a
     * second: nothing is left in the shared table's outbox for other tests to find.
     */
    @org.junit.jupiter.api.AfterAll
    static void sendWhatWasWritten() {
        dev.consentvault.local.StreamPoller sender = cloud.sender();
        for (int i = 0; i < 20 && sender.pollOnce() > 0; i++) {
            // until the stream has nothing new
        }
    }

    @BeforeAll
    static void start() {
        cloud = LocalCloudFixture.get();
        api = new PrivacyRequestHandler(cloud.functionEnvironment("PrivacyRequestFunction"));
        deletions =
                SqsPoller.forTemplate(cloud.stack, cloud.cloud, Duration.ZERO).stream()
                        .filter(p -> p.functionLogicalId().equals("DeletionProcessorFunction"))
                        .findFirst()
                        .orElseThrow();
        requests =
                new DynamoPrivacyRequestStore(
                        new AwsClients(cloud.cloud.clientEnvironment()).dynamoDb(),
                        cloud.stack.physicalId("PrivacyRequestsTable"));
    }

    @Test
    void aCopyTakenBeforeErasureOpensThenAndWithNothingTheSystemHoldsAfter() throws Exception {
        Captures person = new Captures();
        JsonNode first = capture(person.everyField());
        JsonNode second = capture(person.emailOnly());
        String bystander = capture(new Captures().everyField()).get("receiptId").asText();
        String firstId = first.get("receiptId").asText();
        String secondId = second.get("receiptId").asText();
        List<Map<String, AttributeValue>> copy = sealedItemsOf(Set.of(firstId, secondId));
        assertEquals(4, copy.size(), "email, sms and contest fields; the second receipt's email");
        SystemKeys keys = new SystemKeys(cloud);
        for (Map<String, AttributeValue> item : copy) {
            String fields = new String(keys.open(item), StandardCharsets.UTF_8);
            assertTrue(fields.contains(person.email) || fields.contains(person.phone), fields);
        }

        // erasure end to end: filed with the token of a receipt whose email the person confirmed,
        // queued, processed
        cloud.confirm(firstId, "email");
        APIGatewayV2HTTPResponse filed =
                api.handleRequest(
                        cloud.bearerEvent(
                                "privacy-request-deletion.json",
                                first.get("receiptToken").asText(),
                                "{\"type\": \"deletion\", \"receiptId\": \"" + firstId + "\"}"),
                        null);
        assertEquals(202, filed.getStatusCode(), filed.getBody());
        String requestId = JSON.readTree(filed.getBody()).get("requestId").asText();
        cloud.dispatchFiled();
        for (int i = 0;
                i < 20
                        && requests.find(requestId).orElseThrow().status()
                                != RequestStatus.COMPLETED;
                i++) {
            deletions.pollOnce(Duration.ZERO);
        }
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());

        assertEquals(List.of(), keyItemsOf(Set.of(firstId, secondId)), "both receipts' keys");
        assertEquals(1, keyItemsOf(Set.of(bystander)).size(), "someone else's key is untouched");
        // nothing the system holds opens the copy: not the readers' path, not the data key alone,
        // not any receipt key still in the keys table
        SystemKeys afterwards = new SystemKeys(cloud);
        List<ReceiptKey> everyKeyLeft = everyReceiptKey(afterwards);
        for (Map<String, AttributeValue> item : copy) {
            byte[] sealed = item.get("sealed").b().asByteArray();
            RecordBinding binding = binding(item);
            assertThrows(DecryptionFailedException.class, () -> afterwards.open(item));
            assertThrows(
                    DecryptionFailedException.class,
                    () -> afterwards.envelope().open(sealed, binding));
            for (ReceiptKey other : everyKeyLeft) {
                assertThrows(
                        DecryptionFailedException.class,
                        () ->
                                afterwards
                                        .receiptKeys()
                                        .open(sealed, binding, () -> Optional.of(other)));
            }
        }
    }

    @Test
    void aCaptureTransactionCancelledOverItsKeyWritesNeitherTheKeyNorTheReceipt() {
        String keysTable = cloud.keysTable();
        // DynamoDB itself cancels the transaction: the key item's condition fails on the server
        ExecutionInterceptor keyConditionFails =
                new ExecutionInterceptor() {
                    @Override
                    public SdkRequest modifyRequest(
                            Context.ModifyRequest context, ExecutionAttributes attributes) {
                        if (!(context.request() instanceof TransactWriteItemsRequest request)) {
                            return context.request();
                        }
                        List<TransactWriteItem> items = new ArrayList<>();
                        for (TransactWriteItem item : request.transactItems()) {
                            boolean key =
                                    item.put() != null && item.put().tableName().equals(keysTable);
                            items.add(
                                    key
                                            ? item.toBuilder()
                                                    .put(
                                                            item.put().toBuilder()
                                                                    .conditionExpression(
                                                                            "attribute_exists(pk)")
                                                                    .build())
                                                    .build()
                                            : item);
                        }
                        return request.toBuilder().transactItems(items).build();
                    }
                };
        int consentsBefore = cloud.consentItemCount();
        int keysBefore = cloud.scan("ReceiptKeysTable").size();
        Captures person = new Captures();

        APIGatewayV2HTTPResponse response =
                cloud.captureHandler(keyConditionFails)
                        .handleRequest(
                                cloud.captureEvent(
                                        person.everyField(),
                                        Map.of("idempotency-key", UUID.randomUUID().toString())),
                                null);

        assertEquals(503, response.getStatusCode(), response.getBody());
        assertFalse(response.getBody().contains(person.email));
        assertEquals(consentsBefore, cloud.consentItemCount(), "no receipt, decision or marker");
        assertEquals(keysBefore, cloud.scan("ReceiptKeysTable").size(), "no receipt key");
    }

    @Test
    void anErasureStoppedAfterTheKeysWentLeavesNothingReadableAndItsRetryFinishes()
            throws Exception {
        Captures person = new Captures();
        JsonNode receipt = capture(person.everyField());
        String receiptId = receipt.get("receiptId").asText();
        List<Map<String, AttributeValue>> copy = sealedItemsOf(Set.of(receiptId));
        APIGatewayV2HTTPResponse filed =
                api.handleRequest(
                        cloud.bearerEvent(
                                "privacy-request-deletion.json",
                                receipt.get("receiptToken").asText(),
                                "{\"type\": \"deletion\", \"receiptId\": \"" + receiptId + "\"}"),
                        null);
        String requestId = JSON.readTree(filed.getBody()).get("requestId").asText();
        String message =
                QueueMessages.deletion(
                        new QueueMessages.Deletion(requestId, receiptId, null, null));
        String consentTable = cloud.consentTable();
        ExecutionInterceptor itemDeletesFail =
                new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(
                            Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        if (context.request() instanceof BatchWriteItemRequest batch
                                && batch.requestItems().containsKey(consentTable)) {
                            throw SdkClientException.create("injected failure");
                        }
                    }
                };
        Erasure failing =
                cloud.api("DeletionProcessorFunction", Clock.systemUTC(), itemDeletesFail)
                        .erasure();

        assertThrows(RuntimeException.class, () -> failing.process(message));

        assertEquals(List.of(), keyItemsOf(Set.of(receiptId)), "the keys went first");
        assertEquals(
                copy.size(), sealedItemsOf(Set.of(receiptId)).size(), "the items are still there");
        SystemKeys keys = new SystemKeys(cloud);
        for (Map<String, AttributeValue> item : copy) {
            assertThrows(DecryptionFailedException.class, () -> keys.open(item));
        }
        assertFalse(
                requests.find(requestId).orElseThrow().status() == RequestStatus.COMPLETED,
                "not completed until the items are gone");

        cloud.api("DeletionProcessorFunction", Clock.systemUTC()).erasure().process(message);

        assertEquals(List.of(), sealedItemsOf(Set.of(receiptId)), "the retry erased the items");
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
    }

    private JsonNode capture(String body) throws Exception {
        APIGatewayV2HTTPResponse response =
                cloud.captureHandler()
                        .handleRequest(
                                cloud.captureEvent(
                                        body,
                                        Map.of("idempotency-key", UUID.randomUUID().toString())),
                                null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody());
    }

    /** A raw copy of the receipts' items that hold sealed fields, as a backup would hold them. */
    private static List<Map<String, AttributeValue>> sealedItemsOf(Set<String> receiptIds) {
        return cloud.scanConsentTable().stream()
                .filter(i -> i.containsKey("sealed"))
                .filter(i -> receiptIds.contains(i.get("pk").s().substring("RECEIPT#".length())))
                .map(Map::copyOf)
                .toList();
    }

    private static List<Map<String, AttributeValue>> keyItemsOf(Set<String> receiptIds) {
        return cloud.scan("ReceiptKeysTable").stream()
                .filter(i -> receiptIds.contains(i.get("pk").s().substring("RECEIPT#".length())))
                .toList();
    }

    /**
     * Every receipt key the keys table still holds, unwrapped (the store contract's test items,
     * which hold no real wrapped key, are left out).
     */
    private static List<ReceiptKey> everyReceiptKey(SystemKeys keys) {
        List<ReceiptKey> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : cloud.scan("ReceiptKeysTable")) {
            try {
                found.add(
                        keys.receiptKeys()
                                .unwrap(
                                        item.get("pk").s().substring("RECEIPT#".length()),
                                        item.get("wrappedKey").b().asByteArray()));
            } catch (DecryptionFailedException notAKey) {
                // written by ConsentStoreContract as opaque bytes
            }
        }
        return found;
    }

    private RecordBinding binding(Map<String, AttributeValue> item) {
        return new RecordBinding(
                cloud.consentTable(), item.get("pk").s(), item.get("sk").s(), "sealed");
    }
}
