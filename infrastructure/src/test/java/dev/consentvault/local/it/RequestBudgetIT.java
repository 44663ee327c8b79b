package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import dev.consentvault.local.AwsRequestCounter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DESIGN §8: a capture is one DynamoDB request; KMS is off the hot path. Counted, not guessed. */
class RequestBudgetIT {

    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    private int outboxItems() {
        return (int)
                cloud.scanConsentTable().stream()
                        .filter(i -> i.get("pk").s().startsWith("OUTBOX#"))
                        .count();
    }

    @Test
    void oneCaptureIsExactlyOneDynamoDbRequest() throws Exception {
        AwsRequestCounter counter = new AwsRequestCounter();
        CaptureConsentHandler handler = cloud.captureHandler(counter);
        counter.reset();

        var response =
                handler.handleRequest(
                        cloud.captureEvent(
                                new Captures().everyField(),
                                Map.of("idempotency-key", UUID.randomUUID().toString())),
                        null);
        assertEquals(201, response.getStatusCode());
        // double opt-in: email and SMS wait for confirmation, and their two messages (sealed, in
        // the outbox) and confirmations ride in that same one request
        assertEquals(
                2,
                new ObjectMapper().readTree(response.getBody()).get("pendingConfirmations").size());

        assertEquals(1, counter.service("DynamoDb"), counter.snapshot().toString());
        assertEquals(
                1, counter.count("DynamoDb.TransactWriteItems"), counter.snapshot().toString());
    }

    @ParameterizedTest(name = "JSON_CLIENTS={0}")
    @ValueSource(strings = {"true", "false"})
    void eitherClientMakesACaptureOneRequest(String clients) {
        Map<String, String> env =
                new java.util.HashMap<>(cloud.functionEnvironment("CaptureConsentFunction"));
        env.put(Wiring.JSON_CLIENTS, clients);
        AwsRequestCounter counter = new AwsRequestCounter();
        Wiring wiring = Wiring.forCapture(env, List.of(counter), Clock.systemUTC());
        assertEquals(Boolean.parseBoolean(clients), wiring.jsonClients());
        CaptureConsentHandler handler = new CaptureConsentHandler(wiring);
        counter.reset();

        var response =
                handler.handleRequest(
                        cloud.captureEvent(new Captures().emailOnly(), Map.of()), null);

        assertEquals(201, response.getStatusCode());
        assertEquals(Map.of("DynamoDb.TransactWriteItems", 1), counter.snapshot());
    }

    @Test
    void theReceiptsOwnKeyIsWrittenByThatSameOneRequest() throws Exception {
        AwsRequestCounter counter = new AwsRequestCounter();
        CaptureConsentHandler handler = cloud.captureHandler(counter);
        // the container's first seal generates its data key; the budget is for the captures after
        handler.handleRequest(cloud.captureEvent(new Captures().emailOnly(), Map.of()), null);
        counter.reset();

        String receiptId =
                new ObjectMapper()
                        .readTree(
                                handler.handleRequest(
                                                cloud.captureEvent(
                                                        new Captures().emailOnly(), Map.of()),
                                                null)
                                        .getBody())
                        .get("receiptId")
                        .asText();

        assertEquals(
                Map.of("DynamoDb.TransactWriteItems", 1),
                counter.snapshot(),
                "the key item rides in the capture's transaction; no KMS call");
        assertEquals(
                1,
                cloud.scan("ReceiptKeysTable").stream()
                        .filter(k -> k.get("pk").s().equals("RECEIPT#" + receiptId))
                        .count());
    }

    @Test
    void aThousandCapturesInOneContainerMakeAtMostOneGenerateDataKey() {
        AwsRequestCounter counter = new AwsRequestCounter();
        CaptureConsentHandler handler = cloud.captureHandler(counter);
        counter.reset();

        int outboxBefore = outboxItems();
        for (int i = 0; i < 1000; i++) {
            var response =
                    handler.handleRequest(
                            cloud.captureEvent(
                                    new Captures().emailOnly(),
                                    Map.of("idempotency-key", UUID.randomUUID().toString())),
                            null);
            assertEquals(201, response.getStatusCode());
            assertTrue(response.getBody().contains("\"PENDING_CONFIRMATION\""));
        }
        assertEquals(
                outboxBefore + 1000,
                outboxItems(),
                "every capture wrote its confirmation email into the outbox, sealed without KMS");

        assertTrue(counter.count("Kms.GenerateDataKey") <= 1, counter.snapshot().toString());
        assertTrue(counter.service("Kms") <= 1, "no Decrypt either: " + counter.snapshot());
        assertEquals(1000, counter.service("DynamoDb"), counter.snapshot().toString());
        assertEquals(
                1000,
                counter.count("DynamoDb.TransactWriteItems"),
                "each capture and its receipt key: one transaction " + counter.snapshot());
    }
}
