package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.Filing;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.QueueMessages;
import dev.consentvault.core.privacy.RequestSubject;
import dev.consentvault.core.privacy.RequestType;
import dev.consentvault.local.AwsRequestCounter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Erasing a subject with 1,000 items of 500 receipts costs the floor: ceil(500/25) BatchWriteItem
 * for the receipt keys, ceil(1000/25) for the items, plus the index pages. The purpose is one
 * granted at once and shared with no processor (the contest entry), so the receipts carry the
 * email's subject key and nothing is read for processor notices (PropagationIT measures those); a
 * capture whose email only waits for confirmation costs one more query (its receipt is reached
 * through its decision).
 */
class ErasureBudgetIT {

    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    @Test
    void erasingAThousandItemsAndTheirReceiptKeysIsSixtyBatchWritesAndOneIndexQuery() {
        String email = "budget." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String body =
                """
                {"subject": {"email": "%s", "phone": "+34600000001", "name": "Budget"},
                 "purposes": {"contest-entry": true},
                 "noticeVersion": "2026-11-01", "source": {"page": "budget"}, "jurisdiction": "EU", "ageConfirmed": true}
                """
                        .formatted(email);
        var capture = cloud.captureHandler();
        String receiptId = null;
        for (int i = 0; i < 500; i++) {
            var response = capture.handleRequest(cloud.captureEvent(body, Map.of()), null);
            assertEquals(201, response.getStatusCode());
            receiptId = response.getHeaders().get("location").substring("/v1/receipts/".length());
        }
        String lastReceipt = receiptId;
        String emailKey =
                cloud.dynamo()
                        .getItem(
                                r ->
                                        r.tableName(cloud.consentTable())
                                                .key(
                                                        Map.of(
                                                                "pk",
                                                                AttributeValue.fromS(
                                                                        "RECEIPT#" + lastReceipt),
                                                                "sk",
                                                                AttributeValue.fromS("RECEIPT"))))
                        .item()
                        .get("emailKey")
                        .s();

        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        new DynamoPrivacyRequestStore(
                        new AwsClients(cloud.cloud.clientEnvironment()).dynamoDb(),
                        cloud.stack.physicalId("PrivacyRequestsTable"))
                .create(
                        PrivacyRequest.received(
                                requestId,
                                RequestType.DELETION,
                                new RequestSubject(null, emailKey, null),
                                new Filing("EU", "staff:test", null),
                                new Deadlines(Deadlines.DEFAULT_ACKNOWLEDGEMENT),
                                now),
                        null);

        AwsRequestCounter counter = new AwsRequestCounter();
        var erasure = cloud.api("DeletionProcessorFunction", Clock.systemUTC(), counter).erasure();
        counter.reset();
        long started = System.nanoTime();
        erasure.process(
                QueueMessages.deletion(
                        new QueueMessages.Deletion(requestId, null, emailKey, null)));
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf(
                "erasure of 1,000 items: %d ms, AWS requests %s%n", millis, counter.snapshot());
        assertEquals(60, counter.count("DynamoDb.BatchWriteItem"), counter.snapshot().toString());
        assertTrue(counter.count("DynamoDb.Query") <= 2, counter.snapshot().toString());
        // each receipt also carries an unconfirmed phone: whether the erasure may follow it is read
        // from the receipts 100 at a time, not one GetItem a receipt
        assertTrue(counter.count("DynamoDb.BatchGetItem") <= 5, counter.snapshot().toString());
        assertTrue(counter.count("DynamoDb.GetItem") <= 3, counter.snapshot().toString());
        assertEquals(
                0,
                cloud.scanConsentTable().stream()
                        .filter(
                                i ->
                                        i.containsKey("emailKey")
                                                && i.get("emailKey").s().equals(emailKey))
                        .count());
        assertEquals(
                0,
                cloud.scan("ReceiptKeysTable").stream()
                        .filter(k -> k.get("pk").s().equals("RECEIPT#" + lastReceipt))
                        .count(),
                "the receipts' keys are shredded too");
    }
}
