package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.privacy.QueueMessages;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import dev.consentvault.functions.handler.DeletionProcessorHandler;
import dev.consentvault.functions.handler.PrivacyRequestHandler;
import dev.consentvault.local.LocalStack;
import dev.consentvault.local.gateway.LocalContext;
import dev.consentvault.local.gateway.LocalGateway;
import dev.consentvault.local.template.SamTemplate;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every request finishes inside its Lambda timeout: when a dependency hangs, the function answers
 * 503 problem+json with Retry-After (or reports its SQS messages as failures) before the timeout
 * the template gives it, and nothing is half-written. The local gateway enforces the template's
 * Timeout as Lambda does, so a handler that overruns gets the gateway's answer instead.
 */
public class TimeBudgetIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    /** The DynamoDB operations that write: a hang in any of them must not leave half a write. */
    private static final String[] DYNAMODB_WRITES = {
        "PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"
    };

    private Duration timeoutOf(String functionLogicalId) {
        return Duration.ofSeconds(
                Long.parseLong(
                        String.valueOf(
                                cloud.stack
                                        .template()
                                        .functionProperties(functionLogicalId)
                                        .get("Timeout"))));
    }

    private static Context invocation(String functionLogicalId, Duration timeout) {
        return LocalContext.of(
                UUID.randomUUID().toString(),
                functionLogicalId,
                (int) timeout.toSeconds(),
                LocalCloudFixture.get().stack.accountId());
    }

    private static void assertServiceUnavailable(APIGatewayV2HTTPResponse response)
            throws Exception {
        assertEquals(503, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        assertTrue(response.getHeaders().containsKey("retry-after"));
        assertEquals(503, JSON.readTree(response.getBody()).get("status").asInt());
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void aHungDynamoDbWriteDuringCaptureIsHeldAndAnswered202WithinASecondOrTwo() throws Exception {
        Duration timeout = timeoutOf("CaptureConsentFunction");
        HangingOperation hang = new HangingOperation("TransactWriteItems");
        CaptureConsentHandler handler = cloud.captureHandlerWithDeployedPatience(hang);
        hang.armed = true;
        int before = cloud.consentItemCount();
        int held = cloud.queueDepth("CaptureBufferQueue");

        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        cloud.captureEvent(new Captures().everyField(), Map.of()),
                        invocation("CaptureConsentFunction", timeout));
        Duration took = since(started);
        hang.armed = false;

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertTrue(
                took.compareTo(Duration.ofSeconds(3)) < 0,
                "a person waits the write patience (1 s), not the timeout: " + took);
        System.out.println(
                "capture, TransactWriteItems hung: 202 held after " + took.toMillis() + " ms");
        assertEquals(before, cloud.consentItemCount(), "nothing written yet");
        assertEquals(held + 1, cloud.queueDepth("CaptureBufferQueue"));
    }

    @Test
    void aHungDynamoDbWriteAndAHungQueueDuringCaptureAnswer503BeforeTheTimeout() throws Exception {
        Duration timeout = timeoutOf("CaptureConsentFunction");
        HangingOperation hang = new HangingOperation("TransactWriteItems", "SendMessage");
        CaptureConsentHandler handler = cloud.captureHandler(hang);
        hang.armed = true;
        int before = cloud.consentItemCount();
        Captures person = new Captures();

        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        cloud.captureEvent(
                                person.everyField(),
                                Map.of("idempotency-key", UUID.randomUUID().toString())),
                        invocation("CaptureConsentFunction", timeout));
        Duration took = since(started);

        assertServiceUnavailable(response);
        assertTrue(took.compareTo(timeout) < 0, "answered in " + took + ", timeout " + timeout);
        System.out.println(
                "capture, TransactWriteItems and SendMessage hung: 503 after "
                        + took.toMillis()
                        + " ms");
        assertFalse(response.getBody().contains(person.email));
        assertEquals(before, cloud.consentItemCount(), "nothing was written");

        hang.armed = false;
        assertEquals(
                201,
                handler.handleRequest(
                                cloud.captureEvent(person.everyField(), Map.of()),
                                invocation("CaptureConsentFunction", timeout))
                        .getStatusCode(),
                "the same container answers once the dependency is back");
    }

    @Test
    void aHungDynamoDbWriteDuringAPrivacyRequestAnswers503BeforeTheTimeout() throws Exception {
        Duration timeout = timeoutOf("PrivacyRequestFunction");
        APIGatewayV2HTTPResponse captured =
                cloud.captureHandler()
                        .handleRequest(
                                cloud.captureEvent(new Captures().emailOnly(), Map.of()), null);
        JsonNode receipt = JSON.readTree(captured.getBody());
        HangingOperation hang = new HangingOperation(DYNAMODB_WRITES);
        PrivacyRequestHandler handler =
                new PrivacyRequestHandler(
                        cloud.api("PrivacyRequestFunction", Clock.systemUTC(), hang)
                                .privacyRequests());
        hang.armed = true;
        int before = cloud.scan("PrivacyRequestsTable").size();
        APIGatewayV2HTTPEvent deletion =
                cloud.bearerEvent(
                        "privacy-request-deletion.json",
                        receipt.get("receiptToken").asText(),
                        "{\"type\": \"deletion\", \"receiptId\": \""
                                + receipt.get("receiptId").asText()
                                + "\"}");

        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(deletion, invocation("PrivacyRequestFunction", timeout));
        Duration took = since(started);

        assertServiceUnavailable(response);
        assertTrue(took.compareTo(timeout) < 0, "answered in " + took + ", timeout " + timeout);
        System.out.println(
                "privacy request, DynamoDB writes hung: 503 after " + took.toMillis() + " ms");
        assertEquals(before, cloud.scan("PrivacyRequestsTable").size(), "no request was recorded");

        hang.armed = false;
        assertEquals(
                202,
                handler.handleRequest(deletion, invocation("PrivacyRequestFunction", timeout))
                        .getStatusCode(),
                "filed once the table answers again");
    }

    @Test
    void aDeletionThatWouldOverrunIsReportedAsABatchItemFailureAndRunsWhenItComesBack()
            throws Exception {
        PrivacyRequestHandler api =
                new PrivacyRequestHandler(cloud.functionEnvironment("PrivacyRequestFunction"));
        List<String> requestIds = new ArrayList<>();
        List<String> receiptIds = new ArrayList<>();
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>());
        for (int i = 0; i < 2; i++) {
            JsonNode receipt =
                    JSON.readTree(
                            cloud.captureHandler()
                                    .handleRequest(
                                            cloud.captureEvent(
                                                    new Captures().emailOnly(), Map.of()),
                                            null)
                                    .getBody());
            receiptIds.add(receipt.get("receiptId").asText());
            JsonNode filed =
                    JSON.readTree(
                            api.handleRequest(
                                            cloud.bearerEvent(
                                                    "privacy-request-deletion.json",
                                                    receipt.get("receiptToken").asText(),
                                                    "{\"type\": \"deletion\", \"receiptId\": \""
                                                            + receipt.get("receiptId").asText()
                                                            + "\"}"),
                                            null)
                                    .getBody());
            requestIds.add(filed.get("requestId").asText());
            // the message the queue carries for it, as the event source mapping would deliver it
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(
                    QueueMessages.deletion(
                            new QueueMessages.Deletion(
                                    filed.get("requestId").asText(),
                                    receipt.get("receiptId").asText(),
                                    null,
                                    null)));
            event.getRecords().add(message);
        }
        HangingOperation hang = new HangingOperation("BatchWriteItem");
        DeletionProcessorHandler processor =
                new DeletionProcessorHandler(
                        cloud.api("DeletionProcessorFunction", Clock.systemUTC(), hang).erasure());
        hang.armed = true;
        // a batch that starts with 4 s left of the function's timeout
        Duration left = Duration.ofSeconds(4);

        long started = System.nanoTime();
        SQSBatchResponse response =
                processor.handleRequest(event, invocation("DeletionProcessorFunction", left));
        Duration took = since(started);

        assertTrue(took.compareTo(left) < 0, "answered in " + took + ", " + left + " left");
        System.out.println(
                "deletion batch, BatchWriteItem hung: answered after " + took.toMillis() + " ms");
        assertEquals(
                List.of("m0", "m1"),
                response.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .toList(),
                "the one cut short and the one not started both come back");
        for (int i = 0; i < 2; i++) {
            assertNotEquals(RequestStatus.COMPLETED, status(requestIds.get(i)));
            assertTrue(receiptHeld(receiptIds.get(i)), "nothing was erased yet");
        }

        hang.armed = false;
        assertEquals(
                List.of(),
                processor
                        .handleRequest(
                                event,
                                invocation(
                                        "DeletionProcessorFunction",
                                        timeoutOf("DeletionProcessorFunction")))
                        .getBatchItemFailures(),
                "redelivered to an invocation of its own, both run");
        for (int i = 0; i < 2; i++) {
            assertEquals(RequestStatus.COMPLETED, status(requestIds.get(i)));
            assertFalse(receiptHeld(receiptIds.get(i)));
        }
    }

    @Test
    void theGatewayEnforcesEachFunctionsTimeoutAndAFunctionsOwn503ComesFirst() throws Exception {
        SamTemplate template = SamTemplate.load(cloud.root.resolve("template.yaml"));
        SamTemplate.properties(template.resources().get("CaptureConsentFunction"))
                .put("Handler", HangingCapture.class.getName() + "::handleRequest");
        Map<String, Object> purposes =
                SamTemplate.properties(template.resources().get("ListPurposesFunction"));
        purposes.put("Handler", Overrunning.class.getName() + "::handleRequest");
        purposes.put("Timeout", 2);
        LocalStack stack =
                new LocalStack(
                        template,
                        cloud.stack.stackName(),
                        cloud.stack.intrinsics(),
                        cloud.stack.physicalIds(),
                        cloud.stack.attributes());
        HttpClient http = HttpClient.newHttpClient();
        try (LocalGateway gateway =
                LocalGateway.start(
                        stack,
                        cloud.cloud.clientEnvironment(),
                        new InetSocketAddress("127.0.0.1", 0))) {
            URI base = URI.create("http://127.0.0.1:" + gateway.port());
            Duration captureTimeout = timeoutOf("CaptureConsentFunction");
            int before = cloud.consentItemCount();

            HangingCapture.HANG.armed = true;
            long started = System.nanoTime();
            HttpResponse<String> capture;
            try {
                capture =
                        http.send(
                                HttpRequest.newBuilder(base.resolve("/v1/consents"))
                                        .header("content-type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        new Captures().emailOnly()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
            } finally {
                HangingCapture.HANG.armed = false;
            }
            Duration took = since(started);
            assertEquals(503, capture.statusCode(), capture.body());
            assertEquals(
                    "application/problem+json",
                    capture.headers().firstValue("content-type").orElseThrow(),
                    "the function's own answer, not the gateway's");
            assertTrue(capture.headers().firstValue("retry-after").isPresent());
            assertTrue(
                    took.compareTo(captureTimeout) < 0,
                    "answered in " + took + ", timeout " + captureTimeout);
            System.out.println(
                    "gateway, capture with TransactWriteItems and SendMessage hung: 503 problem+json after "
                            + took.toMillis()
                            + " ms");
            assertEquals(before, cloud.consentItemCount(), "nothing was written");

            Overrunning.OVERRUN.set(true);
            int inits = Overrunning.INITS.get();
            started = System.nanoTime();
            HttpResponse<String> overrun;
            try {
                overrun =
                        http.send(
                                HttpRequest.newBuilder(base.resolve("/v1/purposes")).build(),
                                HttpResponse.BodyHandlers.ofString());
            } finally {
                Overrunning.OVERRUN.set(false);
            }
            took = since(started);
            assertEquals(500, overrun.statusCode());
            assertEquals("{\"message\":\"Internal Server Error\"}", overrun.body());
            assertTrue(
                    took.compareTo(Duration.ofSeconds(2)) >= 0
                            && took.compareTo(Duration.ofSeconds(4)) < 0,
                    "the gateway answered at the function's 2 s timeout: " + took);
            System.out.println(
                    "gateway, handler overrunning its 2 s Timeout: 500 after "
                            + took.toMillis()
                            + " ms");

            HttpResponse<String> next =
                    http.send(
                            HttpRequest.newBuilder(base.resolve("/v1/purposes")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, next.statusCode());
            assertEquals(
                    inits + 1,
                    Overrunning.INITS.get(),
                    "as on Lambda, the timed-out environment was replaced by a fresh init");
        }
    }

    /**
     * The capture function as the template builds it, its TransactWriteItems hanging when armed.
     */
    public static final class HangingCapture
            implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

        // the write and the capture buffer both hung: nowhere to keep the sign-up, so 503
        static final HangingOperation HANG =
                new HangingOperation("TransactWriteItems", "SendMessage");
        private final CaptureConsentHandler handler;

        public HangingCapture(Map<String, String> env) {
            this.handler =
                    new CaptureConsentHandler(
                            Wiring.forCapture(env, List.of(HANG), Clock.systemUTC()));
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(
                APIGatewayV2HTTPEvent event, Context context) {
            return handler.handleRequest(event, context);
        }
    }

    /** A handler that ignores its budget: while OVERRUN is set it runs past any timeout. */
    public static final class Overrunning
            implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

        static final AtomicInteger INITS = new AtomicInteger();
        static final AtomicBoolean OVERRUN = new AtomicBoolean();

        public Overrunning(Map<String, String> env) {
            INITS.incrementAndGet();
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(
                APIGatewayV2HTTPEvent event, Context context) {
            if (OVERRUN.get()) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("{}").build();
        }
    }

    private RequestStatus status(String requestId) {
        return RequestStatus.valueOf(
                cloud.scan("PrivacyRequestsTable").stream()
                        .filter(i -> i.get("pk").s().equals("REQUEST#" + requestId))
                        .findFirst()
                        .orElseThrow()
                        .get("status")
                        .s());
    }

    private boolean receiptHeld(String receiptId) {
        return cloud.scanConsentTable().stream()
                .map(i -> i.get("pk"))
                .map(AttributeValue::s)
                .anyMatch(("RECEIPT#" + receiptId)::equals);
    }
}
