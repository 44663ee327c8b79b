package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.core.privacy.DeletionCommand;
import dev.consentvault.core.privacy.PrivacyRequestTable;
import dev.consentvault.core.privacy.RequestSubject;
import dev.consentvault.functions.handler.PrivacyRequestHandler;
import dev.consentvault.functions.handler.RequestDispatcherHandler;
import dev.consentvault.local.ScheduleRunner;
import dev.consentvault.local.SqsPoller;
import dev.consentvault.local.StreamPoller;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 8 (1): a filed privacy request is either processed or was never recorded. Faults are
 * injected into every client the filing and queueing path uses (the API function's, the
 * dispatcher's, the sweeper's); raw scans of the requests and consent tables show the outcome.
 */
class NoStrandedRequestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    private record Filing(String requestId, String type, Captures person, String receiptId) {}

    private JsonNode capture(Captures person) throws Exception {
        APIGatewayV2HTTPResponse response =
                cloud.captureHandler()
                        .handleRequest(
                                cloud.captureEvent(
                                        person.emailOnly(),
                                        Map.of("idempotency-key", UUID.randomUUID().toString())),
                                null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody());
    }

    private static APIGatewayV2HTTPResponse file(
            PrivacyRequestHandler api, LocalCloudFixture cloud, String body, String token) {
        return api.handleRequest(
                cloud.bearerEvent("privacy-request-deletion.json", token, body), null);
    }

    /**
     * Every privacy request, raw, by request id (the table also holds processor notices and the
     * suppression list, which are not requests).
     */
    private Map<String, Map<String, AttributeValue>> requestsTable() {
        return cloud.scan("PrivacyRequestsTable").stream()
                .filter(i -> i.get("pk").s().startsWith(PrivacyRequestTable.PK_PREFIX))
                .collect(
                        Collectors.toMap(
                                i -> i.get("requestId").s(),
                                i -> i,
                                (a, b) -> a,
                                LinkedHashMap::new));
    }

    private boolean consentHeldFor(String receiptId) {
        return cloud.scanConsentTable().stream()
                .anyMatch(i -> i.get("pk").s().equals("RECEIPT#" + receiptId));
    }

    /** Runs both processors, as their event sources would, until the queues are empty. */
    private void process() {
        List<SqsPoller> processors = SqsPoller.forTemplate(cloud.stack, cloud.cloud, Duration.ZERO);
        for (int i = 0; i < 30; i++) {
            int got = 0;
            for (SqsPoller poller : processors) {
                got += poller.pollOnce(Duration.ZERO);
            }
            if (got == 0) {
                return;
            }
        }
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource({
        "FAIL, SendMessage, true",
        "FAIL, SendMessage DeleteItem, true",
        "HANG, SendMessage DeleteItem, false"
    })
    void whateverFailsAfterTheRecordIsWrittenTheRequestIsQueuedAndProcessed(
            InjectedFault.Mode mode, String operations, boolean withComplaint) throws Exception {
        InjectedFault fault = new InjectedFault(mode, Set.of(operations.split(" ")));
        PrivacyRequestHandler api =
                new PrivacyRequestHandler(
                        cloud.api("PrivacyRequestFunction", Clock.systemUTC(), fault)
                                .privacyRequests());
        StreamPoller dispatcher = cloud.dispatcher(fault);
        dispatcher.pollOnce(); // catch up with what earlier tests wrote, before the fault
        Captures person = new Captures();
        JsonNode receipt = capture(person);
        String receiptId = receipt.get("receiptId").asText();
        fault.armed = true;

        List<Filing> filed = new ArrayList<>();
        long started = System.nanoTime();
        APIGatewayV2HTTPResponse deletion =
                file(
                        api,
                        cloud,
                        "{\"type\": \"deletion\", \"receiptId\": \"" + receiptId + "\"}",
                        receipt.get("receiptToken").asText());
        assertEquals(202, deletion.getStatusCode(), deletion.getBody());
        filed.add(
                new Filing(
                        JSON.readTree(deletion.getBody()).get("requestId").asText(),
                        "deletion",
                        person,
                        receiptId));
        if (withComplaint) {
            APIGatewayV2HTTPResponse complaint =
                    file(
                            api,
                            cloud,
                            "{\"type\": \"complaint\", \"message\": \"Stop texting me\","
                                    + " \"contact\": \""
                                    + person.email
                                    + "\"}",
                            null);
            assertEquals(202, complaint.getStatusCode(), complaint.getBody());
            filed.add(
                    new Filing(
                            JSON.readTree(complaint.getBody()).get("requestId").asText(),
                            "complaint",
                            person,
                            null));
        }
        long apiMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(
                apiMillis < 5_000,
                "the API never waits for the queue: "
                        + apiMillis
                        + " ms with "
                        + operations
                        + " "
                        + mode);
        for (Filing f : filed) {
            Map<String, AttributeValue> item = requestsTable().get(f.requestId());
            assertEquals("RECEIVED", item.get("status").s(), "recorded in one write");
            assertEquals(
                    PrivacyRequestTable.DISPATCH_PENDING,
                    item.get(PrivacyRequestTable.DISPATCH).s(),
                    "with its dispatch pending, in the same write");
        }

        long dispatchStarted = System.nanoTime();
        dispatcher.pollOnce(); // the stream delivers; every send fails, retried, then given up
        long dispatchMillis = Duration.ofNanos(System.nanoTime() - dispatchStarted).toMillis();
        assertTrue(fault.caught >= filed.size(), "the dispatcher met the fault: " + fault.caught);
        for (Filing f : filed) {
            assertTrue(
                    requestsTable().get(f.requestId()).containsKey(PrivacyRequestTable.DISPATCH),
                    "not queued, so still in the outbox");
        }
        assertFailureDestinationHoldsNoPersonalData(person);
        if (mode == InjectedFault.Mode.FAIL) {
            assertThrows(
                    IllegalStateException.class,
                    () ->
                            cloud.sweeper(
                                            Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)),
                                            fault)
                                    .handleRequest(sweepEvent(), null),
                    "a sweep that cannot queue fails, so its alarm fires");
        }

        fault.armed = false;
        Map<String, Object> swept =
                cloud.sweeper(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)))
                        .handleRequest(sweepEvent(), null);
        assertTrue(((Integer) swept.get("dispatched")) >= filed.size(), swept.toString());
        process();

        Map<String, Map<String, AttributeValue>> requests = requestsTable();
        for (Filing f : filed) {
            Map<String, AttributeValue> item = requests.get(f.requestId());
            assertFalse(item.containsKey(PrivacyRequestTable.DISPATCH), "dispatched");
            assertTrue(item.containsKey(PrivacyRequestTable.DISPATCHED_AT));
            assertEquals(
                    f.type().equals("deletion") ? "COMPLETED" : "OPEN", item.get("status").s());
        }
        assertFalse(consentHeldFor(receiptId), "the deletion ran: the subject's consent is gone");
        for (Map<String, AttributeValue> item : requests.values()) {
            assertFalse(
                    item.containsKey(PrivacyRequestTable.DISPATCH),
                    "no request is left waiting to be queued: " + item.get("requestId").s());
            if (item.get("status").s().equals("RECEIVED")) {
                assertTrue(
                        item.containsKey(PrivacyRequestTable.DISPATCHED_AT),
                        "every RECEIVED request is on its queue: " + item.get("requestId").s());
            }
        }
        System.out.printf(
                "[no-stranded-request] %s of %s: API answered %d filing(s) in %d ms; the faulted"
                        + " dispatch took %d ms; after the sweep every request was queued and"
                        + " processed%n",
                mode, operations, filed.size(), apiMillis, dispatchMillis);
    }

    @ParameterizedTest
    @Event(value = "../events/request-dispatch.json", type = DynamodbEvent.class)
    void theDispatcherReportsOnlyTheRecordsItCouldNotQueue(DynamodbEvent event) {
        InjectedFault fault = new InjectedFault(InjectedFault.Mode.FAIL, Set.of("GetItem"));
        RequestDispatcherHandler handler =
                new RequestDispatcherHandler(
                        cloud.api("RequestDispatcherFunction", Clock.systemUTC(), fault)
                                .requestDispatch());

        assertEquals(
                List.of(),
                failures(handler.handleRequest(event, null)),
                "requests this stack does not hold: nothing to queue, nothing to retry");
        fault.armed = true;
        assertEquals(
                List.of("222200000000000000000001", "222200000000000000000002"),
                failures(handler.handleRequest(event, null)),
                "the table unreachable: each record comes back, by sequence number");
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    /**
     * The sample scheduled event (events/request-sweep.json), as EventBridge Scheduler sends it.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> sweepEvent() throws Exception {
        return JSON.readValue(cloud.root.resolve("events/request-sweep.json").toFile(), Map.class);
    }

    @Test
    void aRequestWhoseStreamRecordWasLostIsQueuedByTheScheduledSweep() throws Exception {
        JsonNode receipt = capture(new Captures());
        String receiptId = receipt.get("receiptId").asText();
        String requestId = UUID.randomUUID().toString();
        // filed ten minutes ago, and the stream never delivered it
        cloud.api(
                        "PrivacyRequestFunction",
                        Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)))
                .privacyRequests()
                .fileDeletion(
                        new DeletionCommand(
                                requestId,
                                new RequestSubject(receiptId, null, null),
                                new dev.consentvault.core.privacy.Filing(
                                        "EU", "receipt-holder", null),
                                null));
        ScheduleRunner schedules =
                ScheduleRunner.forTemplate(
                        cloud.stack,
                        ScheduleRunner.scheduledFunctions(
                                cloud.stack, cloud.cloud.clientEnvironment()));
        assertEquals(
                List.of(
                        "RequestSweeperFunction every PT5M",
                        "DeadlineWatchFunction every PT24H",
                        "MonthlyReportFunction on demand (cron(0 6 1 * ? *))"),
                schedules.schedules().stream()
                        .map(
                                s ->
                                        s.function().logicalId()
                                                + (s.every() == null
                                                        ? " on demand (" + s.expression() + ")"
                                                        : " every " + s.every()))
                        .toList(),
                "the local run reads the schedule from the template");

        schedules.fireAll();

        Map<String, AttributeValue> item = requestsTable().get(requestId);
        assertFalse(item.containsKey(PrivacyRequestTable.DISPATCH), "swept out of the outbox");
        assertTrue(item.containsKey(PrivacyRequestTable.DISPATCHED_AT));
        process();
        assertEquals("COMPLETED", requestsTable().get(requestId).get("status").s());
        assertFalse(consentHeldFor(receiptId), "the deletion ran");
    }

    @Test
    void whenTheOneWriteFailsTheApiAnswers503AndNothingIsRecordedOrQueued() throws Exception {
        InjectedFault fault = new InjectedFault(InjectedFault.Mode.FAIL, Set.of("PutItem"));
        PrivacyRequestHandler api =
                new PrivacyRequestHandler(
                        cloud.api("PrivacyRequestFunction", Clock.systemUTC(), fault)
                                .privacyRequests());
        Captures person = new Captures();
        JsonNode receipt = capture(person);
        String receiptId = receipt.get("receiptId").asText();
        int before = requestsTable().size();
        fault.armed = true;

        APIGatewayV2HTTPResponse response =
                file(
                        api,
                        cloud,
                        "{\"type\": \"deletion\", \"receiptId\": \"" + receiptId + "\"}",
                        receipt.get("receiptToken").asText());

        assertEquals(503, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("Nothing was recorded"), response.getBody());
        assertEquals(before, requestsTable().size(), "nothing was recorded");
        cloud.dispatchFiled();
        cloud.sweeper(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)))
                .handleRequest(sweepEvent(), null);
        process();
        assertTrue(consentHeldFor(receiptId), "nothing ran on a request that was refused");
    }

    /** The on-failure destination names stream positions only, never what the records held. */
    private void assertFailureDestinationHoldsNoPersonalData(Captures person) {
        String queueUrl = cloud.stack.physicalId("RequestDispatchFailureQueue");
        try (SqsClient sqs = new AwsClients(cloud.cloud.clientEnvironment()).sqs()) {
            List<Message> failures =
                    sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10))
                            .messages();
            assertFalse(failures.isEmpty(), "the exhausted batch reached the on-failure queue");
            for (Message failure : failures) {
                assertTrue(failure.body().contains("DDBStreamBatchInfo"), failure.body());
                assertFalse(failure.body().contains(person.email), failure.body());
                assertFalse(failure.body().contains("texting"), failure.body());
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(failure.receiptHandle()));
            }
        }
    }
}
