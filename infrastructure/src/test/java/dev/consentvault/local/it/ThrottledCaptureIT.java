package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import dev.consentvault.local.CapacityMeter;
import dev.consentvault.local.SqsPoller;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A launch-day burst: the consent table throttles (injected by the local cloud, see
 * infrastructure/local_moto.py), and no sign-up is lost or stored twice. Each capture is either
 * written (retried within the time budget) or held sealed on the capture buffer queue and answered
 * 202; the drainer writes what was held, even while the table still throttles some writes; an
 * Idempotency-Key holds across the buffer; raw scans count what is stored.
 */
class ThrottledCaptureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THROTTLE_TAG = "local-cloud:throttle-writes";
    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    @AfterEach
    void stopThrottling() {
        throttle(0);
    }

    /** What one sign-up was answered. */
    private record Answer(String key, String body, int status, String receiptId, String token) {}

    @Test
    void underThrottlingEverySignUpIsStoredExactlyOnce() throws Exception {
        // the deployed patience (1 s): a throttled capture is retried that long, then held
        CaptureConsentHandler handler = cloud.captureHandlerWithDeployedPatience();
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());

        // the table refuses every write: each sign-up is held and answered 202
        throttle(1);
        Captures held = new Captures();
        String heldKey = UUID.randomUUID().toString();
        Answer first = capture(handler, heldKey, held.everyField());
        assertEquals(202, first.status(), "held, not refused");
        JsonNode firstBody = JSON.readTree(first.body());
        assertTrue(firstBody.path("held").asBoolean(), "the page is told it is being recorded");
        assertFalse(firstBody.path("receiptToken").asText().isEmpty());
        answers.add(first);
        // the person's page retries with the same key while it is still held: held again, and
        // the drainer must keep only one of the two
        answers.add(capture(handler, heldKey, held.everyField()));
        assertEquals(202, answers.get(1).status());
        // nothing in the table yet, and the receipt is not readable
        assertEquals(0, receiptIds().stream().filter(first.receiptId()::equals).count());
        assertEquals(
                404,
                cloud.viewHandler(Clock.systemUTC())
                        .handleRequest(
                                cloud.receiptEvent(
                                        "view-receipt.json",
                                        first.receiptId(),
                                        first.token(),
                                        null),
                                null)
                        .getStatusCode());
        // what waits on the queue is sealed: no personal data, no subject key
        for (Message m : peekHeld()) {
            assertFalse(m.body().contains(held.email), "no email in the queue");
            assertFalse(m.body().contains(held.phone), "no phone in the queue");
            assertFalse(m.body().contains("emailKey"), "no subject key in the queue");
        }

        // a burst against a table refusing 60% of writes, 8 at a time; every 5th sign-up is sent
        // twice with its key (a double click)
        throttle(0.6);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            boolean twice = i % 5 == 0;
            work.add(
                    pool.submit(
                            () -> {
                                CaptureConsentHandler own =
                                        cloud.captureHandlerWithDeployedPatience();
                                String key = UUID.randomUUID().toString();
                                String body = new Captures().everyField();
                                answers.add(capture(own, key, body));
                                if (twice) {
                                    answers.add(capture(own, key, body));
                                }
                                return null;
                            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        Map<Integer, Long> statuses =
                answers.stream()
                        .collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
        assertEquals(
                Set.of(201, 202),
                statuses.keySet(),
                "every sign-up written or held, none refused: " + statuses);

        // the drainer writes what was held while a third of its writes are still throttled
        throttle(0.3);
        SqsPoller drainer = drainer();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (queueDepth() > 0) {
            assertTrue(System.nanoTime() < deadline, "the buffer drains");
            drainer.pollOnce(Duration.ofSeconds(1));
        }
        throttle(0);
        assertEquals(0, dlqDepth(), "nothing dead-lettered");

        // raw scans: one receipt per Idempotency-Key, every sign-up answered once stored under the
        // receipt id it was given, and nothing half-written
        Map<String, List<Answer>> byKey =
                answers.stream().collect(Collectors.groupingBy(Answer::key));
        List<String> stored = receiptIds();
        Set<String> storedSet = new HashSet<>(stored);
        assertEquals(stored.size(), storedSet.size(), "no receipt twice");
        int lost = 0;
        int duplicates = 0;
        for (Map.Entry<String, List<Answer>> e : byKey.entrySet()) {
            long receiptsForKey =
                    e.getValue().stream()
                            .map(Answer::receiptId)
                            .distinct()
                            .filter(storedSet::contains)
                            .count();
            if (receiptsForKey == 0) {
                lost++;
            }
            if (receiptsForKey > 1) {
                duplicates++;
            }
            if (e.getValue().size() == 1 && !storedSet.contains(e.getValue().get(0).receiptId())) {
                lost++;
            }
        }
        System.out.printf(
                "throttled burst: %d answers %s, %d Idempotency-Keys, %d receipts stored,"
                        + " %d lost, %d stored twice%n",
                answers.size(), statuses, byKey.size(), stored.size(), lost, duplicates);
        assertEquals(0, lost, "sign-ups lost");
        assertEquals(0, duplicates, "sign-ups stored twice");
        assertTrue(
                storedSet.containsAll(
                        answers.stream()
                                .filter(a -> byKey.get(a.key()).size() == 1)
                                .map(Answer::receiptId)
                                .toList()));
        // this test's receipts (other tests in this stack withdraw and shred theirs)
        assertWhole(
                answers.stream()
                        .map(Answer::receiptId)
                        .filter(storedSet::contains)
                        .collect(Collectors.toSet()));

        // a held receipt is readable once written, with the token its 202 gave
        Answer readable =
                answers.stream()
                        .filter(a -> a.status() == 202 && byKey.get(a.key()).size() == 1)
                        .findFirst()
                        .orElse(
                                answers.stream()
                                        .filter(a -> storedSet.contains(a.receiptId()))
                                        .filter(a -> a.status() == 202)
                                        .findFirst()
                                        .orElseThrow());
        APIGatewayV2HTTPResponse view =
                cloud.viewHandler(Clock.systemUTC())
                        .handleRequest(
                                cloud.receiptEvent(
                                        "view-receipt.json",
                                        readable.receiptId(),
                                        readable.token(),
                                        null),
                                null);
        assertEquals(200, view.getStatusCode(), view.getBody());
    }

    @Test
    void aCaptureReportsItsWriteUnitsForTheTableAndEachIndex() {
        // the baseline: email, phone and name, 4 purposes, none waiting for a double opt-in
        Captures person = new Captures();
        Map<String, Double> units =
                unitsOf(
                        person.everyField()
                                .replace("\"marketing-email\": true", "\"marketing-email\": false")
                                .replace("\"marketing-sms\": true", "\"analytics\": true")
                                .replace(
                                        "\"personalised-ads\": false",
                                        "\"personalised-ads\": true"));
        // receipt and 4 decisions, each under 1 KB: 2 units each (a transaction); the marker
        // (the compressed answer with 4 purposes, sealed) under 2 KB: 4; the receipt's key: 2;
        // each index: 1 per item carrying its subject key
        assertEquals(14.0, units.get("consents"), units.toString());
        assertEquals(2.0, units.get("receipt-keys"), units.toString());
        assertEquals(6.0, units.get("consents/byEmailKey"), units.toString());
        assertEquals(6.0, units.get("consents/byPhoneKey"), units.toString());

        // email, phone and name with marketing-email and marketing-sms waiting for their double
        // opt-in: each confirmation channel (email, SMS) adds its confirmation item (carrying
        // the subject keys: 1 unit on each index) and the outbox item that sends it, 2 units
        // each on the table. The costliest sign-up: docs/capacity.md and the support CLI's
        // capacity plan size for it
        Map<String, Double> pending = unitsOf(new Captures().everyField());
        assertEquals(22.0, pending.get("consents"), pending.toString());
        assertEquals(2.0, pending.get("receipt-keys"), pending.toString());
        assertEquals(8.0, pending.get("consents/byEmailKey"), pending.toString());
        assertEquals(8.0, pending.get("consents/byPhoneKey"), pending.toString());
    }

    /** The write units one capture (a new person, with an Idempotency-Key) reports. */
    private Map<String, Double> unitsOf(String body) {
        CapacityMeter meter = new CapacityMeter();
        CaptureConsentHandler handler = cloud.captureHandler(meter);
        Answer answer = capture(handler, UUID.randomUUID().toString(), body);
        assertEquals(201, answer.status(), answer.body());
        return meter.snapshot();
    }

    private Answer capture(CaptureConsentHandler handler, String key, String body) {
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        cloud.captureEvent(body, Map.of("idempotency-key", key)), null);
        try {
            JsonNode json = JSON.readTree(response.getBody());
            return new Answer(
                    key,
                    response.getBody(),
                    response.getStatusCode(),
                    json.path("receiptId").asText(null),
                    json.path("receiptToken").asText(null));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every receipt in the consent table, raw. */
    private List<String> receiptIds() {
        return cloud.scanConsentTable().stream()
                .filter(i -> i.get("sk").s().equals("RECEIPT"))
                .map(i -> i.get("pk").s().substring("RECEIPT#".length()))
                .toList();
    }

    /** Each of these receipts has its decisions, its marker and its key. */
    private void assertWhole(Set<String> receipts) {
        List<Map<String, AttributeValue>> items = cloud.scanConsentTable();
        Map<String, Integer> decisions = new HashMap<>();
        Set<String> markers = new HashSet<>();
        for (Map<String, AttributeValue> item : items) {
            String pk = item.get("pk").s();
            if (item.get("sk").s().startsWith("PURPOSE#")) {
                decisions.merge(pk.substring("RECEIPT#".length()), 1, Integer::sum);
            } else if (pk.startsWith("IDEMPOTENCY#")) {
                markers.add(item.get("receiptId").s());
            }
        }
        Set<String> keys =
                cloud.scan("ReceiptKeysTable").stream()
                        .map(i -> i.get("pk").s().substring("RECEIPT#".length()))
                        .collect(Collectors.toSet());
        assertTrue(keys.containsAll(receipts), "a receipt without its key");
        assertTrue(decisions.keySet().containsAll(receipts), "a receipt without its decisions");
        assertTrue(markers.containsAll(receipts), "a receipt without its idempotency marker");
    }

    private void throttle(double fraction) {
        String arn =
                cloud.dynamo()
                        .describeTable(r -> r.tableName(cloud.consentTable()))
                        .table()
                        .tableArn();
        if (fraction == 0) {
            cloud.dynamo().untagResource(r -> r.resourceArn(arn).tagKeys(THROTTLE_TAG));
        } else {
            cloud.dynamo()
                    .tagResource(
                            r ->
                                    r.resourceArn(arn)
                                            .tags(
                                                    t ->
                                                            t.key(THROTTLE_TAG)
                                                                    .value(
                                                                            Double.toString(
                                                                                    fraction))));
        }
    }

    private SqsPoller drainer() {
        return SqsPoller.forTemplate(cloud.stack, cloud.cloud, Duration.ZERO).stream()
                .filter(p -> p.functionLogicalId().equals("DrainHeldCapturesFunction"))
                .findFirst()
                .orElseThrow();
    }

    private SqsClient sqs() {
        return new AwsClients(cloud.cloud.clientEnvironment()).sqs();
    }

    private List<Message> peekHeld() {
        return sqs().receiveMessage(
                        r ->
                                r.queueUrl(cloud.stack.physicalId("CaptureBufferQueue"))
                                        .maxNumberOfMessages(10)
                                        .visibilityTimeout(0))
                .messages();
    }

    private int queueDepth() {
        return cloud.queueDepth("CaptureBufferQueue");
    }

    private int dlqDepth() {
        return cloud.queueDepth("CaptureBufferDLQ");
    }
}
