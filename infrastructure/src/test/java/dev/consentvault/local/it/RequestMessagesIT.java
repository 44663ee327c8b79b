package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.notify.Channel;
import dev.consentvault.core.notify.MessageKind;
import dev.consentvault.core.notify.OutboundMessage;
import dev.consentvault.functions.handler.PrivacyRequestHandler;
import dev.consentvault.local.SqsPoller;
import dev.consentvault.support.SupportCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The person hears back: filing, completing and extending a request, and acknowledging and closing
 * a complaint, each writes one message to the verified contact (or the complaint's own) in the
 * capture's language, in the same write as the change; a receipt token alone proves no contact, so
 * a stranger's filing tells nobody. Read from the consent table's outbox items, opened as the
 * sender opens them.
 */
class RequestMessagesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloudFixture cloud;
    private static PrivacyRequestHandler api;
    private static SqsPoller deletions;

    @BeforeAll
    static void start() {
        VerifiedAccessIT.start();
        cloud = LocalCloudFixture.get();
        api = new PrivacyRequestHandler(cloud.functionEnvironment("PrivacyRequestFunction"));
        for (SqsPoller poller : SqsPoller.forTemplate(cloud.stack, cloud.cloud, Duration.ZERO)) {
            if (poller.functionLogicalId().equals("DeletionProcessorFunction")) {
                deletions = poller;
            }
        }
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

    private static APIGatewayV2HTTPResponse file(String body, String token) {
        APIGatewayV2HTTPResponse response =
                api.handleRequest(
                        cloud.bearerEvent("privacy-request-deletion.json", token, body), null);
        cloud.dispatchFiled();
        return response;
    }

    private static void assertOnlyRequestFacts(OutboundMessage message, String requestId) {
        assertEquals(requestId, message.params().get(OutboundMessage.REQUEST_ID));
        assertTrue(
                Set.of(OutboundMessage.REQUEST_ID, OutboundMessage.DUE_DATE)
                        .containsAll(message.params().keySet()),
                message.params().keySet().toString());
    }

    @Test
    void aDeletionWithAConfirmedEmailIsToldWhenFiledAndWhenDoneInTheCapturesLanguage()
            throws Exception {
        Captures ana = new Captures();
        JsonNode receipt = VerifiedAccessIT.capture(ana.everyField());
        String receiptId = receipt.get("receiptId").asText();
        cloud.confirm(receiptId, "email");

        Set<String> before = VerifiedAccessIT.pks("OUTBOX#");
        APIGatewayV2HTTPResponse filed =
                file(
                        "{\"type\": \"deletion\", \"receiptId\": \"" + receiptId + "\"}",
                        receipt.get("receiptToken").asText());
        assertEquals(202, filed.getStatusCode(), filed.getBody());
        JsonNode answer = JSON.readTree(filed.getBody());
        String requestId = answer.get("requestId").asText();
        List<OutboundMessage> told = VerifiedAccessIT.messagesSince(before);
        assertEquals(1, told.size());
        OutboundMessage message = told.get(0);
        assertEquals(MessageKind.REQUEST_FILED, message.kind());
        assertEquals(Channel.EMAIL, message.channel());
        assertEquals(ana.email, message.to(), "the confirmed address, not the phone");
        assertEquals("es", message.locale(), "the supported locale of the capture's es-ES");
        assertEquals(
                answer.get("dueAt").asText().substring(0, 10),
                message.params().get(OutboundMessage.DUE_DATE));
        assertOnlyRequestFacts(message, requestId);

        Set<String> beforeDone = VerifiedAccessIT.pks("OUTBOX#");
        for (int i = 0; i < 5; i++) {
            deletions.pollOnce(Duration.ZERO);
        }
        // other tests' deletions may complete in the same polls: only Ana's messages count
        List<OutboundMessage> done =
                VerifiedAccessIT.messagesSince(beforeDone).stream()
                        .filter(m -> m.to().equals(ana.email))
                        .toList();
        assertEquals(1, done.size(), "done, told once");
        assertEquals(MessageKind.REQUEST_COMPLETED, done.get(0).kind());
        assertEquals(ana.email, done.get(0).to());
        assertEquals("es", done.get(0).locale());
        assertOnlyRequestFacts(done.get(0), requestId);
    }

    @Test
    void aDeletionWithAnUnconfirmedReceiptTellsNobody() throws Exception {
        Captures victim = new Captures();
        JsonNode planted = VerifiedAccessIT.capture(victim.emailOnly());
        Set<String> before = VerifiedAccessIT.pks("OUTBOX#");
        APIGatewayV2HTTPResponse filed =
                file(
                        "{\"type\": \"deletion\", \"receiptId\": \""
                                + planted.get("receiptId").asText()
                                + "\"}",
                        planted.get("receiptToken").asText());
        assertEquals(202, filed.getStatusCode());
        for (int i = 0; i < 5; i++) {
            deletions.pollOnce(Duration.ZERO);
        }
        assertEquals(
                List.of(),
                VerifiedAccessIT.messagesSince(before).stream()
                        .filter(m -> m.to().equals(victim.email))
                        .toList(),
                "no mail to an address nobody proved");
    }

    @Test
    void aDeletionFromAVerifiedSessionIsToldToTheProvenAddress() throws Exception {
        Captures ana = new Captures();
        VerifiedAccessIT.capture(ana.everyField());
        var links =
                new dev.consentvault.functions.handler.AccessLinksHandler(
                        cloud.api("AccessLinksFunction", Clock.systemUTC()));
        Set<String> before = VerifiedAccessIT.pks("OUTBOX#");
        VerifiedAccessIT.askForLink(links, "{\"email\": \"" + ana.email + "\"}");
        String session =
                VerifiedAccessIT.openSession(
                        links,
                        "{\"link\": \""
                                + VerifiedAccessIT.linkToken(
                                        VerifiedAccessIT.messagesSince(before).get(0))
                                + "\"}");
        Set<String> beforeFiling = VerifiedAccessIT.pks("OUTBOX#");
        APIGatewayV2HTTPResponse deletion =
                new dev.consentvault.functions.handler.MyDataHandler(
                                cloud.api("MyDataFunction", Clock.systemUTC()))
                        .handleRequest(
                                VerifiedAccessIT.event("POST /v1/me/deletion", session, null),
                                null);
        assertEquals(202, deletion.getStatusCode(), deletion.getBody());
        List<OutboundMessage> told = VerifiedAccessIT.messagesSince(beforeFiling);
        assertEquals(1, told.size());
        assertEquals(MessageKind.REQUEST_FILED, told.get(0).kind());
        assertEquals(ana.email, told.get(0).to());
        assertEquals("es", told.get(0).locale());
        assertOnlyRequestFacts(
                told.get(0), JSON.readTree(deletion.getBody()).get("requestId").asText());
    }

    @Test
    void aComplaintIsToldFiledAcknowledgedAndClosedAndADeletionItsExtension() throws Exception {
        String contact = "bea." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Set<String> before = VerifiedAccessIT.pks("OUTBOX#");
        APIGatewayV2HTTPResponse filed =
                file(
                        "{\"type\": \"complaint\", \"message\": \"Why do I get texts?\","
                                + " \"contact\": \""
                                + contact
                                + "\", \"jurisdiction\": \"EU\"}",
                        null);
        assertEquals(202, filed.getStatusCode(), filed.getBody());
        String complaintId = JSON.readTree(filed.getBody()).get("requestId").asText();
        List<OutboundMessage> told = new ArrayList<>(VerifiedAccessIT.messagesSince(before));
        assertEquals(1, told.size());
        assertEquals(MessageKind.REQUEST_FILED, told.get(0).kind());
        assertEquals(contact, told.get(0).to());
        assertOnlyRequestFacts(told.get(0), complaintId);

        // the complaint processor opens it; then staff acknowledge, then close
        for (SqsPoller poller : SqsPoller.forTemplate(cloud.stack, cloud.cloud, Duration.ZERO)) {
            if (poller.functionLogicalId().equals("ComplaintProcessorFunction")) {
                for (int i = 0; i < 5; i++) {
                    poller.pollOnce(Duration.ZERO);
                }
            }
        }
        Set<String> beforeAck = VerifiedAccessIT.pks("OUTBOX#");
        assertEquals(0, cli("acknowledge", complaintId));
        List<OutboundMessage> acknowledged = VerifiedAccessIT.messagesSince(beforeAck);
        assertEquals(1, acknowledged.size());
        assertEquals(MessageKind.COMPLAINT_ACKNOWLEDGED, acknowledged.get(0).kind());
        assertEquals(contact, acknowledged.get(0).to());
        assertOnlyRequestFacts(acknowledged.get(0), complaintId);

        Set<String> beforeClose = VerifiedAccessIT.pks("OUTBOX#");
        assertEquals(0, cli("close", complaintId));
        List<OutboundMessage> closed = VerifiedAccessIT.messagesSince(beforeClose);
        assertEquals(1, closed.size());
        assertEquals(MessageKind.COMPLAINT_CLOSED, closed.get(0).kind());
        assertEquals(contact, closed.get(0).to());

        Captures ana = new Captures();
        JsonNode receipt = VerifiedAccessIT.capture(ana.everyField());
        cloud.confirm(receipt.get("receiptId").asText(), "phone");
        APIGatewayV2HTTPResponse deletion =
                api.handleRequest(
                        cloud.bearerEvent(
                                "privacy-request-deletion.json",
                                receipt.get("receiptToken").asText(),
                                "{\"type\": \"deletion\", \"receiptId\": \""
                                        + receipt.get("receiptId").asText()
                                        + "\"}"),
                        null);
        String deletionId = JSON.readTree(deletion.getBody()).get("requestId").asText();
        Set<String> beforeExtend = VerifiedAccessIT.pks("OUTBOX#");
        assertEquals(0, cli("extend", deletionId, "--reason", "many systems to search"));
        List<OutboundMessage> extended = VerifiedAccessIT.messagesSince(beforeExtend);
        assertEquals(1, extended.size());
        assertEquals(MessageKind.REQUEST_EXTENDED, extended.get(0).kind());
        assertEquals(Channel.SMS, extended.get(0).channel(), "the phone was what was confirmed");
        assertEquals(ana.phone, extended.get(0).to());
        assertOnlyRequestFacts(extended.get(0), deletionId);
        assertFalse(
                extended.get(0).params().containsValue("many systems to search"),
                "staff's reason is not sent in the message");
        cloud.dispatchFiled();
        for (int i = 0; i < 5; i++) {
            deletions.pollOnce(Duration.ZERO);
        }
    }

    @Test
    void aFilingWhoseOneWriteFailsLeavesNeitherRequestNorMessage() throws Exception {
        Captures ana = new Captures();
        JsonNode receipt = VerifiedAccessIT.capture(ana.emailOnly());
        cloud.confirm(receipt.get("receiptId").asText(), "email");
        InjectedFault fault =
                new InjectedFault(InjectedFault.Mode.FAIL, Set.of("TransactWriteItems"));
        PrivacyRequestHandler faulty =
                new PrivacyRequestHandler(
                        cloud.api("PrivacyRequestFunction", Clock.systemUTC(), fault)
                                .privacyRequests());
        Set<String> before = VerifiedAccessIT.pks("OUTBOX#");
        int requestsBefore = cloud.scan("PrivacyRequestsTable").size();
        fault.armed = true;
        APIGatewayV2HTTPResponse failed =
                faulty.handleRequest(
                        cloud.bearerEvent(
                                "privacy-request-deletion.json",
                                receipt.get("receiptToken").asText(),
                                "{\"type\": \"deletion\", \"receiptId\": \""
                                        + receipt.get("receiptId").asText()
                                        + "\"}"),
                        null);
        fault.armed = false;
        assertEquals(503, failed.getStatusCode(), failed.getBody());
        assertEquals(1, fault.caught);
        assertEquals(List.of(), VerifiedAccessIT.messagesSince(before), "no message");
        assertEquals(requestsBefore, cloud.scan("PrivacyRequestsTable").size(), "and no request");
    }

    private static int cli(String... args) {
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return SupportCli.run(
                line.toArray(String[]::new),
                cloud.cloud.clientEnvironment(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }
}
