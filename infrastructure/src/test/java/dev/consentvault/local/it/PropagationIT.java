package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.aws.SecretsManagerSigningSecrets;
import dev.consentvault.core.privacy.DeadlineWatch;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.propagation.WebhookSignature;
import dev.consentvault.core.purpose.RetentionPolicy;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.handler.AccessLinksHandler;
import dev.consentvault.functions.handler.DeletionProcessorHandler;
import dev.consentvault.functions.handler.MyDataHandler;
import dev.consentvault.functions.handler.PrivacyRequestHandler;
import dev.consentvault.functions.handler.ProcessorAckHandler;
import dev.consentvault.functions.handler.PropagationSenderHandler;
import dev.consentvault.functions.handler.WithdrawConsentHandler;
import dev.consentvault.local.FakeProcessor;
import dev.consentvault.local.LocalFunction;
import dev.consentvault.local.SqsPoller;
import dev.consentvault.local.StreamPoller;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Erasure reaches the processors the data went to: each gets a signed webhook carrying only the
 * hashed email it matches on, the deletion request stays IN_PROGRESS until every one has
 * acknowledged (signed callback), a processor that fails is retried and then dead-lettered, forged
 * and replayed acknowledgements are refused, and a failure after the erasure's write loses nothing.
 * Processors are played by {@link FakeProcessor} on a port of its own.
 */
class PropagationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROCESSORS = List.of("meta-ads", "tiktok-ads");

    private static LocalCloudFixture cloud;
    private static HttpServer server;
    private static FakeProcessor fake;
    private static ProcessorAckHandler acks;
    private static PrivacyRequestHandler api;
    private static DynamoPrivacyRequestStore requests;
    private static SqsClient sqs;
    private static Map<String, String> senderEnv;
    private static SqsPoller sender;
    private static SqsPoller deletions;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloudFixture.get();
        sqs = new AwsClients(cloud.cloud.clientEnvironment()).sqs();
        acks = new ProcessorAckHandler(cloud.functionEnvironment("ProcessorAckFunction"));
        api = new PrivacyRequestHandler(cloud.functionEnvironment("PrivacyRequestFunction"));
        requests =
                new DynamoPrivacyRequestStore(
                        cloud.dynamo(), cloud.stack.physicalId("PrivacyRequestsTable"));
        fake =
                new FakeProcessor(
                        new SecretsManagerSigningSecrets(
                                () ->
                                        new AwsClients(cloud.cloud.clientEnvironment())
                                                .secretsManager(),
                                cloud.functionEnvironment("ProcessorAckFunction")
                                        .get("PROCESSOR_SECRET_PREFIX")),
                        Clock.systemUTC(),
                        PropagationIT::acknowledge);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext(FakeProcessor.PATH, fake);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        senderEnv = new LinkedHashMap<>(cloud.functionEnvironment("PropagationSenderFunction"));
        senderEnv.put(
                "PROCESSOR_WEBHOOKS",
                FakeProcessor.webhooks(
                        "http://127.0.0.1:" + server.getAddress().getPort(), PROCESSORS));
        sender = sender(new ExecutionInterceptor[0]);
        deletions = deletions(new ExecutionInterceptor[0]);
        VerifiedAccessIT.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void everyProcessorAcknowledges() {
        PROCESSORS.forEach(p -> fake.mode(p, FakeProcessor.Mode.ACK));
        drain();
    }

    @Test
    void anErasureTellsEachProcessorWithASignedWebhookAndCompletesOnTheLastAcknowledgement()
            throws Exception {
        String email = unique();
        String requestId = fileDeletion(capture(email));
        erase();

        PrivacyRequest waiting = requests.find(requestId).orElseThrow();
        assertEquals(RequestStatus.IN_PROGRESS, waiting.status(), "erased, not yet acknowledged");
        assertTrue(waiting.itemsErased() >= 3, "receipt, two decisions");
        List<Map<String, AttributeValue>> notices = notices(requestId);
        assertEquals(2, notices.size(), "one notice per processor");
        assertNoPersonalData(email, cloud.scan("PrivacyRequestsTable").toString());
        // the queue carries only the notice's keys
        for (Message m : peek()) {
            assertNoPersonalData(email, m.body());
            assertEquals(
                    Set.of("schema", "propagationId", "processorId"),
                    fieldNames(JSON.readTree(m.body())));
        }

        deliver();
        awaitAcknowledgements();

        List<FakeProcessor.Delivery> received = deliveriesFor(requestId);
        assertEquals(
                new TreeSet<>(PROCESSORS),
                new TreeSet<>(received.stream().map(FakeProcessor.Delivery::processor).toList()));
        for (FakeProcessor.Delivery delivery : received) {
            assertTrue(
                    delivery.signatureValid(), "signed with " + delivery.processor() + "'s secret");
            JsonNode body = delivery.json();
            assertEquals(
                    Set.of(
                            "schema",
                            "propagationId",
                            "processor",
                            "event",
                            "purposes",
                            "subject",
                            "issuedAt",
                            "acknowledgeBy",
                            "acknowledgement"),
                    fieldNames(body));
            assertEquals("erasure", body.get("event").asText());
            assertEquals("[\"personalised-ads\"]", body.get("purposes").toString());
            assertEquals(Set.of("emailSha256"), fieldNames(body.get("subject")));
            assertEquals(
                    "[\"" + sha256Hex(email) + "\"]",
                    body.get("subject").get("emailSha256").toString());
            assertFalse(delivery.body().contains(email), "no plaintext email");
            assertFalse(delivery.body().contains("@"), "no address of any kind");
        }
        assertEquals(
                List.of(200, 200),
                fake.ackStatuses()
                        .subList(fake.ackStatuses().size() - 2, fake.ackStatuses().size()));
        PrivacyRequest done = requests.find(requestId).orElseThrow();
        assertEquals(RequestStatus.COMPLETED, done.status());
        assertNotNull(done.completedAt());
        for (Map<String, AttributeValue> notice : notices(requestId)) {
            assertEquals("ACKED", notice.get("propagationStatus").s());
        }
    }

    @Test
    void aConfirmedPersonHearsOfTheCompletionOnceFromTheLastAcknowledgement() throws Exception {
        String email = unique();
        String[] receipt = capture(email);
        cloud.confirm(receipt[0], "email");
        String requestId = fileDeletion(receipt);
        java.util.Set<String> before = VerifiedAccessIT.pks("OUTBOX#");
        erase();
        assertEquals(RequestStatus.IN_PROGRESS, requests.find(requestId).orElseThrow().status());
        assertEquals(List.of(), completedMessages(before, requestId), "not done yet: no message");

        deliver();
        awaitAcknowledgements();
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
        // a later sweep completes nothing again, so tells nothing again
        cloud.sweeper(Clock.systemUTC()).handleRequest(null, null);
        List<dev.consentvault.core.notify.OutboundMessage> done =
                completedMessages(before, requestId);
        assertEquals(1, done.size(), "done, told once");
        assertEquals(email, done.get(0).to());
        assertEquals(
                Set.of(dev.consentvault.core.notify.OutboundMessage.REQUEST_ID),
                done.get(0).params().keySet(),
                "the request's id and nothing else");
        assertTrue(
                requests.sealedDetails(requestId).isEmpty(),
                "the sealed contact went with the completion");
    }

    /** The "completed" messages written since {@code before} that name this request. */
    private static List<dev.consentvault.core.notify.OutboundMessage> completedMessages(
            java.util.Set<String> before, String requestId) {
        return VerifiedAccessIT.messagesSince(before).stream()
                .filter(
                        m ->
                                m.kind()
                                                == dev.consentvault.core.notify.MessageKind
                                                        .REQUEST_COMPLETED
                                        && requestId.equals(
                                                m.params()
                                                        .get(
                                                                dev.consentvault.core.notify
                                                                        .OutboundMessage
                                                                        .REQUEST_ID)))
                .toList();
    }

    @Test
    void aProcessorThatNeverAcknowledgesKeepsTheRequestOpenAndOverdueInTheDeadlineWatch()
            throws Exception {
        fake.mode("tiktok-ads", FakeProcessor.Mode.SILENT);
        String requestId = fileDeletion(capture(unique()));
        erase();
        deliver();
        awaitAcknowledgements();

        assertEquals(List.of("tiktok-ads"), awaiting(requestId), "waiting for whom");
        Map<String, String> statuses = noticeStatuses(requestId);
        assertEquals(Map.of("meta-ads", "ACKED", "tiktok-ads", "SENT"), statuses);
        PrivacyRequest open =
                requests.open().stream()
                        .filter(r -> r.requestId().equals(requestId))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("not among the open requests"));
        assertEquals(RequestStatus.IN_PROGRESS, open.status());
        Instant pastDue = open.dueAt().plusSeconds(1);
        assertTrue(open.overdue(pastDue));
        assertEquals(
                1, DeadlineWatch.tally(List.of(open), pastDue).overdue(), "the watch counts it");
        String shown = supportCli("show", requestId);
        assertTrue(shown.contains("IN_PROGRESS"), shown);
        assertTrue(shown.matches("(?s).*Waiting for\\s+tiktok-ads\\b.*"), shown);

        // it acknowledges a week later, by hand: the request completes then
        String[] ack = fake.signedAck("tiktok-ads", requestId, Instant.now());
        assertEquals(200, acknowledge(ack[0].getBytes(StandardCharsets.UTF_8), ack[1]));
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
    }

    @Test
    void aFailingProcessorIsRetriedThenDeadLetteredAndNothingIsLost() throws Exception {
        fake.mode("tiktok-ads", FakeProcessor.Mode.FAIL);
        String requestId = fileDeletion(capture(unique()));
        erase();
        String dlq = cloud.stack.physicalId("ProcessorPropagationsDLQ");
        int receives = 8; // the queue's maxReceiveCount
        for (int i = 0; i < receives + 1; i++) {
            deliver();
        }
        awaitAcknowledgements();
        long attempts =
                deliveriesFor(requestId).stream()
                        .filter(d -> d.processor().equals("tiktok-ads"))
                        .count();
        assertEquals(receives, attempts, "tried once per receive, then dead-lettered");
        assertEquals(
                1, approximateMessages(dlq), "the DLQ alarm's metric is above its threshold 0");
        assertEquals(RequestStatus.IN_PROGRESS, requests.find(requestId).orElseThrow().status());
        assertEquals(List.of("tiktok-ads"), awaiting(requestId));
        assertEquals("PENDING", noticeStatuses(requestId).get("tiktok-ads"));

        // the processor is back; staff redrive the dead-letter queue: delivered and acknowledged
        fake.mode("tiktok-ads", FakeProcessor.Mode.ACK);
        redrive(dlq, cloud.stack.physicalId("ProcessorPropagationsQueue"));
        deliver();
        awaitAcknowledgements();
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
        assertEquals(0, approximateMessages(dlq));
    }

    @Test
    void forgedStaleAlteredAndReplayedAcknowledgementsAreRefused() throws Exception {
        fake.mode("tiktok-ads", FakeProcessor.Mode.SILENT);
        String requestId = fileDeletion(capture(unique()));
        erase();
        deliver();
        awaitAcknowledgements();
        byte[] body = FakeProcessor.ackBody("tiktok-ads", requestId);
        Instant now = Instant.now();

        assertEquals(401, acknowledge(body, null), "unsigned");
        assertEquals(401, acknowledge(body, "t=" + now.getEpochSecond() + ",v1=00"), "garbage");
        byte[] attackerSecret =
                "an attacker's guess at the secret, 64 chars long........"
                        .getBytes(StandardCharsets.UTF_8);
        assertEquals(
                401,
                acknowledge(body, WebhookSignature.sign(attackerSecret, now, body)),
                "signed with another secret");
        String[] metaSigned = fake.signedAck("meta-ads", requestId, now);
        assertEquals(
                401,
                acknowledge(body, metaSigned[1]),
                "meta-ads' signature over its own body, replayed on tiktok-ads' body");
        String[] stale = fake.signedAck("tiktok-ads", requestId, now.minus(Duration.ofMinutes(6)));
        assertEquals(
                401, acknowledge(stale[0].getBytes(StandardCharsets.UTF_8), stale[1]), "stale");
        String[] future = fake.signedAck("tiktok-ads", requestId, now.plus(Duration.ofMinutes(6)));
        assertEquals(
                401, acknowledge(future[0].getBytes(StandardCharsets.UTF_8), future[1]), "future");
        String[] unknown = fake.signedAck("tiktok-ads", "no-such-notice", now);
        assertEquals(404, acknowledge(unknown[0].getBytes(StandardCharsets.UTF_8), unknown[1]));
        assertEquals(RequestStatus.IN_PROGRESS, requests.find(requestId).orElseThrow().status());
        assertEquals(
                List.of("tiktok-ads"), awaiting(requestId), "nothing refused changed anything");

        String[] valid = fake.signedAck("tiktok-ads", requestId, now);
        assertEquals(200, acknowledge(valid[0].getBytes(StandardCharsets.UTF_8), valid[1]));
        assertEquals(
                409,
                acknowledge(valid[0].getBytes(StandardCharsets.UTF_8), valid[1]),
                "the same acknowledgement replayed within five minutes");
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
    }

    @Test
    void whenQueueingFailsAfterTheErasuresWriteTheNoticesWaitInTheOutboxForTheSweeper()
            throws Exception {
        String requestId = fileDeletion(capture(unique()));
        cloud.dispatchFiled();
        drainDeletions();
        InjectedFault sqsDown = new InjectedFault(InjectedFault.Mode.FAIL, Set.of("SendMessage"));
        StreamPoller dispatcher = cloud.dispatcher(sqsDown);
        sqsDown.armed = true;
        dispatcher.pollOnce();
        assertTrue(sqsDown.caught >= 2, "both notices were tried");
        for (Map<String, AttributeValue> notice : notices(requestId)) {
            assertEquals("PENDING", notice.get("dispatch").s(), "still in the outbox");
            assertEquals("PENDING", notice.get("propagationStatus").s());
        }
        assertEquals(RequestStatus.IN_PROGRESS, requests.find(requestId).orElseThrow().status());

        cloud.sweeper(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)))
                .handleRequest(null, null);
        for (Map<String, AttributeValue> notice : notices(requestId)) {
            assertFalse(notice.containsKey("dispatch"), "queued by the sweeper");
        }
        deliver();
        awaitAcknowledgements();
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
    }

    @Test
    void aProcessorThatHangsIsGivenUpOnInTimeAndDeliveredToLater() throws Exception {
        fake.mode("tiktok-ads", FakeProcessor.Mode.HANG);
        fake.hangFor(Duration.ofSeconds(6));
        String requestId = fileDeletion(capture(unique()));
        erase();
        deliverOnceTo("tiktok-ads", requestId);
        awaitAcknowledgements();
        assertEquals("PENDING", noticeStatuses(requestId).get("tiktok-ads"), "not marked sent");
        assertEquals(List.of("tiktok-ads"), awaiting(requestId));

        fake.mode("tiktok-ads", FakeProcessor.Mode.ACK);
        deliver();
        awaitAcknowledgements();
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
    }

    @Test
    void whenTheErasuresTransactionFailsNothingIsHalfWrittenAndTheRetryDoesItAll()
            throws Exception {
        String email = unique();
        String requestId = fileDeletion(capture(email));
        int consentItems = cloud.consentItemCount();
        InjectedFault fault =
                new InjectedFault(InjectedFault.Mode.FAIL, Set.of("TransactWriteItems"));
        SqsPoller faulty = deletions(fault);
        fault.armed = true;
        cloud.dispatchFiled();
        faulty.pollOnce(Duration.ofSeconds(2));
        assertTrue(fault.caught >= 1);
        assertEquals(0, notices(requestId).size(), "no notice written");
        assertEquals(RequestStatus.RECEIVED, requests.find(requestId).orElseThrow().status());
        assertEquals(consentItems, cloud.consentItemCount(), "nothing erased either");

        fault.armed = false;
        drainDeletions();
        cloud.dispatchFiled();
        assertEquals(2, notices(requestId).size());
        deliver();
        awaitAcknowledgements();
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
    }

    @Test
    void whenTheLastAcknowledgementsCompletionIsLostTheSweeperCompletesTheRequest()
            throws Exception {
        fake.mode("tiktok-ads", FakeProcessor.Mode.SILENT);
        fake.mode("meta-ads", FakeProcessor.Mode.SILENT);
        String requestId = fileDeletion(capture(unique()));
        erase();
        deliver();
        InjectedFault fault = new InjectedFault(InjectedFault.Mode.FAIL, Set.of("UpdateItem"));
        ProcessorAckHandler faulty =
                new ProcessorAckHandler(
                        new Wiring(
                                        cloud.functionEnvironment("ProcessorAckFunction"),
                                        List.of(fault),
                                        Clock.systemUTC())
                                .processorAcks());
        String[] meta = fake.signedAck("meta-ads", requestId, Instant.now());
        assertEquals(200, acknowledge(meta[0].getBytes(StandardCharsets.UTF_8), meta[1]));
        fault.armed = true;
        String[] tiktok = fake.signedAck("tiktok-ads", requestId, Instant.now());
        assertEquals(
                503,
                faulty.handleRequest(
                                ackEvent(tiktok[0].getBytes(StandardCharsets.UTF_8), tiktok[1]),
                                null)
                        .getStatusCode());
        assertEquals(List.of(), awaiting(requestId), "the acknowledgement itself was recorded");
        assertEquals(RequestStatus.IN_PROGRESS, requests.find(requestId).orElseThrow().status());
        // the processor tries again: told it is acknowledged already
        assertEquals(409, acknowledge(tiktok[0].getBytes(StandardCharsets.UTF_8), tiktok[1]));

        cloud.sweeper(Clock.systemUTC()).handleRequest(null, null);
        assertEquals(RequestStatus.COMPLETED, requests.find(requestId).orElseThrow().status());
    }

    @Test
    void withdrawingASharingPurposeTellsItsProcessorsFromTheWithdrawalsOwnTransaction()
            throws Exception {
        String email = unique();
        String[] receipt = capture(email);
        long before = withdrawalNotices().size();
        assertEquals(
                200,
                withdraw(receipt, "{\"purposes\": [\"marketing-email\"]}", null),
                "a purpose shared with nobody");
        assertEquals(before, withdrawalNotices().size(), "owes no processor anything");

        assertEquals(200, withdraw(receipt, "{\"purposes\": [\"personalised-ads\"]}", null));
        List<Map<String, AttributeValue>> notices = withdrawalNotices();
        assertEquals(before + 2, notices.size(), "one per ad platform");
        assertNoPersonalData(email, cloud.scan("PrivacyRequestsTable").toString());
        cloud.dispatchFiled();
        deliver();
        awaitAcknowledgements();
        String propagationId = notices.get(notices.size() - 1).get("propagationId").s();
        List<FakeProcessor.Delivery> received = deliveriesFor(propagationId);
        assertEquals(2, received.size());
        for (FakeProcessor.Delivery delivery : received) {
            assertTrue(delivery.signatureValid());
            assertEquals("withdrawal", delivery.json().get("event").asText());
            assertEquals("[\"personalised-ads\"]", delivery.json().get("purposes").toString());
            assertEquals(
                    "[\"" + sha256Hex(email) + "\"]",
                    delivery.json().get("subject").get("emailSha256").toString());
        }
        for (Map<String, AttributeValue> notice : withdrawalNotices()) {
            if (notice.get("propagationId").s().equals(propagationId)) {
                assertEquals("ACKED", notice.get("propagationStatus").s());
                assertFalse(notice.containsKey("requestId"), "a withdrawal files no request");
            }
        }
    }

    @Test
    void aWithdrawalWhoseTransactionFailsWritesNeitherTheWithdrawalNorItsNotices()
            throws Exception {
        String[] receipt = capture(unique());
        long before = withdrawalNotices().size();
        InjectedFault fault =
                new InjectedFault(InjectedFault.Mode.FAIL, Set.of("TransactWriteItems"));
        fault.armed = true;
        assertEquals(503, withdraw(receipt, "{\"purposes\": [\"personalised-ads\"]}", fault));
        assertEquals(before, withdrawalNotices().size(), "no notice without its withdrawal");
        assertTrue(
                cloud.scanConsentTable().stream()
                        .anyMatch(
                                i ->
                                        i.get("pk").s().equals("RECEIPT#" + receipt[0])
                                                && i.get("sk")
                                                        .s()
                                                        .equals("PURPOSE#personalised-ads")
                                                && i.get("status").s().equals("GRANTED")),
                "and no withdrawal without its notices");
        assertEquals(200, withdraw(receipt, "{\"purposes\": [\"personalised-ads\"]}", null));
        assertEquals(before + 2, withdrawalNotices().size());
        cloud.dispatchFiled();
        deliver();
        awaitAcknowledgements();
    }

    /**
     * Issue 12: a withdrawal's notice is due by the deployment's target (30 days by default). Made
     * 31.5 days ago and still not acknowledged by one processor (it fails), it is past due: {@code
     * list-overdue} names the processor, the kind, the due date and how late, with nothing about
     * the person, and the deadline watch's metric counts it, until the processor acknowledges.
     */
    @Test
    void aWithdrawalNoticeStillOwedPastItsTargetIsListedOverdueAndCountedUntilAcknowledged()
            throws Exception {
        fake.mode("tiktok-ads", FakeProcessor.Mode.FAIL);
        String email = unique();
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofDays(-31).minusHours(12));
        String[] receipt = capture(email, past);
        long overdueBefore = noticesOverdueMetric();
        Set<String> earlier = new TreeSet<>();
        withdrawalNotices().forEach(n -> earlier.add(n.get("propagationId").s()));
        assertEquals(200, withdraw(receipt, "{\"purposes\": [\"personalised-ads\"]}", null, past));
        // its notices were made 31.5 days ago: found by their id, not by when they were made
        Map<String, AttributeValue> written =
                withdrawalNotices().stream()
                        .filter(n -> !earlier.contains(n.get("propagationId").s()))
                        .findFirst()
                        .orElseThrow();
        String propagationId = written.get("propagationId").s();
        cloud.dispatchFiled();
        deliver();
        awaitAcknowledgements();
        assertEquals(
                Map.of("meta-ads", "ACKED", "tiktok-ads", "PENDING"),
                noticeStatuses(propagationId),
                "meta-ads acknowledged; tiktok-ads failed and is owed");

        String listed = supportCli("list-overdue");
        List<String> rows = listed.lines().filter(l -> l.startsWith(propagationId)).toList();
        assertEquals(1, rows.size(), "only the notice still owed: " + listed);
        String row = rows.get(0);
        Instant due = Instant.parse(written.get("ackDueAt").s());
        assertEquals(
                past.instant().plus(Duration.ofDays(30)).getEpochSecond(),
                due.getEpochSecond(),
                1.0,
                "a withdrawal's notice is due 30 days after it");
        assertTrue(
                row.matches(
                        propagationId
                                + "\\s+tiktok-ads\\s+withdrawal\\s+PENDING\\s+-\\s+"
                                + java.time.format.DateTimeFormatter.ofPattern(
                                                "yyyy-MM-dd HH:mm'Z'")
                                        .withZone(java.time.ZoneOffset.UTC)
                                        .format(due)
                                + "\\s+1 day\\s*"),
                row);
        assertTrue(listed.contains("Processor notices past due"), listed);
        JsonNode json = JSON.readTree(supportCli("--json", "list-overdue"));
        JsonNode entry = null;
        for (JsonNode e : json) {
            if (propagationId.equals(e.path("propagationId").asText())) {
                entry = e;
            }
        }
        assertNotNull(entry, json.toString());
        assertEquals("processor-notice", entry.get("record").asText());
        assertEquals("tiktok-ads", entry.get("processor").asText());
        assertEquals("withdrawal", entry.get("kind").asText());
        assertTrue(entry.get("overdue").asBoolean());
        assertEquals("1 day", entry.get("overdueBy").asText());
        for (String shown : List.of(listed, json.toString())) {
            assertNoPersonalData(email, shown);
            assertFalse(shown.contains(receipt[0]), "no receipt id");
        }
        assertEquals(overdueBefore + 1, noticesOverdueMetric(), "the deadline watch counts it");

        // the acknowledgement's write fails: the notice is still owed, whole (nothing half-done)
        String[] ack = fake.signedAck("tiktok-ads", propagationId, Instant.now());
        InjectedFault fault =
                new InjectedFault(InjectedFault.Mode.FAIL, Set.of("TransactWriteItems"));
        ProcessorAckHandler faulty =
                new ProcessorAckHandler(
                        new Wiring(
                                        cloud.functionEnvironment("ProcessorAckFunction"),
                                        List.of(fault),
                                        Clock.systemUTC())
                                .processorAcks());
        fault.armed = true;
        assertEquals(
                503,
                faulty.handleRequest(
                                ackEvent(ack[0].getBytes(StandardCharsets.UTF_8), ack[1]), null)
                        .getStatusCode());
        Map<String, AttributeValue> raw =
                notices(propagationId).stream()
                        .filter(n -> n.get("processorId").s().equals("tiktok-ads"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("PENDING", raw.get("propagationStatus").s());
        assertEquals("PROCESSOR_NOTICE_AWAITING_ACK", raw.get("status").s(), "still in the index");
        assertFalse(raw.containsKey("ackedAt"));
        assertOwed(raw); // its sealed identifiers kept, no expiry set
        assertTrue(supportCli("list-overdue").contains(propagationId), "still listed");
        assertEquals(overdueBefore + 1, noticesOverdueMetric(), "still counted");

        assertEquals(200, acknowledge(ack[0].getBytes(StandardCharsets.UTF_8), ack[1]));
        raw =
                notices(propagationId).stream()
                        .filter(n -> n.get("processorId").s().equals("tiktok-ads"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("ACKED", raw.get("propagationStatus").s());
        assertFalse(raw.containsKey("status") || raw.containsKey("dueAt"), "out of the index");
        assertAcknowledged(
                raw,
                RetentionPolicy.parse(
                        cloud.functionEnvironment("ProcessorAckFunction")
                                .get("WITHDRAWAL_PROOF_RETENTION")));
        assertFalse(supportCli("list-overdue").contains(propagationId), "acknowledged: gone");
        assertFalse(
                supportCli("list-overdue", "--all").contains(propagationId),
                "not owed at all any more");
        assertEquals(overdueBefore, noticesOverdueMetric(), "and no longer counted");
    }

    /**
     * Issue 12: a processor the catalogue registers with {@code "ack": "delivery"} acknowledges by
     * its 2xx answer, with no callback; one registered with {@code "ack": "callback"} is awaited
     * until its signed acknowledgement, in the same erasure.
     */
    @Test
    void aDeliveryAcknowledgedProcessorCompletesAnErasureOnItsAnswerWhileACallbackOneIsAwaited()
            throws Exception {
        SqsPoller deliveryMode = sender(Map.of("PROCESSORS_JSON", META_ACKS_ON_DELIVERY));
        fake.mode("meta-ads", FakeProcessor.Mode.SILENT); // answers 2xx, never calls back
        fake.mode("tiktok-ads", FakeProcessor.Mode.SILENT);
        int callbacks = fake.ackStatuses().size();

        // both delivered: meta-ads' 2xx is its acknowledgement; tiktok-ads is awaited
        String first = fileDeletion(capture(unique()));
        erase();
        deliver(deliveryMode);
        assertEquals(Map.of("meta-ads", "ACKED", "tiktok-ads", "SENT"), noticeStatuses(first));
        assertEquals(List.of("tiktok-ads"), awaiting(first));
        assertEquals(RequestStatus.IN_PROGRESS, requests.find(first).orElseThrow().status());
        for (FakeProcessor.Delivery d : deliveriesFor(first)) {
            assertEquals(
                    d.processor().equals("meta-ads") ? "delivery" : "callback",
                    d.json().get("acknowledgement").asText(),
                    "the notice says how it is acknowledged");
        }
        String[] tiktok = fake.signedAck("tiktok-ads", first, Instant.now());
        assertEquals(200, acknowledge(tiktok[0].getBytes(StandardCharsets.UTF_8), tiktok[1]));
        assertEquals(RequestStatus.COMPLETED, requests.find(first).orElseThrow().status());

        // the callback processor acknowledged first; meta-ads, failing, is the last one owed: its
        // 2xx on the next delivery completes the request, with no callback
        fake.mode("meta-ads", FakeProcessor.Mode.FAIL);
        String second = fileDeletion(capture(unique()));
        erase();
        deliverOnceTo("meta-ads", second, deliveryMode);
        deliverOnceTo("tiktok-ads", second, deliveryMode);
        tiktok = fake.signedAck("tiktok-ads", second, Instant.now());
        assertEquals(200, acknowledge(tiktok[0].getBytes(StandardCharsets.UTF_8), tiktok[1]));
        assertEquals(List.of("meta-ads"), awaiting(second));
        assertEquals(RequestStatus.IN_PROGRESS, requests.find(second).orElseThrow().status());
        fake.mode("meta-ads", FakeProcessor.Mode.SILENT);
        deliver(deliveryMode);
        assertEquals(RequestStatus.COMPLETED, requests.find(second).orElseThrow().status());
        assertEquals(Map.of("meta-ads", "ACKED", "tiktok-ads", "ACKED"), noticeStatuses(second));
        assertEquals(callbacks, fake.ackStatuses().size(), "the fake called back for neither");
    }

    /**
     * Issue 12: a withdrawal through a verified session ({@code POST /v1/me/withdrawals}) tells the
     * processors as the receipt-token withdrawal does, from the same code path: its notices are
     * written in the withdrawal's own transaction and reach each processor signed. When that
     * transaction fails, neither the withdrawal nor a notice is written (raw scans); the retry
     * writes both.
     */
    @Test
    void aWithdrawalThroughAVerifiedSessionTellsItsProcessorsFromItsOwnTransaction()
            throws Exception {
        String email = unique();
        String[] receipt = capture(email);
        String session = session(email);
        Set<String> earlier = new TreeSet<>();
        withdrawalNotices().forEach(n -> earlier.add(n.get("propagationId").s()));
        String body = "{\"purposes\": [\"personalised-ads\"]}";

        InjectedFault fault =
                new InjectedFault(InjectedFault.Mode.FAIL, Set.of("TransactWriteItems"));
        fault.armed = true;
        assertEquals(503, withdrawThroughSession(session, body, fault));
        assertTrue(fault.caught >= 1, "the withdrawal's transaction was tried");
        assertEquals(List.of(), newWithdrawalNotices(earlier), "no notice without its withdrawal");
        assertEquals(
                "GRANTED",
                decisionStatus(receipt[0], "personalised-ads"),
                "and no withdrawal without its notices");

        assertEquals(200, withdrawThroughSession(session, body, null));
        assertEquals("WITHDRAWN", decisionStatus(receipt[0], "personalised-ads"));
        List<Map<String, AttributeValue>> written = newWithdrawalNotices(earlier);
        assertEquals(
                new TreeSet<>(PROCESSORS),
                new TreeSet<>(written.stream().map(n -> n.get("processorId").s()).toList()),
                "one notice per ad platform");
        String propagationId = written.get(0).get("propagationId").s();
        assertTrue(
                written.stream().allMatch(n -> n.get("propagationId").s().equals(propagationId)),
                "one withdrawal, one propagation");
        assertNoPersonalData(email, cloud.scan("PrivacyRequestsTable").toString());

        cloud.dispatchFiled();
        deliver();
        awaitAcknowledgements();
        List<FakeProcessor.Delivery> received = deliveriesFor(propagationId);
        assertEquals(
                new TreeSet<>(PROCESSORS),
                new TreeSet<>(received.stream().map(FakeProcessor.Delivery::processor).toList()));
        for (FakeProcessor.Delivery delivery : received) {
            assertTrue(
                    delivery.signatureValid(), "signed with " + delivery.processor() + "'s secret");
            assertEquals("withdrawal", delivery.json().get("event").asText());
            assertEquals("[\"personalised-ads\"]", delivery.json().get("purposes").toString());
            assertEquals(
                    "[\"" + sha256Hex(email) + "\"]",
                    delivery.json().get("subject").get("emailSha256").toString());
            assertFalse(delivery.body().contains(email), "no plaintext email");
        }
        assertEquals(
                Map.of("meta-ads", "ACKED", "tiktok-ads", "ACKED"), noticeStatuses(propagationId));
    }

    /**
     * Issue 12, storage limitation (GDPR Art. 5(1)(e): kept "for no longer than is necessary"): a
     * notice keeps the sealed hashed identifiers only while it is owed. Its acknowledgement, by
     * callback or by a 2xx on delivery, removes them and sets {@code expiresAt}: an erasure's
     * notice then expires with its deletion request's proof, a withdrawal's as the withdrawal's
     * proof does (both the template's P3Y). A notice not acknowledged keeps its identifiers and no
     * expiry. Raw items checked at each step.
     */
    @Test
    void anAcknowledgedNoticeKeepsNoIdentifiersAndExpiresWithTheProofOfWhatItTold()
            throws Exception {
        SqsPoller deliveryMode = sender(Map.of("PROCESSORS_JSON", META_ACKS_ON_DELIVERY));
        fake.mode("meta-ads", FakeProcessor.Mode.SILENT);
        fake.mode("tiktok-ads", FakeProcessor.Mode.SILENT);
        Map<String, String> ackEnv = cloud.functionEnvironment("ProcessorAckFunction");
        RetentionPolicy erasureProof = RetentionPolicy.parse(ackEnv.get("PRIVACY_PROOF_RETENTION"));
        RetentionPolicy withdrawalProof =
                RetentionPolicy.parse(ackEnv.get("WITHDRAWAL_PROOF_RETENTION"));
        assertEquals(
                cloud.functionEnvironment("WithdrawConsentFunction")
                        .get("WITHDRAWAL_PROOF_RETENTION"),
                withdrawalProof.iso(),
                "the withdrawal's own proof retention");
        assertEquals(
                withdrawalProof.iso(),
                senderEnv.get("WITHDRAWAL_PROOF_RETENTION"),
                "the sender (delivery acknowledgements) keeps them as long");

        // an erasure: owed, each notice holds its sealed identifiers and no expiry
        String requestId = fileDeletion(capture(unique()));
        erase();
        for (Map<String, AttributeValue> owed : notices(requestId)) {
            assertOwed(owed);
        }
        // meta-ads acknowledges by its 2xx; tiktok-ads is delivered and still owed
        deliver(deliveryMode);
        Map<String, Map<String, AttributeValue>> raw = byProcessor(notices(requestId));
        assertAcknowledged(raw.get("meta-ads"), erasureProof);
        assertEquals("SENT", raw.get("tiktok-ads").get("propagationStatus").s());
        assertOwed(raw.get("tiktok-ads"));
        // its signed callback: the last one, which completes the request
        String[] ack = fake.signedAck("tiktok-ads", requestId, Instant.now());
        assertEquals(200, acknowledge(ack[0].getBytes(StandardCharsets.UTF_8), ack[1]));
        Map<String, AttributeValue> last = byProcessor(notices(requestId)).get("tiktok-ads");
        assertAcknowledged(last, erasureProof);
        assertEquals(
                requestItem(requestId).get("expiresAt").n(),
                last.get("expiresAt").n(),
                "kept exactly as long as the deletion's proof");

        // a withdrawal: its notices expire as the withdrawal's proof does
        String[] receipt = capture(unique());
        Set<String> earlier = new TreeSet<>();
        withdrawalNotices().forEach(n -> earlier.add(n.get("propagationId").s()));
        assertEquals(200, withdraw(receipt, "{\"purposes\": [\"personalised-ads\"]}", null));
        String propagationId = newWithdrawalNotices(earlier).get(0).get("propagationId").s();
        newWithdrawalNotices(earlier).forEach(PropagationIT::assertOwed);
        cloud.dispatchFiled();
        deliver(deliveryMode);
        raw = byProcessor(notices(propagationId));
        assertAcknowledged(raw.get("meta-ads"), withdrawalProof);
        assertOwed(raw.get("tiktok-ads"));
        ack = fake.signedAck("tiktok-ads", propagationId, Instant.now());
        assertEquals(200, acknowledge(ack[0].getBytes(StandardCharsets.UTF_8), ack[1]));
        assertAcknowledged(byProcessor(notices(propagationId)).get("tiktok-ads"), withdrawalProof);
        // what stays is the proof: who was told what, when, and that it acted
        assertEquals(
                Set.of(
                        "pk",
                        "sk",
                        "propagationId",
                        "processorId",
                        "event",
                        "purposes",
                        "propagationStatus",
                        "createdAt",
                        "ackDueAt",
                        "sentAt",
                        "ackedAt",
                        "dispatchedAt",
                        "expiresAt"),
                new TreeSet<>(byProcessor(notices(propagationId)).get("tiktok-ads").keySet()));
    }

    /** Still owed: its sealed identifiers are there to be sent, and it does not expire. */
    private static void assertOwed(Map<String, AttributeValue> notice) {
        assertTrue(notice.containsKey("sealed"), "an owed notice keeps its sealed identifiers");
        assertTrue(notice.get("sealed").b().asByteArray().length > 0);
        assertFalse(notice.containsKey("expiresAt"), "an owed notice does not expire");
        assertNotNull(notice.get("status"), "and is in the byStatus index");
    }

    /** Acknowledged: no identifiers left, and it expires {@code retention} after its ackedAt. */
    private static void assertAcknowledged(
            Map<String, AttributeValue> notice, RetentionPolicy retention) {
        assertEquals("ACKED", notice.get("propagationStatus").s());
        assertFalse(notice.containsKey("sealed"), "no sealed identifier after the acknowledgement");
        assertFalse(notice.containsKey("status") || notice.containsKey("dueAt"), "not owed");
        Instant acked = Instant.parse(notice.get("ackedAt").s());
        assertEquals(
                retention.expiryFor(acked).getEpochSecond(),
                Long.parseLong(notice.get("expiresAt").n()),
                "kept " + retention.iso() + " after the acknowledgement, then TTL removes it");
    }

    private static Map<String, Map<String, AttributeValue>> byProcessor(
            List<Map<String, AttributeValue>> notices) {
        Map<String, Map<String, AttributeValue>> by = new java.util.TreeMap<>();
        notices.forEach(n -> by.put(n.get("processorId").s(), n));
        return by;
    }

    private static Map<String, AttributeValue> requestItem(String requestId) {
        return cloud.scan("PrivacyRequestsTable").stream()
                .filter(i -> i.get("pk").s().equals("REQUEST#" + requestId))
                .findFirst()
                .orElseThrow();
    }

    private static List<Map<String, AttributeValue>> newWithdrawalNotices(Set<String> earlier) {
        return withdrawalNotices().stream()
                .filter(n -> !earlier.contains(n.get("propagationId").s()))
                .toList();
    }

    private static String decisionStatus(String receiptId, String purposeId) {
        return cloud.scanConsentTable().stream()
                .filter(i -> i.get("pk").s().equals("RECEIPT#" + receiptId))
                .filter(i -> i.get("sk").s().equals("PURPOSE#" + purposeId))
                .findFirst()
                .orElseThrow()
                .get("status")
                .s();
    }

    /** A verified session for this email, opened from the access link the service sent it. */
    private static String session(String email) throws Exception {
        AccessLinksHandler links =
                new AccessLinksHandler(cloud.api("AccessLinksFunction", Clock.systemUTC()));
        Set<String> before = VerifiedAccessIT.pks("OUTBOX#");
        assertEquals(
                202,
                VerifiedAccessIT.askForLink(links, "{\"email\": \"" + email + "\"}")
                        .getStatusCode());
        dev.consentvault.core.notify.OutboundMessage link =
                VerifiedAccessIT.messagesSince(before).stream()
                        .filter(m -> email.equals(m.to()))
                        .findFirst()
                        .orElseThrow();
        return VerifiedAccessIT.openSession(
                links, "{\"link\": \"" + VerifiedAccessIT.linkToken(link) + "\"}");
    }

    /** {@code POST /v1/me/withdrawals} as MyDataFunction is built; its status. */
    private static int withdrawThroughSession(String session, String body, InjectedFault fault) {
        MyDataHandler me =
                new MyDataHandler(
                        cloud.api(
                                "MyDataFunction",
                                Clock.systemUTC(),
                                fault == null
                                        ? new ExecutionInterceptor[0]
                                        : new ExecutionInterceptor[] {fault}));
        return me.handleRequest(
                        VerifiedAccessIT.event("POST /v1/me/withdrawals", session, body), null)
                .getStatusCode();
    }

    /** The shipped register, with meta-ads acknowledging by its answer to the webhook. */
    private static final String META_ACKS_ON_DELIVERY =
            """
            {"processors": [
              {"id": "tiktok-ads", "name": "TikTok Ads", "location": "Singapore and the United States",
               "receives": ["email-sha256"], "ack": "callback"},
              {"id": "meta-ads", "name": "Meta Ads", "location": "Ireland and the United States",
               "receives": ["email-sha256"], "ack": "delivery"}]}
            """;

    /**
     * The scheduled deadline watch as its function is built, run now: its notices-overdue count.
     */
    private static long noticesOverdueMetric() throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream previous =
                dev.consentvault.core.log.EmfMetrics.redirect(
                        new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new dev.consentvault.functions.handler.DeadlineWatchHandler(
                            cloud.functionEnvironment("DeadlineWatchFunction"))
                    .handleRequest(Map.of(), null);
        } finally {
            dev.consentvault.core.log.EmfMetrics.redirect(previous);
        }
        Long overdue = null;
        for (String line : captured.toString(StandardCharsets.UTF_8).lines().toList()) {
            JsonNode metric = JSON.readTree(line);
            if (metric.has(DeadlineWatch.NOTICES_OVERDUE)) {
                overdue = metric.get(DeadlineWatch.NOTICES_OVERDUE).asLong();
            }
        }
        assertNotNull(overdue, "the watch emitted " + DeadlineWatch.NOTICES_OVERDUE);
        return overdue;
    }

    /**
     * Fuzz: 300 mutated acknowledgements (random bodies, fields, types, sizes, content types and
     * signature headers, some validly signed) are each refused with a 4xx, never a 5xx, and
     * acknowledge nothing.
     */
    @Test
    void fuzzedAcknowledgementsAreRefusedWithA4xxAndChangeNothing() throws Exception {
        fake.mode("tiktok-ads", FakeProcessor.Mode.SILENT);
        fake.mode("meta-ads", FakeProcessor.Mode.SILENT);
        String requestId = fileDeletion(capture(unique()));
        erase();
        deliver();
        java.util.Random random = new java.util.Random(12);
        String[] bodies = {
            "",
            "{}",
            "[]",
            "null",
            "{\"propagationId\": 1, \"processor\": true}",
            "{\"propagationId\": \"%s\"}",
            "{\"processor\": \"tiktok-ads\"}",
            "{\"propagationId\": \"%s\", \"processor\": \"tiktok-ads\", \"extra\": 1}",
            "{\"propagationId\": \"%s\", \"processor\": \"tiktok-ads\"} trailing",
            "{\"propagationId\": \"%s\", \"propagationId\": \"x\", \"processor\": \"tiktok-ads\"}",
            "{\"propagationId\": \"../../%s\", \"processor\": \"tiktok-ads\"}",
            "{\"propagationId\": \"%s\", \"processor\": \"TIKTOK-ADS\"}",
            "{\"propagationId\": \"%s\", \"processor\": \"tiktok-ads\u0000\"}"
        };
        java.util.Set<Integer> seen = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            String body = bodies[random.nextInt(bodies.length)].replace("%s", requestId);
            if (random.nextInt(10) == 0) {
                body = "{\"pad\": \"" + "x".repeat(17 * 1024) + "\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String signature =
                    switch (random.nextInt(4)) {
                        case 0 -> null;
                        case 1 ->
                                "t="
                                        + random.nextLong()
                                        + ",v1="
                                        + Long.toHexString(random.nextLong());
                        case 2 -> fake.signedAck("tiktok-ads", requestId, Instant.now())[1];
                        default ->
                                WebhookSignature.sign(
                                        fakeSecret("tiktok-ads"), Instant.now(), bytes);
                    };
            APIGatewayV2HTTPEvent event = ackEvent(bytes, signature);
            if (random.nextInt(8) == 0) {
                Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
                headers.put("content-type", "text/plain");
                event.setHeaders(headers);
            }
            int status = acks.handleRequest(event, null).getStatusCode();
            seen.add(status);
            assertTrue(status >= 400 && status < 500, "answered " + status + " to " + body);
        }
        assertTrue(seen.containsAll(Set.of(400, 401, 413, 415)), seen.toString());
        assertEquals(PROCESSORS, awaiting(requestId), "nothing was acknowledged");
    }

    private static byte[] fakeSecret(String processorId) {
        return new SecretsManagerSigningSecrets(
                        () -> new AwsClients(cloud.cloud.clientEnvironment()).secretsManager(),
                        senderEnv.get("PROCESSOR_SECRET_PREFIX"))
                .secret(processorId);
    }

    // ------------------------------------------------------------------ helpers

    private static int withdraw(String[] receipt, String body, InjectedFault fault) {
        return withdraw(receipt, body, fault, Clock.systemUTC());
    }

    private static int withdraw(String[] receipt, String body, InjectedFault fault, Clock clock) {
        WithdrawConsentHandler handler =
                new WithdrawConsentHandler(
                        cloud.api(
                                        "WithdrawConsentFunction",
                                        clock,
                                        fault == null
                                                ? new ExecutionInterceptor[0]
                                                : new ExecutionInterceptor[] {fault})
                                .receipts());
        return handler.handleRequest(
                        cloud.receiptEvent("withdraw-consent.json", receipt[0], receipt[1], body),
                        null)
                .getStatusCode();
    }

    /** The support CLI against this stack, as staff would run it; its stdout. */
    private static String supportCli(String... args) {
        List<String> line =
                new ArrayList<>(
                        List.of(
                                "--stack",
                                cloud.stack.stackName(),
                                "--endpoint-url",
                                cloud.cloud.endpoint().toString(),
                                "--region",
                                "us-east-1",
                                "--staff-id",
                                "it-staff"));
        line.addAll(List.of(args));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code =
                dev.consentvault.support.SupportCli.run(
                        line.toArray(String[]::new),
                        cloud.cloud.clientEnvironment(),
                        new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                        new java.io.PrintStream(
                                new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<Map<String, AttributeValue>> withdrawalNotices() {
        return cloud.scan("PrivacyRequestsTable").stream()
                .filter(i -> i.get("pk").s().startsWith("PROPAGATION#"))
                .filter(i -> i.get("event").s().equals("withdrawal"))
                .sorted(java.util.Comparator.comparing(i -> i.get("createdAt").s()))
                .toList();
    }

    private static SqsPoller sender(ExecutionInterceptor... interceptors) {
        return sender(Map.of(), interceptors);
    }

    /** The sender with settings of its own over the stack's (a processors register ...). */
    private static SqsPoller sender(
            Map<String, String> settings, ExecutionInterceptor... interceptors) {
        Map<String, String> env = new LinkedHashMap<>(senderEnv);
        env.putAll(settings);
        PropagationSenderHandler handler =
                new PropagationSenderHandler(
                        new Wiring(env, List.of(interceptors), Clock.systemUTC()));
        return poller(
                "PropagationSenderFunction",
                LocalFunction.hosting(cloud.stack, "PropagationSenderFunction", handler));
    }

    private static SqsPoller deletions(ExecutionInterceptor... interceptors) {
        DeletionProcessorHandler handler =
                new DeletionProcessorHandler(
                        cloud.api("DeletionProcessorFunction", Clock.systemUTC(), interceptors)
                                .erasure());
        return poller(
                "DeletionProcessorFunction",
                LocalFunction.hosting(cloud.stack, "DeletionProcessorFunction", handler));
    }

    private static SqsPoller poller(String id, LocalFunction function) {
        return SqsPoller.forTemplate(cloud.stack, cloud.cloud, Duration.ZERO, Map.of(id, function))
                .stream()
                .filter(p -> p.functionLogicalId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static String unique() {
        return new Captures().email;
    }

    /** marketing-email and personalised-ads granted: the hashed email goes to both ad platforms. */
    private static String[] capture(String email) throws Exception {
        return capture(email, Clock.systemUTC());
    }

    private static String[] capture(String email, Clock clock) throws Exception {
        String body =
                """
                {"subject": {"email": "%s"}, "purposes": {"marketing-email": true, "personalised-ads": true},
                 "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok"}, "jurisdiction": "EU", "ageConfirmed": true}
                """
                        .formatted(email);
        JsonNode receipt =
                JSON.readTree(
                        new dev.consentvault.functions.handler.CaptureConsentHandler(
                                        cloud.api("CaptureConsentFunction", clock))
                                .handleRequest(cloud.captureEvent(body, Map.of()), null)
                                .getBody());
        return new String[] {
            receipt.get("receiptId").asText(), receipt.get("receiptToken").asText()
        };
    }

    private static String fileDeletion(String[] receipt) throws Exception {
        APIGatewayV2HTTPEvent event =
                cloud.bearerEvent(
                        "privacy-request-deletion.json",
                        receipt[1],
                        "{\"type\": \"deletion\", \"receiptId\": \"" + receipt[0] + "\"}");
        var response = api.handleRequest(event, null);
        assertEquals(202, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody()).get("requestId").asText();
    }

    /** Queues the filed deletion, erases (recording the notices), and queues the notices. */
    private static void erase() {
        cloud.dispatchFiled();
        drainDeletions();
        cloud.dispatchFiled();
    }

    private static void drainDeletions() {
        while (deletions.pollOnce(Duration.ofSeconds(1)) > 0) {
            // until the queue is empty
        }
    }

    /**
     * Runs the sender until the queue gives nothing more (SQS may return fewer messages than it
     * holds), at most three receives: a failing processor's notice comes back at once locally.
     */
    private static void deliver() {
        deliver(sender);
    }

    private static void deliver(SqsPoller by) {
        for (int i = 0; i < 3 && by.pollOnce(Duration.ofSeconds(1)) > 0; i++) {
            // next batch
        }
    }

    /** Receives until the processor has been tried for this notice at least once. */
    private static void deliverOnceTo(String processorId, String requestId) {
        deliverOnceTo(processorId, requestId, sender);
    }

    private static void deliverOnceTo(String processorId, String requestId, SqsPoller by) {
        for (int i = 0; i < 10 && attempts(processorId, requestId) == 0; i++) {
            by.pollOnce(Duration.ofSeconds(1));
        }
    }

    private static long attempts(String processorId, String requestId) {
        return deliveriesFor(requestId).stream()
                .filter(d -> d.processor().equals(processorId))
                .count();
    }

    /** Empties the propagations queue of what earlier tests left, delivering it. */
    private static void drain() {
        for (int i = 0; i < 3 && sender.pollOnce(Duration.ZERO) > 0; i++) {
            // bounded: a failing processor's message comes back every time
        }
    }

    /** The fake acknowledges on threads of its own, after answering: waits for them. */
    private static void awaitAcknowledgements() throws InterruptedException {
        assertTrue(fake.awaitAcknowledgementsSent(Duration.ofSeconds(10)));
    }

    private static int acknowledge(byte[] body, String signature) {
        return acks.handleRequest(ackEvent(body, signature), null).getStatusCode();
    }

    private static APIGatewayV2HTTPEvent ackEvent(byte[] body, String signature) {
        APIGatewayV2HTTPEvent event =
                EventLoader.loadApiGatewayHttpEvent(
                        cloud.root.resolve("events/processor-ack.json").toString());
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.remove("consent-vault-signature");
        if (signature != null) {
            headers.put("consent-vault-signature", signature);
        }
        event.setHeaders(headers);
        event.setBody(new String(body, StandardCharsets.UTF_8));
        return event;
    }

    private static List<FakeProcessor.Delivery> deliveriesFor(String propagationId) {
        return fake.deliveries().stream().filter(d -> d.body().contains(propagationId)).toList();
    }

    private static List<Map<String, AttributeValue>> notices(String requestId) {
        return cloud.scan("PrivacyRequestsTable").stream()
                .filter(i -> i.get("pk").s().equals("PROPAGATION#" + requestId))
                .toList();
    }

    private static Map<String, String> noticeStatuses(String requestId) {
        Map<String, String> statuses = new java.util.TreeMap<>();
        notices(requestId)
                .forEach(
                        n ->
                                statuses.put(
                                        n.get("processorId").s(), n.get("propagationStatus").s()));
        return statuses;
    }

    private static List<String> awaiting(String requestId) {
        Map<String, AttributeValue> item =
                cloud.dynamo()
                        .getItem(
                                r ->
                                        r.tableName(cloud.stack.physicalId("PrivacyRequestsTable"))
                                                .consistentRead(true)
                                                .key(
                                                        Map.of(
                                                                "pk",
                                                                AttributeValue.fromS(
                                                                        "REQUEST#" + requestId),
                                                                "sk",
                                                                AttributeValue.fromS("REQUEST"))))
                        .item();
        AttributeValue set = item.get("awaitingProcessors");
        return set == null ? List.of() : new ArrayList<>(new TreeSet<>(set.ss()));
    }

    private static List<Message> peek() {
        return sqs.receiveMessage(
                        r ->
                                r.queueUrl(cloud.stack.physicalId("ProcessorPropagationsQueue"))
                                        .maxNumberOfMessages(10)
                                        .visibilityTimeout(0))
                .messages();
    }

    private static int approximateMessages(String queueUrl) {
        return Integer.parseInt(
                sqs.getQueueAttributes(
                                r ->
                                        r.queueUrl(queueUrl)
                                                .attributeNames(
                                                        QueueAttributeName
                                                                .APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static void redrive(String from, String to) {
        for (Message m :
                sqs.receiveMessage(r -> r.queueUrl(from).maxNumberOfMessages(10)).messages()) {
            sqs.sendMessage(r -> r.queueUrl(to).messageBody(m.body()));
            sqs.deleteMessage(r -> r.queueUrl(from).receiptHandle(m.receiptHandle()));
        }
    }

    private static void assertNoPersonalData(String email, String text) {
        assertFalse(text.contains(email), "no plaintext email");
        assertFalse(text.contains(sha256Hex(email)), "not even its hash in clear");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String sha256Hex(String email) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(email.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
