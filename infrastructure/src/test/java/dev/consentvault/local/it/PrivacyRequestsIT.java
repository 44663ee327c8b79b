package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.functions.handler.ComplaintProcessorHandler;
import dev.consentvault.functions.handler.DeletionProcessorHandler;
import dev.consentvault.functions.handler.PrivacyRequestHandler;
import dev.consentvault.local.SqsPoller;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Deletion requests and complaints: filed through the API, queued without personal data, processed
 * by the processors fed like an event source mapping, tracked against their deadlines, never lost.
 */
class PrivacyRequestsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloudFixture cloud;
    private static SqsClient sqs;
    private static PrivacyRequestHandler api;
    private static SqsPoller deletions;
    private static SqsPoller complaints;
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
        sqs = new AwsClients(cloud.cloud.clientEnvironment()).sqs();
        api = new PrivacyRequestHandler(cloud.functionEnvironment("PrivacyRequestFunction"));
        for (SqsPoller poller : SqsPoller.forTemplate(cloud.stack, cloud.cloud, Duration.ZERO)) {
            // the template has other queue consumers too (held captures, propagation): pick by name
            if (poller.functionLogicalId().equals("DeletionProcessorFunction")) {
                deletions = poller;
            } else if (poller.functionLogicalId().equals("ComplaintProcessorFunction")) {
                complaints = poller;
            }
        }
        requests =
                new DynamoPrivacyRequestStore(
                        new AwsClients(cloud.cloud.clientEnvironment()).dynamoDb(),
                        cloud.stack.physicalId("PrivacyRequestsTable"));
    }

    @AfterAll
    static void drain() {
        drainAll();
    }

    private static void drainAll() {
        cloud.dispatchFiled();
        for (int i = 0;
                i < 20
                        && deletions.pollOnce(Duration.ZERO) + complaints.pollOnce(Duration.ZERO)
                                > 0;
                i++) {
            // process whatever earlier tests left
        }
    }

    private static String queue(String logicalId) {
        return cloud.stack.physicalId(logicalId);
    }

    private JsonNode capture(String body) throws Exception {
        JsonNode receipt = captureUnconfirmed(body);
        // the person confirms the purposes that wait for it (double opt-in), as they would
        cloud.confirmAll(receipt.get("receiptId").asText(), receipt.get("receiptToken").asText());
        return receipt;
    }

    /** A capture whose pending purposes nobody confirms (someone typed another's address). */
    private JsonNode captureUnconfirmed(String body) throws Exception {
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

    /** Files through the API, then lets the dispatcher queue it as it would within a second. */
    private APIGatewayV2HTTPResponse file(String body, String token) {
        APIGatewayV2HTTPResponse response =
                api.handleRequest(
                        cloud.bearerEvent("privacy-request-deletion.json", token, body), null);
        cloud.dispatchFiled();
        return response;
    }

    /** The messages on a queue, read raw and made visible again at once. */
    private static List<Message> peek(String queueUrl) {
        List<Message> messages =
                sqs.receiveMessage(
                                r ->
                                        r.queueUrl(queueUrl)
                                                .maxNumberOfMessages(10)
                                                .waitTimeSeconds(0))
                        .messages();
        messages.forEach(
                m ->
                        sqs.changeMessageVisibility(
                                r ->
                                        r.queueUrl(queueUrl)
                                                .receiptHandle(m.receiptHandle())
                                                .visibilityTimeout(0)));
        return messages;
    }

    private List<String> itemsOf(String emailKey, String receiptId) {
        return cloud.scanConsentTable().stream()
                .filter(
                        i ->
                                i.get("pk").s().equals("RECEIPT#" + receiptId)
                                        || (i.containsKey("emailKey")
                                                && i.get("emailKey").s().equals(emailKey)))
                .map(i -> i.get("pk").s() + "/" + i.get("sk").s())
                .toList();
    }

    /**
     * The email key the receipt's items carry (a purpose pending confirmation carries it before the
     * receipt item does).
     */
    private String emailKeyOf(String receiptId) {
        return cloud.scanConsentTable().stream()
                .filter(i -> i.get("pk").s().equals("RECEIPT#" + receiptId))
                .filter(i -> i.containsKey("emailKey"))
                .map(i -> i.get("emailKey").s())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aStrangerWhoSignsUpWithSomeoneElsesEmailCanEraseOnlyTheirOwnReceipt() throws Exception {
        drainAll();
        Captures victim = new Captures();
        JsonNode spring = capture(victim.everyField());
        JsonNode summer = capture(victim.emailOnly());
        cloud.confirm(spring.get("receiptId").asText(), "email");
        String victimEmailKey = emailKeyOf(spring.get("receiptId").asText());
        List<String> victimsItems = itemsOf(victimEmailKey, spring.get("receiptId").asText());

        // the attacker types the victim's address into a campaign form and takes the new token
        // the stranger cannot open the victim's inbox: the planted email stays unconfirmed
        JsonNode planted = captureUnconfirmed(victim.emailOnly());
        String plantedId = planted.get("receiptId").asText();
        APIGatewayV2HTTPResponse accepted =
                file(
                        "{\"type\": \"deletion\", \"receiptId\": \"" + plantedId + "\"}",
                        planted.get("receiptToken").asText());
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        String requestId = JSON.readTree(accepted.getBody()).get("requestId").asText();
        PrivacyRequest filed = requests.find(requestId).orElseThrow();
        assertNull(filed.emailKey(), "the token proves its receipt, not the address on it");
        deletions.pollOnce(Duration.ZERO);

        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
        Set<String> left =
                cloud.scanConsentTable().stream()
                        .map(i -> i.get("pk").s() + "/" + i.get("sk").s())
                        .collect(java.util.stream.Collectors.toSet());
        assertFalse(left.contains("RECEIPT#" + plantedId + "/RECEIPT"), "the planted receipt went");
        assertFalse(
                left.stream().anyMatch(k -> k.startsWith("RECEIPT#" + plantedId)),
                "with its decisions");
        List<String> victimsStill =
                victimsItems.stream()
                        .filter(k -> !k.startsWith("RECEIPT#" + plantedId))
                        .filter(left::contains)
                        .toList();
        assertEquals(
                victimsItems.stream().filter(k -> !k.startsWith("RECEIPT#" + plantedId)).toList(),
                victimsStill,
                "every item of the victim's is still there");
        assertTrue(left.contains("RECEIPT#" + summer.get("receiptId").asText() + "/RECEIPT"));
        assertTrue(
                new dev.consentvault.functions.handler.ViewReceiptHandler(
                                        cloud.api(
                                                        "ViewReceiptFunction",
                                                        java.time.Clock.systemUTC())
                                                .receipts())
                                .handleRequest(
                                        cloud.receiptEvent(
                                                "view-receipt.json",
                                                spring.get("receiptId").asText(),
                                                spring.get("receiptToken").asText(),
                                                null),
                                        null)
                                .getStatusCode()
                        == 200,
                "the victim still sees their receipt");
    }

    @Test
    void aDeletionWithTheTokenOfAReceiptWhoseEmailWasConfirmedErasesEverythingOfTheSubject()
            throws Exception {
        drainAll();
        Captures person = new Captures();
        JsonNode first = capture(person.everyField());
        JsonNode second = capture(person.emailOnly());
        JsonNode someoneElse = capture(new Captures().emailOnly());
        String receiptId = first.get("receiptId").asText();
        cloud.confirm(receiptId, "email");
        String emailKey = emailKeyOf(receiptId);
        int held = itemsOf(emailKey, receiptId).size();
        assertTrue(
                held >= 9,
                "receipt + 4 decisions + marker, and receipt + 1 decision + marker (and what waits"
                        + " for confirmation): "
                        + held);

        APIGatewayV2HTTPResponse accepted =
                file(
                        "{\"type\": \"deletion\", \"receiptId\": \"" + receiptId + "\"}",
                        first.get("receiptToken").asText());
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        JsonNode filed = JSON.readTree(accepted.getBody());
        String requestId = filed.get("requestId").asText();
        Instant received = requests.find(requestId).orElseThrow().receivedAt();
        assertEquals(
                received.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant(),
                Instant.parse(filed.get("dueAt").asText()),
                "GDPR: one calendar month");
        assertEquals(
                received.plus(Duration.ofHours(72)),
                Instant.parse(filed.get("acknowledgeBy").asText()));

        String message =
                peek(queue("DeletionRequestsQueue")).stream()
                        .map(Message::body)
                        .filter(b -> b.contains(requestId))
                        .findFirst()
                        .orElseThrow();
        for (String secret : List.of(person.email, person.phone, person.name)) {
            assertFalse(message.contains(secret), "no personal data on the queue");
        }

        deletions.pollOnce(Duration.ZERO);

        assertEquals(List.of(), itemsOf(emailKey, receiptId), "no item of the subject is left");
        assertTrue(
                cloud.scanConsentTable().stream()
                        .anyMatch(
                                i ->
                                        i.get("pk")
                                                .s()
                                                .equals(
                                                        "RECEIPT#"
                                                                + someoneElse
                                                                        .get("receiptId")
                                                                        .asText())),
                "someone else's consent is untouched");
        assertFalse(
                cloud.scanConsentTable().stream()
                        .anyMatch(
                                i ->
                                        i.get("pk")
                                                .s()
                                                .equals(
                                                        "RECEIPT#"
                                                                + second.get("receiptId")
                                                                        .asText())),
                "the subject's other receipt is gone too");
        PrivacyRequest done = requests.find(requestId).orElseThrow();
        assertEquals(RequestStatus.COMPLETED, done.status());
        assertTrue(done.itemsErased() >= held, done.itemsErased() + " < " + held);
        assertNull(done.emailKey());
        assertNull(done.receiptId());
        assertNotNull(done.subjectKeyHash());
    }

    @Test
    void aDeletionNeedsTheReceiptTokenAndBadRequestsWriteNothing() throws Exception {
        JsonNode receipt = capture(new Captures().emailOnly());
        String receiptId = receipt.get("receiptId").asText();
        drainAll();
        int before = peek(queue("DeletionRequestsQueue")).size();

        assertEquals(
                404,
                file("{\"type\": \"deletion\", \"receiptId\": \"" + receiptId + "\"}", null)
                        .getStatusCode());
        assertEquals(
                404,
                file("{\"type\": \"deletion\", \"receiptId\": \"" + receiptId + "\"}", "wrong")
                        .getStatusCode());
        APIGatewayV2HTTPResponse noContact =
                file("{\"type\": \"complaint\", \"message\": \"hello\"}", null);
        assertEquals(400, noContact.getStatusCode());
        assertEquals("contact", JSON.readTree(noContact.getBody()).at("/errors/0/field").asText());
        assertEquals(400, file("{\"type\": \"refund\"}", null).getStatusCode());
        assertEquals(
                400,
                file("{\"type\": \"access\"}", null).getStatusCode(),
                "access requests go through staff");
        assertEquals(before, peek(queue("DeletionRequestsQueue")).size(), "nothing was queued");
    }

    @Test
    void duplicateDeliveryHasOneEffect() throws Exception {
        drainAll();
        JsonNode receipt = capture(new Captures().emailOnly());
        APIGatewayV2HTTPResponse accepted =
                file(
                        "{\"type\": \"deletion\", \"receiptId\": \""
                                + receipt.get("receiptId").asText()
                                + "\"}",
                        receipt.get("receiptToken").asText());
        String requestId = JSON.readTree(accepted.getBody()).get("requestId").asText();
        String body =
                peek(queue("DeletionRequestsQueue")).stream()
                        .map(Message::body)
                        .filter(b -> b.contains(requestId))
                        .findFirst()
                        .orElseThrow();
        sqs.sendMessage(r -> r.queueUrl(queue("DeletionRequestsQueue")).messageBody(body));

        deletions.pollOnce(Duration.ZERO);
        Instant completedAt = requests.find(requestId).orElseThrow().completedAt();
        long erased = requests.find(requestId).orElseThrow().itemsErased();
        assertNotNull(completedAt);
        while (deletions.pollOnce(Duration.ZERO) > 0) {
            // the duplicate
        }
        PrivacyRequest after = requests.find(requestId).orElseThrow();
        assertEquals(completedAt, after.completedAt(), "the second delivery changed nothing");
        assertEquals(erased, after.itemsErased());
        assertTrue(erased >= 2, "the receipt and its decision at least: " + erased);
    }

    @Test
    void aPoisonMessageReachesTheDeadLetterQueueAfterFiveReceivesAndNothingElseIsLost()
            throws Exception {
        drainAll();
        JsonNode receipt = capture(new Captures().emailOnly());
        sqs.sendMessage(
                r ->
                        r.queueUrl(queue("DeletionRequestsQueue"))
                                .messageBody("{\"not\": \"a deletion request\"}"));
        String requestId =
                JSON.readTree(
                                file(
                                                "{\"type\": \"deletion\", \"receiptId\": \""
                                                        + receipt.get("receiptId").asText()
                                                        + "\"}",
                                                receipt.get("receiptToken").asText())
                                        .getBody())
                        .get("requestId")
                        .asText();

        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream standard =
                JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 12 && deletions.pollOnce(Duration.ZERO) > 0; i++) {
                // each pass: the good one once, the poison until redrive moves it
            }
        } finally {
            JsonLog.redirect(standard);
        }
        List<Message> dead =
                sqs.receiveMessage(
                                r ->
                                        r.queueUrl(queue("DeletionRequestsDLQ"))
                                                .maxNumberOfMessages(10))
                        .messages();
        assertEquals(1, dead.size());
        assertEquals("{\"not\": \"a deletion request\"}", dead.get(0).body());
        long failures =
                logs.toString(StandardCharsets.UTF_8)
                        .lines()
                        .filter(
                                l ->
                                        l.contains("message-failed")
                                                && l.contains(dead.get(0).messageId()))
                        .count();
        assertEquals(5, failures, "processed five times, then moved by the redrive policy");
        assertEquals(
                RequestStatus.COMPLETED,
                requests.find(requestId).orElseThrow().status(),
                "the good one went through");
        assertEquals(0, peek(queue("DeletionRequestsQueue")).size());
        sqs.deleteMessage(
                r ->
                        r.queueUrl(queue("DeletionRequestsDLQ"))
                                .receiptHandle(dead.get(0).receiptHandle()));
    }

    @ParameterizedTest
    @Event(value = "../events/deletion-requests.json", type = SQSEvent.class)
    void aPartialBatchFailureReportsOnlyTheFailedMessage(SQSEvent event) {
        SQSBatchResponse response =
                new DeletionProcessorHandler(cloud.functionEnvironment("DeletionProcessorFunction"))
                        .handleRequest(event, null);
        // the first message names a request that does not exist (nothing to do); the second is not
        // JSON
        assertEquals(
                List.of(event.getRecords().get(1).getMessageId()),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
    }

    @ParameterizedTest
    @Event(value = "../events/complaints.json", type = SQSEvent.class)
    void aComplaintMessageForARequestAlreadyGoneIsAcknowledgedNotRetried(SQSEvent event) {
        SQSBatchResponse response =
                new ComplaintProcessorHandler(
                                cloud.functionEnvironment("ComplaintProcessorFunction"))
                        .handleRequest(event, null);
        assertTrue(response.getBatchItemFailures().isEmpty());
    }

    @Test
    void theLocalEventSourceRetriesOnlyTheFailedMessage() throws Exception {
        drainAll();
        JsonNode receipt = capture(new Captures().emailOnly());
        sqs.sendMessage(r -> r.queueUrl(queue("DeletionRequestsQueue")).messageBody("poison"));
        String requestId =
                JSON.readTree(
                                file(
                                                "{\"type\": \"deletion\", \"receiptId\": \""
                                                        + receipt.get("receiptId").asText()
                                                        + "\"}",
                                                receipt.get("receiptToken").asText())
                                        .getBody())
                        .get("requestId")
                        .asText();

        assertEquals(2, deletions.pollOnce(Duration.ZERO), "one batch of two");
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
        assertEquals(1, deletions.pollOnce(Duration.ZERO), "only the failed one comes back");
        drainAll();
        sqs.purgeQueue(r -> r.queueUrl(queue("DeletionRequestsDLQ")));
    }

    @Test
    void anErasureComplaintWithTheTokenFilesADeletionThatRuns() throws Exception {
        drainAll();
        Captures person = new Captures();
        JsonNode receipt = capture(person.emailOnly());
        String receiptId = receipt.get("receiptId").asText();
        APIGatewayV2HTTPResponse accepted =
                file(
                        "{\"type\": \"complaint\", \"receiptId\": \""
                                + receiptId
                                + "\", \"message\": \"You keep emailing me. Please delete my data, "
                                + person.email
                                + "\"}",
                        receipt.get("receiptToken").asText());
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        String complaintId = JSON.readTree(accepted.getBody()).get("requestId").asText();
        String message =
                peek(queue("ComplaintsQueue")).stream()
                        .map(Message::body)
                        .filter(b -> b.contains(complaintId))
                        .findFirst()
                        .orElseThrow();
        assertFalse(
                message.contains(person.email) || message.contains("emailing"),
                "the complaint travels sealed");

        complaints.pollOnce(Duration.ZERO);
        PrivacyRequest complaint = requests.find(complaintId).orElseThrow();
        assertEquals(RequestStatus.OPEN, complaint.status());
        assertEquals("erasure", complaint.category());
        PrivacyRequest deletion = requests.find(complaint.relatedRequestId()).orElseThrow();
        assertEquals(RequestStatus.RECEIVED, deletion.status());

        cloud.dispatchFiled();
        deletions.pollOnce(Duration.ZERO);
        assertEquals(
                RequestStatus.COMPLETED,
                requests.find(deletion.requestId()).orElseThrow().status());
        assertFalse(
                cloud.scanConsentTable().stream()
                        .anyMatch(i -> i.get("pk").s().equals("RECEIPT#" + receiptId)));
    }

    @Test
    void anErasureComplaintWithoutProofOfControlWaitsForStaffToVerifyIdentity() throws Exception {
        drainAll();
        Captures person = new Captures();
        JsonNode receipt = capture(person.emailOnly());
        APIGatewayV2HTTPResponse accepted =
                file(
                        "{\"type\": \"complaint\", \"message\": \"Delete my data now\","
                                + " \"contact\": \""
                                + person.email.toUpperCase()
                                + "\", \"jurisdiction\": \"US-CA\"}",
                        null);
        assertEquals(202, accepted.getStatusCode(), accepted.getBody());
        JsonNode filed = JSON.readTree(accepted.getBody());
        String complaintId = filed.get("requestId").asText();
        Instant received = requests.find(complaintId).orElseThrow().receivedAt();
        assertEquals(
                received.plus(Duration.ofDays(45)),
                Instant.parse(filed.get("dueAt").asText()),
                "CCPA: 45 days");

        complaints.pollOnce(Duration.ZERO);
        PrivacyRequest deletion =
                requests.find(requests.find(complaintId).orElseThrow().relatedRequestId())
                        .orElseThrow();
        assertEquals(RequestStatus.AWAITING_VERIFICATION, deletion.status());
        assertEquals(
                emailKeyOf(receipt.get("receiptId").asText()),
                deletion.emailKey(),
                "the contact's subject key, ready for staff once identity is verified");
        assertTrue(
                cloud.scanConsentTable().stream()
                        .anyMatch(
                                i ->
                                        i.get("pk")
                                                .s()
                                                .equals(
                                                        "RECEIPT#"
                                                                + receipt.get("receiptId")
                                                                        .asText())),
                "nothing is erased on an unverified claim");
    }
}
