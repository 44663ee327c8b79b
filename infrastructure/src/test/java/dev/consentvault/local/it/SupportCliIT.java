package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.core.privacy.Filing;
import dev.consentvault.core.privacy.LegalRegime;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.QueueMessages;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.privacy.RequestType;
import dev.consentvault.support.SupportCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every command of the support CLI, run in-process against the local cloud the way staff run it.
 */
class SupportCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    private record Result(int code, String out, String err) {

        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    /**
     * The CLI with the fixture's stack, endpoint and dummy credentials, as a staff member
     * "it-staff".
     */
    private Result cli(String... args) {
        return cliAt(cloud.cloud.endpoint().toString(), "it-staff", args);
    }

    /** The same, with every AWS call sent to {@code endpoint}, as staff member {@code staff}. */
    private Result cliAt(String endpoint, String staff, String... args) {
        List<String> line =
                new ArrayList<>(
                        List.of(
                                "--stack",
                                cloud.stack.stackName(),
                                "--endpoint-url",
                                endpoint,
                                "--region",
                                "us-east-1",
                                "--staff-id",
                                staff));
        line.addAll(List.of(args));
        return run(line.toArray(String[]::new));
    }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                SupportCli.run(
                        args,
                        cloud.cloud.clientEnvironment(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result ok(String... args) {
        Result result = cli(args);
        assertEquals(
                0,
                result.code(),
                String.join(" ", args) + "\nstdout: " + result.out() + "\nstderr: " + result.err());
        return result;
    }

    private JsonNode capture(String body) throws Exception {
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

    private JsonNode status(String requestId) throws Exception {
        return ok("--json", "status", requestId).json();
    }

    /**
     * A deletion queue message, read raw and made visible again at once (other tests' messages
     * share the queue).
     */
    private Optional<String> deletionMessage(String requestId) {
        cloud.dispatchFiled();
        String queueUrl = cloud.stack.physicalId("DeletionRequestsQueue");
        try (SqsClient sqs = new AwsClients(cloud.cloud.clientEnvironment()).sqs()) {
            for (int attempt = 0; attempt < 10; attempt++) {
                List<Message> messages =
                        sqs.receiveMessage(
                                        r ->
                                                r.queueUrl(queueUrl)
                                                        .maxNumberOfMessages(10)
                                                        .visibilityTimeout(0)
                                                        .waitTimeSeconds(0))
                                .messages();
                Optional<String> mine =
                        messages.stream()
                                .map(Message::body)
                                .filter(b -> b.contains(requestId))
                                .findFirst();
                if (mine.isPresent() || messages.isEmpty()) {
                    return mine;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The stack's sender sends (and deletes) every message these tests caused, as it would within a
     * second: nothing is left in the shared table's outbox for other tests to find.
     */
    @org.junit.jupiter.api.AfterAll
    static void sendWhatWasWritten() {
        dev.consentvault.local.StreamPoller sender = LocalCloudFixture.get().sender();
        for (int i = 0; i < 20 && sender.pollOnce() > 0; i++) {
            // until the stream has nothing new
        }
    }

    @Test
    void requestDeletionByEmailRecordsAndQueuesItWithTheGdprClockAndNoPlaintextAnywhere()
            throws Exception {
        Captures person = new Captures();
        capture(person.emailOnly());

        Result filed =
                ok(
                        "request-deletion",
                        "--identity-verified",
                        "--email",
                        person.email.toUpperCase(),
                        "--jurisdiction",
                        "eu",
                        "--ticket",
                        "SUP-101");
        assertTrue(
                filed.out().startsWith("Deletion request filed; the dispatcher queues it."),
                filed.out());
        String requestId =
                filed.out()
                        .lines()
                        .filter(l -> l.startsWith("Request "))
                        .findFirst()
                        .orElseThrow()
                        .substring("Request".length())
                        .strip();

        JsonNode status = status(requestId);
        assertEquals("deletion", status.get("type").asText());
        assertEquals("RECEIVED", status.get("status").asText());
        assertEquals("EU", status.get("jurisdiction").asText());
        assertEquals("GDPR", status.get("regime").asText());
        Instant received = Instant.parse(status.get("receivedAt").asText());
        assertTrue(Duration.between(received, Instant.now()).abs().toMinutes() < 5);
        assertEquals(
                received.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant(),
                Instant.parse(status.get("dueAt").asText()),
                "GDPR: one calendar month");
        assertEquals("staff:it-staff", status.get("requestedBy").asText());
        assertEquals("SUP-101", status.get("ticket").asText());
        assertFalse(status.get("extended").asBoolean());
        assertFalse(status.get("overdue").asBoolean());

        String message =
                deletionMessage(requestId)
                        .orElseThrow(() -> new AssertionError("no queue message for " + requestId));
        assertFalse(message.toLowerCase().contains(person.email), message);
        assertFalse(message.contains(person.email.split("@")[0]), message);
        assertNotNull(
                JSON.readTree(message).at("/subject/emailKey").textValue(),
                "the subject key stands for the email");
        for (Result shown : List.of(filed, ok("status", requestId))) {
            assertFalse(
                    (shown.out() + shown.err()).toLowerCase().contains(person.email),
                    "never shown back");
        }
    }

    @Test
    void requestDeletionByReceiptTakesTheReceiptsSubjectAndJurisdiction() throws Exception {
        JsonNode receipt = capture(new Captures().everyField());
        String receiptId = receipt.get("receiptId").asText();

        JsonNode filed =
                ok("--json", "request-deletion", "--identity-verified", "--receipt", receiptId)
                        .json();
        assertEquals("RECEIVED", filed.get("status").asText());
        JsonNode status = status(filed.get("requestId").asText());
        assertEquals("EU", status.get("jurisdiction").asText());
        assertEquals(
                Instant.parse(status.get("receivedAt").asText())
                        .atOffset(ZoneOffset.UTC)
                        .plusMonths(1)
                        .toInstant(),
                Instant.parse(filed.get("dueAt").asText()));
        JsonNode message =
                JSON.readTree(deletionMessage(filed.get("requestId").asText()).orElseThrow());
        assertEquals(receiptId, message.at("/subject/receiptId").asText());
        assertTrue(
                message.at("/subject").has("emailKey") && message.at("/subject").has("phoneKey"));

        Result unknown =
                cli(
                        "request-deletion",
                        "--identity-verified",
                        "--receipt",
                        UUID.randomUUID().toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("no receipt"), unknown.err());
    }

    @Test
    void fileComplaintThenAcknowledgeItAndCloseItOnceProcessed() throws Exception {
        Captures person = new Captures();
        JsonNode filed =
                ok(
                                "--json",
                                "file-complaint",
                                "--message",
                                "Too many newsletters, please stop",
                                "--contact",
                                person.email,
                                "--jurisdiction",
                                "EU",
                                "--ticket",
                                "SUP-202")
                        .json();
        String id = filed.get("requestId").asText();
        assertEquals("complaint", filed.get("type").asText());
        JsonNode status = status(id);
        assertEquals("RECEIVED", status.get("status").asText());
        Instant received = Instant.parse(status.get("receivedAt").asText());
        assertEquals(
                received.plus(Duration.ofHours(72)),
                Instant.parse(status.get("acknowledgeBy").asText()));

        Result early = cli("close", id);
        assertEquals(1, early.code(), "not sorted by the complaint processor yet");
        assertTrue(early.err().contains("not processed yet"), early.err());

        cloud.api("ComplaintProcessorFunction", Clock.systemUTC())
                .complaints()
                .process(QueueMessages.complaint(id));
        assertEquals("OPEN", status(id).get("status").asText());
        assertEquals("marketing", status(id).get("category").asText());

        ok("acknowledge", id);
        String acknowledgedAt = status(id).get("acknowledgedAt").asText();
        assertNotNull(Instant.parse(acknowledgedAt));
        ok("acknowledge", id);
        assertEquals(
                acknowledgedAt,
                status(id).get("acknowledgedAt").asText(),
                "the first acknowledgement stands");

        Result closed = ok("close", id);
        assertTrue(closed.out().contains("CLOSED"), closed.out());
        JsonNode after = status(id);
        assertEquals("CLOSED", after.get("status").asText());
        assertNotNull(Instant.parse(after.get("completedAt").asText()));
        assertEquals(4, cli("close", id).code(), "closed already");
        assertEquals(4, cli("acknowledge", id).code(), "no longer open");
    }

    @Test
    void anErasureComplaintWaitsForVerificationThenVerifyRunsTheDeletion() throws Exception {
        Captures person = new Captures();
        String receiptId = capture(person.emailOnly()).get("receiptId").asText();
        String complaintId =
                ok(
                                "--json",
                                "file-complaint",
                                "--message",
                                "Please delete my data",
                                "--contact",
                                person.email,
                                "--jurisdiction",
                                "EU")
                        .json()
                        .get("requestId")
                        .asText();
        cloud.api("ComplaintProcessorFunction", Clock.systemUTC())
                .complaints()
                .process(QueueMessages.complaint(complaintId));
        String deletionId = status(complaintId).get("relatedRequestId").asText();
        assertEquals("AWAITING_VERIFICATION", status(deletionId).get("status").asText());
        assertTrue(deletionMessage(deletionId).isEmpty(), "nothing runs on an unverified claim");

        Result unconfirmed = cli("verify", deletionId);
        assertEquals(2, unconfirmed.code());
        assertTrue(unconfirmed.err().contains("--identity-verified"), unconfirmed.err());

        ok("verify", deletionId, "--identity-verified");
        assertEquals("RECEIVED", status(deletionId).get("status").asText());
        String message = deletionMessage(deletionId).orElseThrow();
        assertFalse(message.contains(person.email));
        cloud.api("DeletionProcessorFunction", Clock.systemUTC()).erasure().process(message);
        assertEquals("COMPLETED", status(deletionId).get("status").asText());
        assertFalse(
                cloud.scanConsentTable().stream()
                        .anyMatch(i -> i.get("pk").s().equals("RECEIPT#" + receiptId)),
                "the subject's consent is erased");
        assertEquals(
                4, cli("verify", deletionId, "--identity-verified").code(), "completed already");
    }

    @Test
    void aComplaintAboutAReceiptTakesItsJurisdiction() throws Exception {
        String receiptId = capture(new Captures().emailOnly()).get("receiptId").asText();
        String id =
                ok(
                                "--json",
                                "file-complaint",
                                "--message",
                                "Why do I get these emails?",
                                "--receipt",
                                receiptId,
                                "--identity-verified",
                                "--ticket",
                                "SUP-203")
                        .json()
                        .get("requestId")
                        .asText();
        JsonNode status = status(id);
        assertEquals("EU", status.get("jurisdiction").asText());
        assertEquals("staff:it-staff", status.get("requestedBy").asText());
    }

    @Test
    void statusOfAnUnknownRequestIsExitOne() {
        Result result = cli("status", UUID.randomUUID().toString());
        assertEquals(1, result.code());
        assertTrue(result.err().startsWith("consent-vault-support: no request "), result.err());
        assertEquals("", result.out());
    }

    @Test
    void listOverdueShowsOnlyWhatIsLateAndAllListsEveryOpenRequest() throws Exception {
        String fresh =
                ok(
                                "--json",
                                "request-deletion",
                                "--identity-verified",
                                "--email",
                                new Captures().email,
                                "--jurisdiction",
                                "US-CA")
                        .json()
                        .get("requestId")
                        .asText();
        // a complaint received 40 days ago and never answered: its month has run out
        String late = UUID.randomUUID().toString();
        Instant received = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        new DynamoPrivacyRequestStore(
                        new AwsClients(cloud.cloud.clientEnvironment()).dynamoDb(),
                        cloud.stack.physicalId("PrivacyRequestsTable"))
                .create(
                        PrivacyRequest.builder(late, RequestType.COMPLAINT)
                                .status(RequestStatus.OPEN)
                                .filing(new Filing("EU", "complainant", "SUP-303"))
                                .clock(
                                        LegalRegime.GDPR,
                                        received,
                                        received.plus(Duration.ofHours(72)),
                                        received.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant())
                                .category("other")
                                .build(),
                        null);

        List<String> overdue = ids(ok("--json", "list-overdue").json());
        assertTrue(overdue.contains(late), overdue.toString());
        assertFalse(overdue.contains(fresh), "a fresh request is not overdue");
        List<String> open = ids(ok("--json", "list-overdue", "--all").json());
        assertTrue(open.containsAll(List.of(late, fresh)), open.toString());

        String table = ok("list-overdue").out();
        assertTrue(table.startsWith("REQUEST "), table);
        String lateRow = table.lines().filter(l -> l.startsWith(late)).findFirst().orElseThrow();
        assertTrue(lateRow.contains("past due") && lateRow.contains("SUP-303"), lateRow);
        assertTrue(
                ok("list-overdue", "--all")
                        .out()
                        .lines()
                        .anyMatch(l -> l.startsWith(fresh) && l.contains(" no ")));

        ok("close", late);
        assertFalse(
                ids(ok("--json", "list-overdue").json()).contains(late),
                "closed requests are not overdue");
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(r -> ids.add(r.get("requestId").asText()));
        return ids;
    }

    @Test
    void extendMovesTheGdprDeadlineToThreeMonthsOnce() throws Exception {
        String id =
                ok(
                                "--json",
                                "request-deletion",
                                "--identity-verified",
                                "--email",
                                new Captures().email,
                                "--jurisdiction",
                                "EU")
                        .json()
                        .get("requestId")
                        .asText();
        Result extended = ok("extend", id, "--reason", "Many receipts across campaigns");
        assertTrue(extended.out().startsWith("Deadline extended"), extended.out());

        JsonNode status = status(id);
        Instant received = Instant.parse(status.get("receivedAt").asText());
        assertEquals(
                received.atOffset(ZoneOffset.UTC).plusMonths(3).toInstant(),
                Instant.parse(status.get("dueAt").asText()));
        assertTrue(status.get("extended").asBoolean());
        assertEquals("Many receipts across campaigns", status.get("extensionReason").asText());

        Result again = cli("extend", id, "--reason", "still busy");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("extended already"), again.err());
        assertEquals(1, cli("extend", UUID.randomUUID().toString(), "--reason", "x").code());
    }

    @Test
    void aLawWithoutAnExtensionRefusesOneAndLeavesTheDeadline() throws Exception {
        String id =
                ok(
                                "--json",
                                "request-deletion",
                                "--identity-verified",
                                "--email",
                                new Captures().email,
                                "--jurisdiction",
                                "BR")
                        .json()
                        .get("requestId")
                        .asText();
        Instant dueAt = Instant.parse(status(id).get("dueAt").asText());
        Result refused = cli("extend", id, "--reason", "busy");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("LGPD rules allow no extension"), refused.err());
        JsonNode status = status(id);
        assertEquals(dueAt, Instant.parse(status.get("dueAt").asText()));
        assertFalse(status.get("extended").asBoolean());
        assertEquals("LGPD", status.get("regime").asText());
    }

    @Test
    void exportNeedsIdentityVerificationThenPrintsTheDecryptedRecords() throws Exception {
        Captures person = new Captures();
        String receiptId = capture(person.everyField()).get("receiptId").asText();

        Result refused = cli("export", "--email", person.email);
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("--identity-verified"), refused.err());
        assertEquals("", refused.out());

        for (String[] subject :
                List.of(
                        new String[] {"--email", person.email},
                        new String[] {"--phone", person.phone},
                        new String[] {"--receipt", receiptId})) {
            JsonNode export =
                    ok(Stream.concat(
                                            Stream.of("export"),
                                            Stream.concat(
                                                    Stream.of(subject),
                                                    Stream.of("--identity-verified")))
                                    .toArray(String[]::new))
                            .json();
            JsonNode receipts = export.get("receipts");
            assertEquals(1, receipts.size(), export.toString());
            JsonNode receipt = receipts.get(0);
            assertEquals(receiptId, receipt.get("receiptId").asText());
            assertEquals("EU", receipt.get("jurisdiction").asText());
            assertEquals("cherries-tiktok", receipt.at("/source/page").asText());
            Map<String, JsonNode> purposes = new LinkedHashMap<>();
            receipt.get("purposes").forEach(p -> purposes.put(p.get("purposeId").asText(), p));
            assertEquals(
                    List.of(
                            "marketing-email",
                            "marketing-sms",
                            "contest-entry",
                            "personalised-ads"),
                    List.copyOf(purposes.keySet()));
            assertEquals(
                    person.email,
                    purposes.get("marketing-email").at("/personalData/email").asText());
            assertEquals(
                    person.phone, purposes.get("marketing-sms").at("/personalData/phone").asText());
            assertEquals(
                    person.name, purposes.get("contest-entry").at("/personalData/name").asText());
            JsonNode refusedPurpose = purposes.get("personalised-ads");
            assertEquals("REFUSED", refusedPurpose.get("status").asText());
            assertTrue(refusedPurpose.get("personalData").isEmpty());
            assertEquals(2, refusedPurpose.get("thirdParties").size());
            assertNotNull(Instant.parse(purposes.get("marketing-email").get("expiresAt").asText()));
            assertEquals("P24M", purposes.get("marketing-email").get("retention").asText());

            // the answered access request is on record, as a proof without personal data
            JsonNode recorded = status(export.at("/accessRequest/requestId").asText());
            assertEquals("access", recorded.get("type").asText());
            assertEquals("COMPLETED", recorded.get("status").asText());
            assertFalse(
                    recorded.toString().contains(person.email)
                            || recorded.toString().contains(receiptId));
        }

        Result nothing = cli("export", "--email", new Captures().email, "--identity-verified");
        assertEquals(1, nothing.code());
        assertEquals("", nothing.out());
    }

    /** A complaint filed by staff and sorted by the complaint processor (OPEN). */
    private String openComplaint(String contact, String message, String ticket) throws Exception {
        String id =
                ok(
                                "--json",
                                "file-complaint",
                                "--message",
                                message,
                                "--contact",
                                contact,
                                "--jurisdiction",
                                "EU",
                                "--ticket",
                                ticket)
                        .json()
                        .get("requestId")
                        .asText();
        cloud.api("ComplaintProcessorFunction", Clock.systemUTC())
                .complaints()
                .process(QueueMessages.complaint(id));
        return id;
    }

    /** The request's item as stored, every attribute. */
    private Map<String, AttributeValue> rawRequest(String requestId) {
        return cloud.scan("PrivacyRequestsTable").stream()
                .filter(i -> i.get("pk").s().equals("REQUEST#" + requestId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no item for " + requestId));
    }

    private static List<Map<String, AttributeValue>> reveals(Map<String, AttributeValue> item) {
        return item.containsKey("reveals")
                ? item.get("reveals").l().stream().map(AttributeValue::m).toList()
                : List.of();
    }

    @Test
    void showRevealOpensTheComplaintsContactAndMessageAndRecordsWhoDidIt() throws Exception {
        Captures person = new Captures();
        String message = "Stop the SMS to my number, they come at night";
        String id = openComplaint(person.email, message, "SUP-404");

        Result plain = ok("show", id);
        Result plainJson = ok("--json", "show", id);
        for (Result shown : List.of(plain, plainJson)) {
            assertFalse(shown.out().contains(person.email), shown.out());
            assertFalse(shown.out().contains("Stop the SMS"), shown.out());
        }
        assertFalse(plainJson.json().has("contact"));
        assertTrue(reveals(rawRequest(id)).isEmpty(), "showing without --reveal records nothing");

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Result revealed = ok("--json", "show", id, "--reveal");
        JsonNode json = revealed.json();
        assertEquals(person.email, json.get("contact").asText());
        assertEquals(message, json.get("message").asText());
        assertEquals("OPEN", json.get("status").asText());
        assertEquals("staff:it-staff", json.get("revealedBy").asText());
        assertEquals("", revealed.err(), "nothing personal, nothing at all, on stderr");

        Result text = cliAt(cloud.cloud.endpoint().toString(), "maria", "show", id, "--reveal");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("Contact") && text.out().contains(person.email));
        assertTrue(text.out().contains(message), text.out());
        assertFalse(text.err().contains(person.email));

        Map<String, AttributeValue> item = rawRequest(id);
        List<Map<String, AttributeValue>> reveals = reveals(item);
        assertEquals(2, reveals.size(), item.toString());
        assertEquals("staff:it-staff", reveals.get(0).get("by").s());
        assertEquals("staff:maria", reveals.get(1).get("by").s());
        Instant at = Instant.parse(reveals.get(0).get("at").s());
        assertFalse(at.isBefore(before), at + " before " + before);
        assertEquals(Set.of("by", "at"), reveals.get(0).keySet(), "who and when, nothing read");
        assertFalse(item.get("reveals").toString().contains(person.email));

        // a deletion by a verified email seals that email to hear back there (filed, completed):
        // revealing it opens the contact and is recorded like a complaint's
        String byEmail = new Captures().email;
        String toldDeletion =
                ok(
                                "--json",
                                "request-deletion",
                                "--identity-verified",
                                "--email",
                                byEmail,
                                "--jurisdiction",
                                "EU")
                        .json()
                        .get("requestId")
                        .asText();
        assertFalse(ok("--json", "show", toldDeletion).out().contains(byEmail));
        Result told = ok("--json", "show", toldDeletion, "--reveal");
        assertEquals(byEmail, told.json().get("contact").asText());
        assertEquals(1, reveals(rawRequest(toldDeletion)).size());

        // a deletion by receipt without a message holds nothing to reveal
        String receiptId = capture(new Captures().emailOnly()).get("receiptId").asText();
        String deletion =
                ok("--json", "request-deletion", "--identity-verified", "--receipt", receiptId)
                        .json()
                        .get("requestId")
                        .asText();
        Result nothing = cli("show", deletion, "--reveal");
        assertEquals(1, nothing.code());
        assertTrue(nothing.err().contains("holds no contact or message"), nothing.err());
        assertTrue(reveals(rawRequest(deletion)).isEmpty());
    }

    @Test
    void aRevealIsRecordedBeforeAnythingIsShownEvenWhenAServiceFails() throws Exception {
        Captures person = new Captures();
        String id = openComplaint(person.email, "Why was I signed up twice?", "SUP-405");
        try (FaultyEndpoint endpoint = new FaultyEndpoint(cloud.cloud.endpoint())) {
            // the record cannot be written: nothing is shown
            endpoint.fail("DynamoDB_20120810.UpdateItem");
            Result unrecorded = cliAt(endpoint.url(), "it-staff", "show", id, "--reveal");
            assertEquals(3, unrecorded.code(), unrecorded.err());
            assertEquals("", unrecorded.out());
            assertFalse(unrecorded.err().contains(person.email), unrecorded.err());
            assertTrue(reveals(rawRequest(id)).isEmpty());

            // recorded, then the key service fails: still nothing shown, and the attempt is on
            // record
            endpoint.fail("TrentService.Decrypt");
            Result unopened = cliAt(endpoint.url(), "it-staff", "--json", "show", id, "--reveal");
            assertEquals(3, unopened.code());
            assertEquals(3, unopened.json().get("exitCode").asInt());
            assertFalse(unopened.out().contains(person.email), unopened.out());
            assertEquals(1, reveals(rawRequest(id)).size());

            endpoint.fail();
            Result opened = cliAt(endpoint.url(), "it-staff", "--json", "show", id, "--reveal");
            assertEquals(0, opened.code(), opened.out() + opened.err());
            assertEquals(person.email, opened.json().get("contact").asText());
            assertEquals(2, reveals(rawRequest(id)).size());
        }
        Map<String, AttributeValue> item = rawRequest(id);
        assertEquals("OPEN", item.get("status").s(), "a reveal changes nothing else");
        assertTrue(item.containsKey("sealed"));
    }

    @Test
    void closingAndCompletingLeaveOnlyTheProofNoFreeTextNoTicket() throws Exception {
        Captures person = new Captures();
        String complaint = openComplaint(person.email, "Please call me back", "SUP-501 Ana Pérez");
        ok("extend", complaint, "--reason", "Waiting for the agency's logs about Ana");
        assertTrue(rawRequest(complaint).containsKey("extensionReason"));
        ok("close", complaint);

        String receiptId = capture(person.emailOnly()).get("receiptId").asText();
        String deletion =
                ok(
                                "--json",
                                "request-deletion",
                                "--identity-verified",
                                "--receipt",
                                receiptId,
                                "--ticket",
                                "SUP-502 for Ana Pérez")
                        .json()
                        .get("requestId")
                        .asText();
        ok("extend", deletion, "--reason", "Ana has receipts in three campaigns");
        cloud.api("DeletionProcessorFunction", Clock.systemUTC())
                .erasure()
                .process(deletionMessage(deletion).orElseThrow());

        for (String id : List.of(complaint, deletion)) {
            Map<String, AttributeValue> item = rawRequest(id);
            for (String gone :
                    List.of(
                            "ticket",
                            "extensionReason",
                            "sealed",
                            "emailKey",
                            "phoneKey",
                            "receiptId")) {
                assertFalse(item.containsKey(gone), id + " still holds " + gone + ": " + item);
            }
            assertFalse(item.toString().contains("Ana"), item.toString());
            assertTrue(item.containsKey("expiresAt"), "the proof expires");
            JsonNode status = status(id);
            assertTrue(status.get("extended").asBoolean(), "the moved due date still tells");
            assertTrue(status.get("ticket").isNull());
            assertTrue(status.get("extensionReason").isNull());
        }
        assertEquals("CLOSED", status(complaint).get("status").asText());
        assertEquals("COMPLETED", status(deletion).get("status").asText());
    }

    @Test
    void repeatingAnActionOnAFinishedRequestIsExitFourForEveryCommand() throws Exception {
        String closed = openComplaint(new Captures().email, "Unsubscribe me", "SUP-601");
        ok("close", closed);
        String receiptId = capture(new Captures().emailOnly()).get("receiptId").asText();
        String completed =
                ok("--json", "request-deletion", "--identity-verified", "--receipt", receiptId)
                        .json()
                        .get("requestId")
                        .asText();
        cloud.api("DeletionProcessorFunction", Clock.systemUTC())
                .erasure()
                .process(deletionMessage(completed).orElseThrow());

        for (String id : List.of(closed, completed)) {
            for (String[] action :
                    List.of(
                            new String[] {"acknowledge", id},
                            new String[] {"close", id},
                            new String[] {"extend", id, "--reason", "more time"},
                            new String[] {"verify", id, "--identity-verified"},
                            new String[] {"show", id, "--reveal"})) {
                Result text = cli(action);
                assertEquals(4, text.code(), String.join(" ", action) + ": " + text.err());
                assertTrue(text.err().contains(" already"), text.err());
                Result json =
                        cli(
                                Stream.concat(Stream.of("--json"), Stream.of(action))
                                        .toArray(String[]::new));
                assertEquals(4, json.code());
                assertEquals(4, json.json().get("exitCode").asInt());
                assertEquals("", json.err());
            }
            assertEquals(0, cli("show", id).code(), "showing a finished request is fine");
        }
        assertTrue(reveals(rawRequest(closed)).isEmpty(), "no reveal recorded on a closed one");
    }

    @Test
    void capacityApplyPreWarmsTheConsentTableAndItsIndexes() {
        Result result = ok("capacity", "--expect", "5000/s", "--apply");
        // 22 table units and 8 per index for a sign-up with two pending confirmations, 5,000/s
        assertTrue(result.out().contains("ConsentTableWarmWrites=137500"), result.out());
        var table = cloud.dynamo().describeTable(r -> r.tableName(cloud.consentTable())).table();
        assertEquals(137_500L, table.warmThroughput().writeUnitsPerSecond());
        table.globalSecondaryIndexes()
                .forEach(
                        i ->
                                assertEquals(
                                        50_000L,
                                        i.warmThroughput().writeUnitsPerSecond(),
                                        i.indexName()));
        assertEquals(
                12_500L,
                cloud.dynamo()
                        .describeTable(r -> r.tableName(cloud.keysTable()))
                        .table()
                        .warmThroughput()
                        .writeUnitsPerSecond());
    }

    @Test
    void usageErrorsAndHelp() {
        Result unknown = cli("purge-everything");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown command 'purge-everything'"), unknown.err());

        Result help = run("--help");
        assertEquals(0, help.code());
        assertTrue(
                help.out().contains("request-deletion") && help.out().contains("Exit codes"),
                help.out());
        assertEquals(0, run("export", "--help").code());
    }

    @Test
    void aStackThatIsNotThereIsAServiceFailureWithAHint() {
        Result result =
                run(
                        "--stack",
                        "no-such-stack",
                        "--endpoint-url",
                        cloud.cloud.endpoint().toString(),
                        "status",
                        UUID.randomUUID().toString());
        assertEquals(3, result.code());
        assertTrue(result.err().contains("is stack no-such-stack deployed"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
    }
}
