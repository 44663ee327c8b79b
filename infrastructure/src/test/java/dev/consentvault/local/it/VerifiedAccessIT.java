package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoConsentStore;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.core.crypto.Envelope;
import dev.consentvault.core.notify.Channel;
import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.OutboundMessage;
import dev.consentvault.core.notify.Outbox;
import dev.consentvault.core.notify.OutboxItem;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.privacy.RequestType;
import dev.consentvault.functions.handler.AccessLinksHandler;
import dev.consentvault.functions.handler.MyDataHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The way back for a person without their receipt token, on the local cloud: ask for a link or code
 * (one answer whatever is held, rate-limited), redeem it once for a session, and with the session
 * see, withdraw, export and delete everything; from an attacker's side, knowing an email gets
 * nothing. Messages are read from the outbox items in the consent table (what the sender sends).
 */
class VerifiedAccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloudFixture cloud;
    private static DynamoConsentStore store;
    private static Outbox outbox;
    private static DynamoPrivacyRequestStore requests;

    @BeforeAll
    static void start() {
        cloud = LocalCloudFixture.get();
        AwsClients aws = new AwsClients(cloud.cloud.clientEnvironment());
        store = new DynamoConsentStore(aws.dynamoDb(), cloud.consentTable(), cloud.keysTable());
        Map<String, String> env = cloud.functionEnvironment("AccessLinksFunction");
        outbox =
                new Outbox(
                        Envelope.forTable(
                                new KmsKeyService(aws.kms(), env.get("KMS_KEY_ID")),
                                cloud.consentTable(),
                                Clock.systemUTC()),
                        cloud.consentTable());
        requests =
                new DynamoPrivacyRequestStore(
                        aws.dynamoDb(), cloud.stack.physicalId("PrivacyRequestsTable"));
    }

    /**
     * The stack's sender sends (and deletes) every message these tests wrote, as it would within a
     * second: nothing is left in the shared table's outbox for other tests to find.
     */
    @org.junit.jupiter.api.AfterAll
    static void sendWhatWasWritten() {
        dev.consentvault.local.StreamPoller sender = cloud.sender();
        for (int i = 0; i < 20 && sender.pollOnce() > 0; i++) {
            // until the stream has nothing new
        }
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    private static AccessLinksHandler links(Clock clock, ExecutionInterceptor... interceptors) {
        return new AccessLinksHandler(cloud.api("AccessLinksFunction", clock, interceptors));
    }

    private static MyDataHandler myData(Clock clock, ExecutionInterceptor... interceptors) {
        return new MyDataHandler(cloud.api("MyDataFunction", clock, interceptors));
    }

    static APIGatewayV2HTTPEvent event(String route, String token, String body) {
        APIGatewayV2HTTPEvent event = cloud.bearerEvent("access-link.json", token, body);
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1);
        event.setRouteKey(route);
        event.setRawPath(path);
        event.getRequestContext().setRouteKey(route);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(path);
        if (body == null) {
            event.setBody(null);
            Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
            headers.remove("content-type");
            event.setHeaders(headers);
        }
        return event;
    }

    static JsonNode capture(String body) throws Exception {
        APIGatewayV2HTTPResponse response =
                cloud.captureHandler().handleRequest(cloud.captureEvent(body, Map.of()), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody());
    }

    /** The outbox messages written since {@code before} (pks), opened as the sender opens them. */
    static List<OutboundMessage> messagesSince(Set<String> before) {
        List<OutboundMessage> messages = new ArrayList<>();
        for (Map<String, AttributeValue> raw : cloud.scanConsentTable()) {
            String pk = raw.get("pk").s();
            if (pk.startsWith("OUTBOX#") && !before.contains(pk)) {
                messages.add(outbox.open(OutboxItem.of(store.find(pk, raw.get("sk").s()).get())));
            }
        }
        return messages;
    }

    static Set<String> pks(String prefix) {
        return cloud.scanConsentTable().stream()
                .map(i -> i.get("pk").s())
                .filter(pk -> pk.startsWith(prefix))
                .collect(Collectors.toSet());
    }

    static APIGatewayV2HTTPResponse askForLink(AccessLinksHandler handler, String body) {
        return handler.handleRequest(event("POST /v1/access-links", null, body), null);
    }

    static String linkToken(OutboundMessage message) {
        String link = message.params().get(OutboundMessage.LINK);
        return link.substring(link.indexOf("#link=") + "#link=".length());
    }

    static String openSession(AccessLinksHandler handler, String body) throws Exception {
        APIGatewayV2HTTPResponse opened =
                handler.handleRequest(event("POST /v1/access-sessions", null, body), null);
        assertEquals(201, opened.getStatusCode(), opened.getBody());
        return JSON.readTree(opened.getBody()).get("sessionToken").asText();
    }

    @Test
    void anEmailLinkOpensOneSessionThatSeesExportsWithdrawsAndDeletesEverything() throws Exception {
        Captures ana = new Captures();
        JsonNode first = capture(ana.everyField());
        JsonNode second = capture(ana.emailOnly());
        JsonNode someoneElse = capture(new Captures().emailOnly());
        AccessLinksHandler links = links(Clock.systemUTC());
        MyDataHandler me = myData(Clock.systemUTC());

        Set<String> before = pks("OUTBOX#");
        APIGatewayV2HTTPResponse asked =
                askForLink(
                        links,
                        "{\"email\": \"" + ana.email.toUpperCase() + "\", \"locale\": \"es-ES\"}");
        assertEquals(202, asked.getStatusCode(), asked.getBody());
        List<OutboundMessage> sent = messagesSince(before);
        assertEquals(1, sent.size(), "one message, to the address asked for");
        OutboundMessage message = sent.get(0);
        assertEquals(Channel.EMAIL, message.channel());
        assertEquals(MessageKind.ACCESS_LINK, message.kind());
        assertEquals(ana.email, message.to());
        assertEquals("es-ES", message.locale());
        assertEquals("15", message.params().get(OutboundMessage.EXPIRES_IN_MINUTES));
        assertTrue(
                message.params()
                        .get(OutboundMessage.LINK)
                        .contains("/find-my-data.html?lang=es#link="),
                "the link opens the kit's page in the email's language, the token in the fragment");

        String link = "{\"link\": \"" + linkToken(message) + "\"}";
        String session = openSession(links, link);
        APIGatewayV2HTTPResponse again =
                links.handleRequest(event("POST /v1/access-sessions", null, link), null);
        assertEquals(404, again.getStatusCode(), "a link opens once");

        JsonNode mine =
                JSON.readTree(me.handleRequest(event("GET /v1/me", session, null), null).getBody());
        List<String> ids = new ArrayList<>();
        mine.get("receipts").forEach(r -> ids.add(r.get("receiptId").asText()));
        assertEquals(
                Set.of(first.get("receiptId").asText(), second.get("receiptId").asText()),
                Set.copyOf(ids),
                "both of Ana's receipts, nobody else's");
        assertFalse(mine.toString().contains(ana.email), "masked");
        assertFalse(mine.toString().contains(ana.phone), "the phone was never confirmed here");

        APIGatewayV2HTTPResponse export =
                me.handleRequest(event("GET /v1/me/export", session, null), null);
        assertEquals(200, export.getStatusCode(), export.getBody());
        JsonNode exported = JSON.readTree(export.getBody());
        assertEquals("consent-vault.export/1", exported.get("schema").asText());
        assertEquals(2, exported.get("receipts").size());
        assertTrue(export.getBody().contains(ana.email), "the export is in clear");
        assertFalse(
                export.getBody().contains(ana.phone) || export.getBody().contains(ana.name),
                "but only of what the link proved: the phone and name sit on a receipt where the"
                        + " email was never confirmed");
        PrivacyRequest access =
                requests.find(exported.get("accessRequestId").asText()).orElseThrow();
        assertEquals(RequestType.ACCESS, access.type());
        assertEquals(RequestStatus.COMPLETED, access.status());
        assertEquals("verified-session", access.requestedBy());

        APIGatewayV2HTTPResponse withdrawn =
                me.handleRequest(
                        event(
                                "POST /v1/me/withdrawals",
                                session,
                                "{\"purposes\": [\"contest-entry\"]}"),
                        null);
        assertEquals(200, withdrawn.getStatusCode(), withdrawn.getBody());
        JsonNode after = JSON.readTree(withdrawn.getBody());
        after.get("receipts")
                .forEach(
                        r ->
                                r.get("purposes")
                                        .forEach(
                                                p -> {
                                                    if (p.get("purposeId")
                                                            .asText()
                                                            .equals("contest-entry")) {
                                                        assertEquals(
                                                                "WITHDRAWN",
                                                                p.get("status").asText());
                                                    }
                                                }));

        APIGatewayV2HTTPResponse deletion =
                me.handleRequest(event("POST /v1/me/deletion", session, null), null);
        assertEquals(202, deletion.getStatusCode(), deletion.getBody());
        PrivacyRequest filed =
                requests.find(JSON.readTree(deletion.getBody()).get("requestId").asText())
                        .orElseThrow();
        assertEquals(RequestType.DELETION, filed.type());
        assertEquals(RequestStatus.RECEIVED, filed.status());
        assertNotNull(filed.emailKey(), "everything under the proven email");

        APIGatewayV2HTTPResponse ended =
                me.handleRequest(event("DELETE /v1/me/session", session, null), null);
        assertEquals(204, ended.getStatusCode());
        APIGatewayV2HTTPResponse afterEnd =
                me.handleRequest(event("GET /v1/me", session, null), null);
        assertEquals(404, afterEnd.getStatusCode());
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
                                                                        .asText())));
    }

    @Test
    void askingForALinkAnswersTheSameWhetherOrNotAnythingIsHeldAndTakesComparableTime()
            throws Exception {
        AccessLinksHandler links = links(Clock.systemUTC());
        int rounds = 21;
        long[] held = new long[rounds];
        long[] notHeld = new long[rounds];
        String heldBody = null;
        for (int i = 0; i < rounds; i++) {
            Captures someone = new Captures();
            capture(someone.emailOnly());
            String nobody = "nobody." + UUID.randomUUID() + "@example.com";
            Set<String> before = pks("OUTBOX#");
            APIGatewayV2HTTPResponse a;
            APIGatewayV2HTTPResponse b;
            // alternate which goes first, so warming up favours neither
            if (i % 2 == 0) {
                long t0 = System.nanoTime();
                a = askForLink(links, "{\"email\": \"" + someone.email + "\"}");
                held[i] = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                b = askForLink(links, "{\"email\": \"" + nobody + "\"}");
                notHeld[i] = System.nanoTime() - t1;
            } else {
                long t1 = System.nanoTime();
                b = askForLink(links, "{\"email\": \"" + nobody + "\"}");
                notHeld[i] = System.nanoTime() - t1;
                long t0 = System.nanoTime();
                a = askForLink(links, "{\"email\": \"" + someone.email + "\"}");
                held[i] = System.nanoTime() - t0;
            }
            assertEquals(202, a.getStatusCode());
            assertEquals(202, b.getStatusCode());
            assertEquals(a.getBody(), b.getBody(), "the same body");
            assertEquals(a.getHeaders(), b.getHeaders(), "the same headers");
            heldBody = a.getBody();
            List<OutboundMessage> sent = messagesSince(before);
            assertEquals(1, sent.size(), "a message only to the address that holds something");
            assertEquals(someone.email, sent.get(0).to());
        }
        java.util.Arrays.sort(held);
        java.util.Arrays.sort(notHeld);
        System.out.printf(
                "POST /v1/access-links over %d rounds: held p50 %.1f ms (min %.1f, max %.1f),"
                        + " not held p50 %.1f ms (min %.1f, max %.1f)%n",
                rounds,
                held[rounds / 2] / 1e6,
                held[0] / 1e6,
                held[rounds - 1] / 1e6,
                notHeld[rounds / 2] / 1e6,
                notHeld[0] / 1e6,
                notHeld[rounds - 1] / 1e6);
        assertFalse(heldBody.contains("@"), "the answer repeats nothing of the request");
    }

    @Test
    void threeLinksPerHourPerAddressThenNothingIsSentAndTheAnswerIsUnchanged() throws Exception {
        Captures ana = new Captures();
        capture(ana.emailOnly());
        MovableClock clock = new MovableClock();
        AccessLinksHandler links = links(clock);
        Set<String> before = pks("OUTBOX#");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            APIGatewayV2HTTPResponse asked =
                    askForLink(links, "{\"email\": \"" + ana.email + "\"}");
            assertEquals(202, asked.getStatusCode());
            bodies.add(asked.getBody());
        }
        assertEquals(1, Set.copyOf(bodies).size(), "one answer");
        assertEquals(3, messagesSince(before).size(), "three messages an hour, no more");

        clock.offset = Duration.ofHours(1);
        Set<String> later = pks("OUTBOX#");
        askForLink(links, "{\"email\": \"" + ana.email + "\"}");
        assertEquals(1, messagesSince(later).size(), "the next hour sends again");

        List<String> counters =
                cloud.scanConsentTable().stream()
                        .map(i -> i.get("pk").s())
                        .filter(pk -> pk.startsWith("LIMIT#"))
                        .toList();
        assertFalse(counters.isEmpty());
        for (String counter : counters) {
            assertFalse(counter.contains(ana.email) || counter.contains("ana.cherry"));
        }
    }

    @Test
    void anSmsCodeOpensASessionAndFiveWrongCodesLockTheNumberWhateverIsHeld() throws Exception {
        Captures ana = new Captures();
        capture(
                """
                {"subject": {"phone": "%s"}, "purposes": {"marketing-sms": true},
                 "noticeVersion": "2026-11-01", "source": {"page": "sms"}, "jurisdiction": "EU", "ageConfirmed": true}
                """
                        .formatted(ana.phone));
        AccessLinksHandler links = links(Clock.systemUTC());
        Set<String> before = pks("OUTBOX#");
        assertEquals(202, askForLink(links, "{\"phone\": \"" + ana.phone + "\"}").getStatusCode());
        List<OutboundMessage> sent = messagesSince(before);
        assertEquals(1, sent.size());
        assertEquals(Channel.SMS, sent.get(0).channel());
        assertEquals(MessageKind.ACCESS_CODE, sent.get(0).kind());
        String code = sent.get(0).params().get(OutboundMessage.CODE);
        assertTrue(code.matches("[0-9]{6}"));
        String wrong = code.equals("000000") ? "000001" : "000000";

        APIGatewayV2HTTPResponse miss =
                links.handleRequest(
                        event(
                                "POST /v1/access-sessions",
                                null,
                                "{\"phone\": \"" + ana.phone + "\", \"code\": \"" + wrong + "\"}"),
                        null);
        assertEquals(404, miss.getStatusCode());
        String session =
                openSession(
                        links, "{\"phone\": \"" + ana.phone + "\", \"code\": \"" + code + "\"}");
        JsonNode mine =
                JSON.readTree(
                        myData(Clock.systemUTC())
                                .handleRequest(event("GET /v1/me", session, null), null)
                                .getBody());
        assertEquals(1, mine.get("receipts").size());

        // a number nothing is held under locks exactly alike: the lock says nothing
        for (String phone : List.of(ana.phone, new Captures().phone)) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(
                        links.handleRequest(
                                        event(
                                                "POST /v1/access-sessions",
                                                null,
                                                "{\"phone\": \""
                                                        + phone
                                                        + "\", \"code\": \""
                                                        + wrong
                                                        + "\"}"),
                                        null)
                                .getStatusCode());
            }
            assertEquals(
                    429,
                    statuses.get(statuses.size() - 1),
                    phone.equals(ana.phone) + " " + statuses);
            assertTrue(statuses.stream().allMatch(s -> s == 404 || s == 429), statuses.toString());
        }
    }

    @Test
    void wrongUsedAndExpiredLinksAndSessionsAreOneIdentical404() throws Exception {
        Captures ana = new Captures();
        capture(ana.emailOnly());
        MovableClock clock = new MovableClock();
        AccessLinksHandler links = links(clock);
        MyDataHandler me = myData(clock);

        Set<String> before = pks("OUTBOX#");
        askForLink(links, "{\"email\": \"" + ana.email + "\"}");
        askForLink(links, "{\"email\": \"" + ana.email + "\"}");
        List<OutboundMessage> sent = messagesSince(before);
        assertEquals(2, sent.size());
        String used = linkToken(sent.get(0));
        String session = openSession(links, "{\"link\": \"" + used + "\"}");

        List<String> answers = new ArrayList<>();
        answers.add(
                links.handleRequest(
                                event(
                                        "POST /v1/access-sessions",
                                        null,
                                        "{\"link\": \"" + used + "\"}"),
                                null)
                        .getBody());
        answers.add(
                links.handleRequest(
                                event(
                                        "POST /v1/access-sessions",
                                        null,
                                        "{\"link\": \"" + "A".repeat(43) + "\"}"),
                                null)
                        .getBody());
        answers.add(me.handleRequest(event("GET /v1/me", "not-a-session", null), null).getBody());
        answers.add(me.handleRequest(event("GET /v1/me", null, null), null).getBody());
        answers.add(me.handleRequest(event("GET /v1/me/export", null, null), null).getBody());
        clock.offset = Duration.ofMinutes(16);
        answers.add(
                links.handleRequest(
                                event(
                                        "POST /v1/access-sessions",
                                        null,
                                        "{\"link\": \"" + linkToken(sent.get(1)) + "\"}"),
                                null)
                        .getBody());
        assertEquals(
                200, me.handleRequest(event("GET /v1/me", session, null), null).getStatusCode());
        clock.offset = Duration.ofMinutes(31);
        APIGatewayV2HTTPResponse expired =
                me.handleRequest(event("GET /v1/me", session, null), null);
        assertEquals(404, expired.getStatusCode());
        answers.add(expired.getBody());
        assertEquals(1, Set.copyOf(answers).size(), answers.toString());
        assertTrue(answers.get(0).contains("urn:consent-vault:problem:access-not-found"));
    }

    @Test
    void someoneWhoKnowsOnlyAnEmailGetsNothingAndNoDifferentAnswer() throws Exception {
        Captures ana = new Captures();
        capture(ana.everyField());
        AccessLinksHandler links = links(Clock.systemUTC());
        MyDataHandler me = myData(Clock.systemUTC());

        APIGatewayV2HTTPResponse asked = askForLink(links, "{\"email\": \"" + ana.email + "\"}");
        APIGatewayV2HTTPResponse unknown =
                askForLink(links, "{\"email\": \"x." + UUID.randomUUID() + "@example.com\"}");
        assertEquals(asked.getStatusCode(), unknown.getStatusCode());
        assertEquals(asked.getBody(), unknown.getBody());
        for (String route :
                List.of(
                        "GET /v1/me",
                        "GET /v1/me/export",
                        "POST /v1/me/deletion",
                        "DELETE /v1/me/session")) {
            APIGatewayV2HTTPResponse answer = me.handleRequest(event(route, ana.email, null), null);
            assertEquals(404, answer.getStatusCode(), route);
            assertFalse(answer.getBody().contains("ana.cherry"), route);
        }
        // the email is no link token, no code opens without the phone, and guesses lock
        APIGatewayV2HTTPResponse guessed =
                links.handleRequest(
                        event(
                                "POST /v1/access-sessions",
                                null,
                                "{\"link\": \"" + ana.email + "\"}"),
                        null);
        assertEquals(400, guessed.getStatusCode());
        assertFalse(guessed.getBody().contains("ana.cherry"), "the token is not echoed");
    }

    @Test
    void aLinkWhoseWriteFailsLeavesNeitherLinkNorMessageAndTheRetryWorks() throws Exception {
        Captures ana = new Captures();
        capture(ana.emailOnly());
        InjectedFault fault =
                new InjectedFault(InjectedFault.Mode.FAIL, Set.of("TransactWriteItems"));
        AccessLinksHandler links = links(Clock.systemUTC(), fault);
        Set<String> outboxBefore = pks("OUTBOX#");
        Set<String> linksBefore = pks("ACCESS#");
        fault.armed = true;
        APIGatewayV2HTTPResponse failed = askForLink(links, "{\"email\": \"" + ana.email + "\"}");
        fault.armed = false;
        assertEquals(503, failed.getStatusCode(), failed.getBody());
        assertEquals(1, fault.caught, "the counter was taken, then the one write failed");
        assertEquals(outboxBefore, pks("OUTBOX#"), "no message without its link");
        assertEquals(linksBefore, pks("ACCESS#"), "no link without its message");

        assertEquals(202, askForLink(links, "{\"email\": \"" + ana.email + "\"}").getStatusCode());
        assertEquals(1, messagesSince(outboxBefore).size());
    }

    @Test
    void aRedemptionWhoseExchangeHangsOpensNoSessionAndTheLinkStillWorksOnce() throws Exception {
        Captures ana = new Captures();
        capture(ana.emailOnly());
        AccessLinksHandler links = links(Clock.systemUTC());
        Set<String> before = pks("OUTBOX#");
        askForLink(links, "{\"email\": \"" + ana.email + "\"}");
        String body = "{\"link\": \"" + linkToken(messagesSince(before).get(0)) + "\"}";

        InjectedFault hang =
                new InjectedFault(InjectedFault.Mode.HANG, Set.of("TransactWriteItems"));
        AccessLinksHandler hanging = links(Clock.systemUTC(), hang);
        Set<String> sessions = pks("SESSION#");
        hang.armed = true;
        APIGatewayV2HTTPResponse timedOut =
                hanging.handleRequest(event("POST /v1/access-sessions", null, body), null);
        hang.armed = false;
        assertEquals(503, timedOut.getStatusCode(), timedOut.getBody());
        assertEquals(sessions, pks("SESSION#"), "no session half-opened");

        openSession(links, body);
        assertEquals(
                404,
                links.handleRequest(event("POST /v1/access-sessions", null, body), null)
                        .getStatusCode());
    }

    @Test
    void anExportWhoseAccessRecordCannotBeWrittenHandsOutNothing() throws Exception {
        Captures ana = new Captures();
        capture(ana.emailOnly());
        AccessLinksHandler links = links(Clock.systemUTC());
        Set<String> before = pks("OUTBOX#");
        askForLink(links, "{\"email\": \"" + ana.email + "\"}");
        String session =
                openSession(
                        links, "{\"link\": \"" + linkToken(messagesSince(before).get(0)) + "\"}");
        InjectedFault fault = new InjectedFault(InjectedFault.Mode.FAIL, Set.of("PutItem"));
        MyDataHandler me = myData(Clock.systemUTC(), fault);
        fault.armed = true;
        APIGatewayV2HTTPResponse export =
                me.handleRequest(event("GET /v1/me/export", session, null), null);
        fault.armed = false;
        assertEquals(503, export.getStatusCode());
        assertFalse(export.getBody().contains(ana.email));
        assertEquals(
                200,
                me.handleRequest(event("GET /v1/me/export", session, null), null).getStatusCode());
    }

    @Test
    void noAddressOrNumberIsStoredOrLoggedInClear() throws Exception {
        Captures ana = new Captures();
        capture(ana.everyField());
        AccessLinksHandler links = links(Clock.systemUTC());
        Set<String> before = pks("OUTBOX#");
        askForLink(links, "{\"email\": \"" + ana.email + "\"}");
        askForLink(links, "{\"phone\": \"" + ana.phone + "\"}");
        askForLink(links, "{\"email\": \"never." + ana.email + "\"}");
        List<OutboundMessage> sent = messagesSince(before);
        String session =
                openSession(
                        links,
                        "{\"link\": \""
                                + linkToken(
                                        sent.stream()
                                                .filter(m -> m.channel() == Channel.EMAIL)
                                                .findFirst()
                                                .orElseThrow())
                                + "\"}");
        MyDataHandler me = myData(Clock.systemUTC());
        me.handleRequest(event("GET /v1/me/export", session, null), null);
        me.handleRequest(event("POST /v1/me/deletion", session, null), null);

        String digits = ana.phone.substring(1);
        for (String table : List.of("ConsentTable", "PrivacyRequestsTable", "ReceiptKeysTable")) {
            for (Map<String, AttributeValue> item : cloud.scan(table)) {
                String raw = item.toString();
                assertFalse(raw.contains("ana.cherry"), table + " " + item.keySet());
                assertFalse(raw.contains(digits), table + " " + item.keySet());
            }
        }
        String logFile = System.getProperty("consentvault.log.file");
        if (logFile != null && Files.exists(Path.of(logFile))) {
            String logs = Files.readString(Path.of(logFile), StandardCharsets.UTF_8);
            assertTrue(logs.contains("access-links"), "the functions did log");
            assertFalse(logs.contains("ana.cherry"));
            assertFalse(logs.contains(digits));
        }
    }
}
