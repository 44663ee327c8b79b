package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.local.LocalFunction;
import dev.consentvault.local.StreamPoller;
import dev.consentvault.local.TtlReaper;
import dev.consentvault.local.gateway.LocalGateway;
import dev.consentvault.local.gateway.StaticFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Double opt-in end to end on the local cloud: a capture over HTTP through the local gateway, the
 * sender function off the consent table's stream sending through moto's SES and SNS, the message
 * read back from the local outbox (GET /_local/outbox), and the link or code used as a person
 * would. Every address is made up per test, so messages of other tests never match.
 */
class DoubleOptInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static LocalCloudFixture cloud;
    private static LocalGateway gateway;
    private static URI base;
    private static StreamPoller sender;
    private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();
    private static PrintStream standardLog;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloudFixture.get();
        standardLog = JsonLog.redirect(new PrintStream(LOGS, true, StandardCharsets.UTF_8));
        gateway =
                LocalGateway.start(
                        cloud.stack,
                        cloud.cloud.clientEnvironment(),
                        new InetSocketAddress("127.0.0.1", 0),
                        StaticFiles.demo(cloud.root));
        base = URI.create("http://127.0.0.1:" + gateway.port());
        sender = cloud.sender();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sender.close();
        JsonLog.redirect(standardLog);
    }

    private record Person(String email, String phone) {
        static Person fresh() {
            String id = UUID.randomUUID().toString().substring(0, 8);
            long digits = Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000L;
            return new Person(
                    "ana.optin." + id + "@example.com", "+3461" + String.format("%07d", digits));
        }

        String signUp() {
            return """
                {"subject": {"email": "%s", "phone": "%s"},
                 "purposes": {"marketing-email": true, "marketing-sms": true, "analytics": true},
                 "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok"},
                 "jurisdiction": "EU", "locale": "es-ES", "ageConfirmed": true}"""
                    .formatted(email, phone);
        }
    }

    private record Captured(String id, String token, JsonNode receipt) {}

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Captured capture(Person person) throws Exception {
        HttpResponse<String> response =
                send(
                        HttpRequest.newBuilder(base.resolve("/v1/consents"))
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(person.signUp())));
        assertEquals(201, response.statusCode(), response.body());
        JsonNode receipt = JSON.readTree(response.body());
        return new Captured(
                receipt.get("receiptId").asText(), receipt.get("receiptToken").asText(), receipt);
    }

    private static JsonNode view(Captured c) throws Exception {
        HttpResponse<String> response =
                send(
                        HttpRequest.newBuilder(base.resolve("/v1/receipts/" + c.id()))
                                .header("authorization", "Bearer " + c.token()));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode purpose(JsonNode receipt, String id) {
        for (JsonNode p : receipt.get("purposes")) {
            if (p.get("purposeId").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no purpose " + id + " in " + receipt);
    }

    /** The newest message the local outbox lists for this recipient, after the sender ran. */
    private static JsonNode outboxMessage(String to) throws Exception {
        sender.pollOnce();
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(base.resolve("/_local/outbox")));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "application/json", response.headers().firstValue("content-type").orElseThrow());
        for (JsonNode m : JSON.readTree(response.body())) {
            if (m.get("to").asText().equals(to)) {
                return m;
            }
        }
        throw new AssertionError("nothing sent to " + to);
    }

    private static HttpResponse<String> code(Captured c, String code, String token)
            throws Exception {
        return send(
                HttpRequest.newBuilder(base.resolve("/v1/receipts/" + c.id() + "/confirmations"))
                        .header("content-type", "application/json")
                        .header("authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\": \"" + code + "\"}")));
    }

    @Test
    void theEmailLinkOpensAPageThatConfirmsNothingAndOnlyItsButtonConfirms() throws Exception {
        Person person = Person.fresh();
        Captured c = capture(person);
        assertEquals(
                "PENDING_CONFIRMATION",
                purpose(c.receipt(), "marketing-email").get("status").asText());
        assertTrue(
                c.receipt()
                        .at("/pendingConfirmations/0/notice")
                        .asText()
                        .startsWith("Revise su correo"), // the capture's locale is es-ES
                c.receipt().at("/pendingConfirmations/0/notice").asText());

        JsonNode email = outboxMessage(person.email());
        assertEquals("Confirme su correo para Example Brand Ltd", email.get("subject").asText());
        String link = email.get("links").get(0).asText();
        assertTrue(
                link.startsWith(base + "/v1/receipts/" + c.id() + "/confirmations/"),
                link + " points at the local gateway the capture came through");
        assertTrue(
                email.get("sentAt").asText().startsWith(Instant.now().toString().substring(0, 10)));

        // a mail scanner (or the person) opens the link: a page, nothing confirmed
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(link)));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<form method=\"post\">"));
        assertEquals("no-referrer", page.headers().firstValue("referrer-policy").orElseThrow());
        assertEquals(
                "PENDING_CONFIRMATION", purpose(view(c), "marketing-email").get("status").asText());

        // the button posts the (empty) form back to the same address
        HttpResponse<String> done =
                send(
                        HttpRequest.newBuilder(URI.create(link))
                                .header("content-type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("Confirmado"), done.body());

        JsonNode receipt = view(c);
        JsonNode marketing = purpose(receipt, "marketing-email");
        assertEquals("GRANTED", marketing.get("status").asText());
        assertNotNull(marketing.get("confirmedAt"));
        assertEquals("[\"email\"]", receipt.get("verified").toString());
        assertEquals(
                "PENDING_CONFIRMATION", purpose(receipt, "marketing-sms").get("status").asText());

        // used: the same answer as a link that never existed
        HttpResponse<String> again =
                send(
                        HttpRequest.newBuilder(URI.create(link))
                                .header("content-type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> made =
                send(
                        HttpRequest.newBuilder(
                                base.resolve(
                                        "/v1/receipts/"
                                                + c.id()
                                                + "/confirmations/"
                                                + "A".repeat(43))));
        assertEquals(404, again.statusCode());
        assertEquals(404, made.statusCode());
        assertEquals(again.body(), made.body());
        assertEquals(
                "application/problem+json",
                again.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void theSmsCodeConfirmsAndFiveWrongCodesLockIt() throws Exception {
        Person person = Person.fresh();
        Captured c = capture(person);
        JsonNode sms = outboxMessage(person.phone());
        String right = sms.get("code").asText();
        assertTrue(right.matches("[0-9]{6}"), sms.toString());
        assertTrue(sms.get("text").asText().contains("su código de confirmación es " + right));
        String wrong = right.equals("000000") ? "111111" : "000000";

        assertEquals(404, code(c, right, "A".repeat(43)).statusCode(), "the receipt's token too");
        for (int i = 1; i <= 4; i++) {
            assertEquals(404, code(c, wrong, c.token()).statusCode(), "wrong code " + i);
        }
        HttpResponse<String> locked = code(c, wrong, c.token());
        assertEquals(423, locked.statusCode(), locked.body());
        assertTrue(JSON.readTree(locked.body()).get("detail").asText().contains("locked"));
        assertEquals(423, code(c, right, c.token()).statusCode(), "locked, even the right one");
        assertEquals(
                "PENDING_CONFIRMATION", purpose(view(c), "marketing-sms").get("status").asText());

        Person other = Person.fresh();
        Captured d = capture(other);
        String code = outboxMessage(other.phone()).get("code").asText();
        HttpResponse<String> confirmed = code(d, code, d.token());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        JsonNode receipt = JSON.readTree(confirmed.body());
        assertEquals("GRANTED", purpose(receipt, "marketing-sms").get("status").asText());
        assertEquals("[\"phone\"]", receipt.get("verified").toString());
        assertEquals(404, code(d, code, d.token()).statusCode(), "used");
    }

    @Test
    void unconfirmedPurposesAndTheirFieldsExpireWhenTheClockPassesTheWindow() throws Exception {
        Person person = Person.fresh();
        Captured c = capture(person);
        outboxMessage(person.email());
        String receiptPk = "RECEIPT#" + c.id();
        String confirmationPk = "CONFIRMATION#" + c.id();

        Map<String, LocalFunction> consumers =
                TtlReaper.streamConsumers(cloud.stack, cloud.cloud.clientEnvironment());
        Clock in8Days = Clock.fixed(Instant.now().plus(8, ChronoUnit.DAYS), ZoneOffset.UTC);
        try (TtlReaper reaper = new TtlReaper(cloud.stack, cloud.cloud, consumers, in8Days)) {
            reaper.reapOnce();
        }

        List<String> left = new ArrayList<>();
        for (Map<String, AttributeValue> item : cloud.scanConsentTable()) {
            String pk = item.get("pk").s();
            if (pk.equals(receiptPk) || pk.equals(confirmationPk)) {
                left.add(item.get("sk").s());
                assertFalse(item.containsKey("sealed"), "nothing sealed is left: " + item.keySet());
                assertFalse(
                        item.containsKey("emailKey"), "no trace of the email: " + item.keySet());
                assertFalse(
                        item.containsKey("phoneKey"), "no trace of the phone: " + item.keySet());
            }
        }
        assertEquals(
                Set.of("RECEIPT", "PURPOSE#analytics"),
                Set.copyOf(left),
                "the receipt lives on for analytics (no personal data); the unconfirmed purposes,"
                        + " their fields and their confirmations are gone");
        JsonNode receipt = view(c);
        assertEquals(1, receipt.get("purposes").size());
        assertTrue(receipt.get("piiPrincipal").isEmpty());
    }

    /** The outbox messages the consent table holds now. */
    private static Set<String> outboxItems() {
        Set<String> pks = new java.util.HashSet<>();
        cloud.scanConsentTable().stream()
                .map(i -> i.get("pk").s())
                .filter(pk -> pk.startsWith("OUTBOX#"))
                .forEach(pks::add);
        return pks;
    }

    @Test
    void noTableQueueOutboxLeftoverOrLogHoldsAnAddressInClear() throws Exception {
        sender.pollOnce();
        Set<String> before = outboxItems();
        Person person = Person.fresh();
        Captured c = capture(person);
        String link = outboxMessage(person.email()).get("links").get(0).asText();
        send(
                HttpRequest.newBuilder(URI.create(link))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.noBody()));
        code(c, outboxMessage(person.phone()).get("code").asText(), c.token());

        List<String> needles =
                List.of(
                        person.email(),
                        person.email().split("@")[0],
                        person.phone(),
                        person.phone().substring(1));
        for (String table :
                List.of("ConsentTable", "ReceiptKeysTable", "AuditTable", "PrivacyRequestsTable")) {
            for (Map<String, AttributeValue> item : cloud.scan(table)) {
                String raw = item.toString() + rawBytes(item);
                needles.forEach(n -> assertFalse(raw.contains(n), table + " holds " + n));
            }
        }
        assertTrue(
                before.containsAll(outboxItems()),
                "this capture's messages were sent and deleted with their sealed addresses");
        for (String queue :
                List.of(
                        "MessageSendFailureQueue",
                        "DeletionRequestsQueue",
                        "ComplaintsQueue",
                        "RetentionAuditFailureQueue")) {
            String url = cloud.stack.physicalId(queue);
            String bodies =
                    new dev.consentvault.aws.AwsClients(cloud.cloud.clientEnvironment())
                            .sqs()
                            .receiveMessage(
                                    r ->
                                            r.queueUrl(url)
                                                    .maxNumberOfMessages(10)
                                                    .visibilityTimeout(0))
                            .messages()
                            .toString();
            needles.forEach(n -> assertFalse(bodies.contains(n), queue + " holds " + n));
        }
        String logs = LOGS.toString(StandardCharsets.UTF_8);
        assertTrue(logs.contains("send-messages"), "the sender logged");
        needles.forEach(n -> assertFalse(logs.contains(n), "a log line holds " + n));
    }

    private static String rawBytes(Map<String, AttributeValue> item) {
        StringBuilder out = new StringBuilder();
        item.values().stream()
                .filter(v -> v.b() != null)
                .forEach(
                        v ->
                                out.append(
                                        new String(
                                                v.b().asByteArray(), StandardCharsets.ISO_8859_1)));
        return out.toString();
    }

    /** Fails the first {@code failures} SES SendEmail calls, as an unavailable SES would. */
    private static final class FlakySes implements ExecutionInterceptor {
        final AtomicInteger calls = new AtomicInteger();
        private final int failures;

        FlakySes(int failures) {
            this.failures = failures;
        }

        @Override
        public void beforeTransmission(
                Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if ("SendEmail".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                    && calls.incrementAndGet() <= failures) {
                throw SdkClientException.create("injected SES outage");
            }
        }
    }

    @Test
    void aSendThatFailsIsRetriedAndTheMessageIsKeptUntilItIsSent() throws Exception {
        // catch up first, so the only message this sender sees is the one below
        StreamPoller flakySender;
        FlakySes ses = new FlakySes(2);
        flakySender = cloud.sender(ses);
        flakySender.pollOnce();
        ses.calls.set(0);

        Set<String> before = outboxItems();
        Person person = Person.fresh();
        capture(person);
        // fails twice (the call and the local event source's first retry), then goes
        FlakySes always = new FlakySes(Integer.MAX_VALUE);
        StreamPoller downSender = cloud.sender(always);
        downSender.pollOnce();
        assertTrue(always.calls.get() >= 3, "tried and retried: " + always.calls.get());
        Set<String> waiting = outboxItems();
        waiting.removeAll(before);
        assertEquals(1, waiting.size(), "while SES is down, the email waits in the table (sealed)");
        HttpResponse<String> outbox = send(HttpRequest.newBuilder(base.resolve("/_local/outbox")));
        assertFalse(outbox.body().contains(person.email()), "nothing went out");

        flakySender.pollOnce();
        assertEquals(3, ses.calls.get(), "two failures, then the retry that went through");
        HttpResponse<String> after = send(HttpRequest.newBuilder(base.resolve("/_local/outbox")));
        assertTrue(after.body().contains(person.email()), "sent once SES answered");
        assertFalse(outboxItems().containsAll(waiting), "and deleted once sent");
        flakySender.close();
        downSender.close();
    }
}
