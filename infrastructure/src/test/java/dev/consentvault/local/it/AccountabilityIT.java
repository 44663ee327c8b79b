package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoFigures;
import dev.consentvault.aws.DynamoLedger;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Increment;
import dev.consentvault.core.figures.Measure;
import dev.consentvault.core.ledger.ChainCheck;
import dev.consentvault.core.ledger.EventKind;
import dev.consentvault.core.ledger.LedgerEntry;
import dev.consentvault.core.ledger.LedgerEvent;
import dev.consentvault.core.ledger.Refs;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.QueueMessages;
import dev.consentvault.functions.handler.MonthlyReportHandler;
import dev.consentvault.local.LocalFunction;
import dev.consentvault.local.ScheduleRunner;
import dev.consentvault.local.StreamPoller;
import dev.consentvault.local.TtlReaper;
import dev.consentvault.support.SupportCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The accountability features on the local cloud: the hash-chained ledger (every kind of event,
 * tamper detection, no fork under concurrent appends, faults), the consent figures (equal to a raw
 * count, idempotent under redelivery, small cells suppressed) and the monthly report (fired by its
 * schedule, in S3 under SSE-KMS, self-contained HTML with SVG) — and no personal data in any of
 * them, nor in the logs.
 */
class AccountabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalCloudFixture cloud = LocalCloudFixture.get();
    private static final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private static List<StreamPoller> ledgerPollers;
    private static List<StreamPoller> figuresPollers;
    private static Map<String, LocalFunction> consumers;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        // every function's log line of this class, to look for personal data in it
        JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        Map<String, String> env = cloud.cloud.clientEnvironment();
        consumers = new LinkedHashMap<>();
        consumers.put("LedgerFunction", LocalFunction.create(cloud.stack, "LedgerFunction", env));
        consumers.put("FiguresFunction", LocalFunction.create(cloud.stack, "FiguresFunction", env));
        ledgerPollers =
                StreamPoller.forTemplate(
                        cloud.stack,
                        cloud.cloud,
                        Map.of("LedgerFunction", consumers.get("LedgerFunction")));
        figuresPollers =
                StreamPoller.forTemplate(
                        cloud.stack,
                        cloud.cloud,
                        Map.of("FiguresFunction", consumers.get("FiguresFunction")));
        dynamo = new AwsClients(env).dynamoDb();
    }

    /** What the stacks' stream event sources do within seconds. */
    private static void pump() {
        ledgerPollers.forEach(StreamPoller::pollOnce);
        figuresPollers.forEach(StreamPoller::pollOnce);
    }

    private static DynamoLedger ledger(ExecutionInterceptor... interceptors) {
        return new DynamoLedger(
                new AwsClients(cloud.cloud.clientEnvironment(), List.of(interceptors)).dynamoDb(),
                cloud.stack.physicalId("LedgerTable"),
                Clock.systemUTC());
    }

    private static DynamoFigures figures() {
        return new DynamoFigures(dynamo, cloud.stack.physicalId("FiguresTable"), Clock.systemUTC());
    }

    private record Result(int code, String out, String err) {}

    private static Result cli(String... args) {
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
                                "it-auditor"));
        line.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                SupportCli.run(
                        line.toArray(String[]::new),
                        cloud.cloud.clientEnvironment(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result ok(String... args) {
        Result result = cli(args);
        assertEquals(0, result.code(), String.join(" ", args) + "\n" + result.out() + result.err());
        return result;
    }

    private static JsonNode capture(String body, Map<String, String> headers) throws Exception {
        Map<String, String> all = new HashMap<>(headers);
        all.put("idempotency-key", UUID.randomUUID().toString());
        APIGatewayV2HTTPResponse response =
                cloud.captureHandler().handleRequest(cloud.captureEvent(body, all), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody());
    }

    private static void withdraw(JsonNode receipt, String purposes) {
        APIGatewayV2HTTPResponse response =
                cloud.withdrawHandler(Clock.systemUTC())
                        .handleRequest(
                                cloud.receiptEvent(
                                        "withdraw-consent.json",
                                        receipt.get("receiptId").asText(),
                                        receipt.get("receiptToken").asText(),
                                        "{\"purposes\": " + purposes + "}"),
                                null);
        assertEquals(200, response.getStatusCode(), response.getBody());
    }

    private static Set<EventKind> kinds(List<LedgerEntry> entries) {
        return entries.stream().map(e -> e.event().kind()).collect(Collectors.toSet());
    }

    private static String rawTable(String logicalId) {
        return cloud.scan(logicalId).toString();
    }

    // ---------------------------------------------------------------- ledger

    @Test
    void everyKindOfPrivacyEventAndStaffActionIsAppendedWithoutPersonalData() throws Exception {
        Captures person = new Captures();
        JsonNode receipt = capture(person.everyField(), Map.of());
        String receiptId = receipt.get("receiptId").asText();
        String token = receipt.get("receiptToken").asText();
        String emailKey =
                cloud.scanConsentTable().stream()
                        .filter(i -> i.get("pk").s().equals("RECEIPT#" + receiptId))
                        .filter(i -> i.get("sk").s().equals("RECEIPT"))
                        .findFirst()
                        .orElseThrow()
                        .get("emailKey")
                        .s();
        withdraw(receipt, "[\"marketing-sms\"]");

        String exportRequest =
                JSON.readTree(
                                ok(
                                                "--json",
                                                "export",
                                                "--receipt",
                                                receiptId,
                                                "--identity-verified",
                                                "--jurisdiction",
                                                "EU")
                                        .out())
                        .at("/accessRequest/requestId")
                        .asText();
        String deletion =
                JSON.readTree(
                                ok(
                                                "--json",
                                                "request-deletion",
                                                "--receipt",
                                                receiptId,
                                                "--identity-verified")
                                        .out())
                        .get("requestId")
                        .asText();
        ok("acknowledge", deletion);
        ok("extend", deletion, "--reason", "a large volume of requests this month");
        String complaint =
                JSON.readTree(
                                ok(
                                                "--json",
                                                "file-complaint",
                                                "--message",
                                                "Stop writing to " + person.email,
                                                "--contact",
                                                person.email,
                                                "--jurisdiction",
                                                "EU")
                                        .out())
                        .get("requestId")
                        .asText();
        ok("show", complaint, "--reveal");
        cloud.api("DeletionProcessorFunction", Clock.systemUTC())
                .erasure()
                .process(
                        QueueMessages.deletion(
                                new QueueMessages.Deletion(deletion, receiptId, null, null)));

        Captures expiring = new Captures();
        String expiringId = capture(expiring.emailOnly(), Map.of()).get("receiptId").asText();
        pump();
        // three years on, TTL has removed it (and all else): the reaper hands the removals over
        new TtlReaper(
                        cloud.stack,
                        cloud.cloud,
                        consumers,
                        Clock.offset(Clock.systemUTC(), Duration.ofDays(3 * 366)))
                .reapOnce();
        pump();

        DynamoLedger ledger = ledger();
        List<LedgerEntry> ofReceipt = ledger.byReceiptRef(Refs.receiptRef(receiptId));
        assertTrue(
                kinds(ofReceipt)
                        .containsAll(
                                Set.of(
                                        EventKind.CAPTURE,
                                        EventKind.DECISION,
                                        EventKind.WITHDRAWAL,
                                        EventKind.ERASURE)),
                kinds(ofReceipt).toString());
        assertEquals(
                4,
                ofReceipt.stream().filter(e -> e.event().kind() == EventKind.DECISION).count(),
                "one decision entry per purpose");
        assertTrue(
                ofReceipt.stream()
                        .anyMatch(
                                e ->
                                        e.event().kind() == EventKind.WITHDRAWAL
                                                && "marketing-sms".equals(e.event().purposeId())
                                                // marketing-sms waits for its double
                                                // opt-in: withdrawn before it was confirmed
                                                && "status=PENDING_CONFIRMATION->WITHDRAWN"
                                                        .equals(e.event().detail())),
                kinds(ofReceipt).toString());
        List<LedgerEntry> ofDeletion = ledger.byRequest(deletion);
        assertTrue(
                kinds(ofDeletion)
                        .containsAll(
                                Set.of(
                                        EventKind.REQUEST_FILED,
                                        EventKind.STAFF_ACKNOWLEDGE,
                                        EventKind.STAFF_EXTEND,
                                        EventKind.REQUEST_STATUS)),
                kinds(ofDeletion).toString());
        assertEquals(
                "it-auditor",
                ofDeletion.stream()
                        .filter(e -> e.event().kind() == EventKind.REQUEST_FILED)
                        .findFirst()
                        .orElseThrow()
                        .event()
                        .staffId());
        for (EventKind staffAction : List.of(EventKind.STAFF_ACKNOWLEDGE, EventKind.STAFF_EXTEND)) {
            assertEquals(
                    "it-auditor",
                    ofDeletion.stream()
                            .filter(e -> e.event().kind() == staffAction)
                            .findFirst()
                            .orElseThrow()
                            .event()
                            .staffId(),
                    staffAction + " names who did it");
        }
        assertEquals(
                null,
                ofDeletion.stream()
                        .filter(e -> e.event().kind() == EventKind.REQUEST_STATUS)
                        .filter(e -> e.event().detail().contains("COMPLETED"))
                        .findFirst()
                        .orElseThrow()
                        .event()
                        .staffId(),
                "the deletion processor's completion is no staff member's");
        assertTrue(
                ledger.byRequest(complaint).stream()
                        .anyMatch(
                                e ->
                                        e.event().kind() == EventKind.STAFF_REVEAL
                                                && "it-auditor".equals(e.event().staffId())));
        assertTrue(
                ledger.byRequest(exportRequest).stream()
                        .anyMatch(
                                e ->
                                        e.event().kind() == EventKind.STAFF_EXPORT
                                                && "it-auditor".equals(e.event().staffId())),
                "the export is recorded with who ran it");
        assertTrue(
                kinds(ledger.byReceiptRef(Refs.receiptRef(expiringId)))
                        .contains(EventKind.TTL_EXPIRY));

        Result shown = ok("audit", "show", "--receipt", receiptId);
        assertTrue(shown.out().contains("WITHDRAWAL"), shown.out());
        assertTrue(shown.out().contains("ERASURE"), shown.out());
        JsonNode history =
                JSON.readTree(ok("--json", "audit", "show", "--request", deletion).out());
        assertTrue(history.isArray() && history.size() >= 4, history.toString());
        assertEquals(1, cli("audit", "show", "--request", UUID.randomUUID().toString()).code());
        assertEquals(0, cli("audit", "verify").code());

        String rawLedger = rawTable("LedgerTable");
        String rawFigures = rawTable("FiguresTable");
        String logged = logs.toString(StandardCharsets.UTF_8);
        for (String personal :
                List.of(
                        person.email,
                        person.phone,
                        person.name,
                        token,
                        emailKey,
                        receiptId,
                        expiring.email)) {
            assertFalse(rawLedger.contains(personal), "ledger holds " + personal);
            assertFalse(rawFigures.contains(personal), "figures hold " + personal);
            assertFalse(logged.contains(personal), "logs hold " + personal);
        }
    }

    @Test
    void alteringOneEntryIsNamedByVerifyWithExitOne() throws Exception {
        capture(new Captures().emailOnly(), Map.of());
        pump();
        assertEquals(0, cli("audit", "verify").code(), cli("audit", "verify").out());
        long head = ledger().head().orElseThrow().seq();
        long victim = Math.max(1, head - 1);
        String table = cloud.stack.physicalId("LedgerTable");
        Map<String, AttributeValue> key =
                Map.of(
                        "pk",
                        AttributeValue.fromS("ENTRY"),
                        "sk",
                        AttributeValue.fromS(DynamoLedger.sortKey(victim)));
        Map<String, AttributeValue> original =
                dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        try {
            dynamo.updateItem(
                    r ->
                            r.tableName(table)
                                    .key(key)
                                    .updateExpression("SET #at = :at")
                                    .expressionAttributeNames(Map.of("#at", "at"))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":at",
                                                    AttributeValue.fromS("2020-01-01T00:00:00Z"))));
            Result broken = cli("audit", "verify");
            assertEquals(1, broken.code(), broken.out() + broken.err());
            assertTrue(
                    broken.out().matches("(?s).*First broken entry\\s+" + victim + "\n.*"),
                    broken.out());
            assertTrue(broken.out().contains("altered"), broken.out());
            JsonNode json = JSON.readTree(cli("--json", "audit", "verify").out());
            assertEquals(victim, json.get("brokenSeq").asLong());

            // an entry removed: the gap is named
            dynamo.putItem(r -> r.tableName(table).item(original));
            dynamo.deleteItem(r -> r.tableName(table).key(key));
            JsonNode gap = JSON.readTree(cli("--json", "audit", "verify").out());
            assertEquals(victim, gap.get("brokenSeq").asLong(), gap.toString());
            assertTrue(gap.get("brokenReason").asText().contains("missing"), gap.toString());
        } finally {
            dynamo.putItem(r -> r.tableName(table).item(original));
        }
        assertEquals(0, cli("audit", "verify").code(), "restored, the chain holds again");
    }

    @Test
    void concurrentAppendsNeverForkTheChainAndDuplicatesAreAppendedOnce() throws Exception {
        DynamoLedger ledger = ledger();
        long before = ledger.head().map(h -> h.seq()).orElse(0L);
        String run = UUID.randomUUID().toString();
        int writers = 6;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers * 2);
        List<Future<Integer>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<LedgerEvent> events = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                events.add(
                        LedgerEvent.of(run + "/" + w + "/" + i, Instant.now(), EventKind.DECISION)
                                .detail("writer=" + w)
                                .build());
            }
            // every batch twice, at the same time: a redelivered stream batch
            results.add(pool.submit(() -> ledger().append(events)));
            results.add(pool.submit(() -> ledger().append(events)));
        }
        int added = 0;
        for (Future<Integer> result : results) {
            added += result.get();
        }
        pool.shutdown();
        assertEquals(writers * each, added, "each event appended once");
        long after = ledger.head().orElseThrow().seq();
        assertEquals(before + writers * each, after);
        Map<String, Integer> seen = new HashMap<>();
        Map<Long, Integer> positions = new HashMap<>();
        ledger.entries(
                before + 1,
                e -> {
                    positions.merge(e.seq(), 1, Integer::sum);
                    if (e.event().eventKey().startsWith(run)) {
                        seen.merge(e.event().eventKey(), 1, Integer::sum);
                    }
                });
        assertEquals(writers * each, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1));
        assertTrue(positions.values().stream().allMatch(n -> n == 1), "one entry per position");
        ChainCheck.Result check = ChainCheck.verify(ledger, null);
        assertTrue(check.intact(), check.broken().toString());
    }

    /** Fails the n-th call of an operation, before it is sent or after it was applied. */
    private static final class FailNth implements ExecutionInterceptor {
        private final String operation;
        private final int nth;
        private final boolean afterApplied;
        private final AtomicInteger calls = new AtomicInteger();

        FailNth(String operation, int nth, boolean afterApplied) {
            this.operation = operation;
            this.nth = nth;
            this.afterApplied = afterApplied;
        }

        private void maybeFail(ExecutionAttributes attributes, boolean applied) {
            if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                    && applied == afterApplied
                    && calls.incrementAndGet() == nth) {
                throw SdkClientException.create("injected failure of " + operation);
            }
        }

        @Override
        public void beforeTransmission(
                Context.BeforeTransmission context, ExecutionAttributes attributes) {
            maybeFail(attributes, false);
        }

        @Override
        public void afterTransmission(
                Context.AfterTransmission context, ExecutionAttributes attributes) {
            maybeFail(attributes, true);
        }
    }

    private static List<LedgerEvent> events(String run, int n) {
        List<LedgerEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(LedgerEvent.of(run + "/" + i, Instant.now(), EventKind.DECISION).build());
        }
        return events;
    }

    private static long entriesOf(String run) {
        AtomicInteger n = new AtomicInteger();
        ledger().entries(
                        1,
                        e -> {
                            if (e.event().eventKey().startsWith(run)) {
                                n.incrementAndGet();
                            }
                        });
        return n.get();
    }

    @Test
    void anAppendThatFailsAfterItsFirstChunkOrAfterItWasAppliedIsRetriedWithoutDuplicates() {
        // 60 events: two transactions; the second fails before it is sent
        String run = UUID.randomUUID().toString();
        List<LedgerEvent> events = events(run, 60);
        try {
            ledger(new FailNth("TransactWriteItems", 2, false)).append(events);
            throw new AssertionError("the injected failure should have surfaced");
        } catch (SdkClientException expected) {
            // the stream batch is reported failed and comes back
        }
        assertEquals(
                45, entriesOf(run), "the first transaction stands whole, the second not at all");
        assertTrue(ChainCheck.verify(ledger(), null).intact());
        assertEquals(15, ledger().append(events), "redelivered: only what was missing");
        assertEquals(60, entriesOf(run));

        // the write reached DynamoDB but its answer was lost
        String lost = UUID.randomUUID().toString();
        List<LedgerEvent> more = events(lost, 5);
        try {
            ledger(new FailNth("TransactWriteItems", 1, true)).append(more);
            throw new AssertionError("the injected failure should have surfaced");
        } catch (SdkClientException expected) {
            // reported failed
        }
        assertEquals(5, entriesOf(lost));
        assertEquals(0, ledger().append(more), "redelivered: nothing appended twice");
        assertEquals(5, entriesOf(lost));
        assertTrue(ChainCheck.verify(ledger(), null).intact());
    }

    // ---------------------------------------------------------------- figures

    private static String campaignBody(String campaign, String page) {
        return """
                {"subject": {"email": "%s"},
                 "purposes": {"marketing-email": true, "personalised-ads": false},
                 "noticeVersion": "2026-11-01", "source": {"page": "%s", "campaign": "%s"},
                 "jurisdiction": "EU", "ageConfirmed": true}
                """
                .formatted(new Captures().email, page, campaign);
    }

    @Test
    void countersMatchARawCountOnceEachEvenWhenTheStreamIsDeliveredTwiceAndSmallCellsAreHidden()
            throws Exception {
        String campaign = "it-figures-" + UUID.randomUUID().toString().substring(0, 8);
        List<JsonNode> p1 = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            p1.add(
                    capture(
                            campaignBody(campaign, "p1"),
                            i < 2 ? Map.of("sec-gpc", "1") : Map.of()));
        }
        for (int i = 0; i < 3; i++) {
            capture(campaignBody(campaign, "p2"), Map.of());
        }
        // marketing-email waits for its double opt-in: 10 of the 12 on p1 confirm it, then 3 of
        // those withdraw it again
        for (int i = 2; i < 12; i++) {
            confirmMarketingEmail(p1.get(i).get("receiptId").asText());
        }
        for (int i = 0; i < 3; i++) {
            withdraw(p1.get(i + 5), "[\"marketing-email\"]");
        }
        pump();

        Map<Measure, Long> counted = new EnumMap<>(Measure.class);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (Figures.Count c : figures().read(campaign, today.minusDays(1), today.plusDays(1))) {
            counted.merge(c.measure(), c.count(), Long::sum);
        }
        Map<Measure, Long> raw = rawCount(campaign);
        assertEquals(raw, withoutZeros(counted), "counters = a raw count of the consent table");
        assertEquals(null, raw.get(Measure.GRANTED), "every grant here waits for a confirmation");
        assertEquals(15L, raw.get(Measure.PENDING));
        assertEquals(10L, raw.get(Measure.CONFIRMED));
        assertEquals(3L, raw.get(Measure.WITHDRAWN));
        assertEquals(2L, raw.get(Measure.REFUSED_GPC));
        assertEquals(13L, raw.get(Measure.REFUSED));

        // the whole stream again, from its start: every record delivered a second time
        StreamPoller.forTemplate(
                        cloud.stack,
                        cloud.cloud,
                        Map.of("FiguresFunction", consumers.get("FiguresFunction")))
                .forEach(StreamPoller::pollOnce);
        Map<Measure, Long> again = new EnumMap<>(Measure.class);
        for (Figures.Count c : figures().read(campaign, today.minusDays(1), today.plusDays(1))) {
            again.merge(c.measure(), c.count(), Long::sum);
        }
        assertEquals(counted, again, "a redelivered record counts once");

        String[] range = {
            "--json",
            "stats",
            "--campaign",
            campaign,
            "--from",
            today.minusDays(1).toString(),
            "--to",
            today.toString()
        };
        JsonNode stats = JSON.readTree(ok(range).out());
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        stats.get("rows").forEach(r -> rows.put(r.get("pagePurpose").asText(), r));
        JsonNode p1Email = rows.get("p1 · marketing-email");
        JsonNode p2Email = rows.get("p2 · marketing-email");
        JsonNode p1Ads = rows.get("p1 · personalised-ads");
        JsonNode p2Ads = rows.get("p2 · personalised-ads");
        assertEquals("<10", p2Email.get("pending").asText(), "3 pending grants: under k");
        assertEquals("x", p1Email.get("pending").asText(), "else 15 - 12 gives the 3 away");
        assertEquals("15", stats.at("/totals/pending").asText());
        assertEquals("10", p1Email.get("confirmed").asText());
        assertEquals("0", p2Email.get("confirmed").asText());
        assertEquals("10", stats.at("/totals/confirmed").asText());
        assertEquals("0", stats.at("/totals/granted").asText(), "none granted without confirming");
        assertEquals("<10", p2Ads.get("refused").asText());
        assertEquals("x", p1Ads.get("refused").asText());
        assertEquals("13", stats.at("/totals/refused").asText());
        assertEquals("<10", p1Email.get("withdrawn").asText());
        assertEquals("<10", stats.at("/totals/withdrawn").asText(), "a total under k is hidden");
        assertEquals("<10", p1Ads.get("refused-gpc").asText());
        assertEquals("0", p2Email.get("withdrawn").asText(), "zero singles out no one");
        Result text = ok("stats", "--campaign", campaign);
        assertTrue(text.out().contains("<10") && text.out().contains(" x "), text.out());
        assertFalse(
                text.out().lines().anyMatch(l -> l.startsWith("p1") && l.matches(".*\\b12\\b.*")),
                "the hidden 12 appears nowhere: " + text.out());

        // a deployment upgraded from a version without roll-ups: what it counted before is in the
        // day counters only, and --from-day-counters reads them
        String[] fromDays = java.util.Arrays.copyOf(range, range.length + 1);
        fromDays[range.length] = "--from-day-counters";
        assertEquals(stats, JSON.readTree(ok(fromDays).out()), "the same table from the days");
        String figuresTable = cloud.stack.physicalId("FiguresTable");
        int removed = 0;
        for (int shard = 0; shard < DynamoFigures.SHARDS; shard++) {
            String pk = DynamoFigures.ROLLUP_PREFIX + campaign + "#" + shard;
            for (Map<String, AttributeValue> item :
                    dynamo.query(
                                    q ->
                                            q.tableName(figuresTable)
                                                    .keyConditionExpression(
                                                            DynamoFigures.PK + " = :pk")
                                                    .expressionAttributeValues(
                                                            Map.of(
                                                                    ":pk",
                                                                    AttributeValue.fromS(pk))))
                            .items()) {
                dynamo.deleteItem(
                        d ->
                                d.tableName(figuresTable)
                                        .key(
                                                Map.of(
                                                        DynamoFigures.PK,
                                                        item.get(DynamoFigures.PK),
                                                        DynamoFigures.SK,
                                                        item.get(DynamoFigures.SK))));
                removed++;
            }
        }
        assertTrue(removed > 0, "the campaign had roll-ups to remove");
        assertEquals(
                "0",
                JSON.readTree(ok(range).out()).at("/totals/pending").asText(),
                "without roll-ups the range reads empty");
        assertEquals(
                stats,
                JSON.readTree(ok(fromDays).out()),
                "--from-day-counters still counts what the roll-ups never saw");
    }

    /**
     * What the double opt-in's confirmation writes to the decision (the link and code paths are
     * DoubleOptInIT's): PENDING_CONFIRMATION becomes GRANTED with confirmedAt, only if still
     * pending.
     */
    private static void confirmMarketingEmail(String receiptId) {
        dynamo.updateItem(
                r ->
                        r.tableName(cloud.consentTable())
                                .key(
                                        Map.of(
                                                "pk",
                                                AttributeValue.fromS("RECEIPT#" + receiptId),
                                                "sk",
                                                AttributeValue.fromS("PURPOSE#marketing-email")))
                                .updateExpression(
                                        "SET #s = :granted, confirmedAt = :at REMOVE confirmBy")
                                .conditionExpression("#s = :pending")
                                .expressionAttributeNames(Map.of("#s", "status"))
                                .expressionAttributeValues(
                                        Map.of(
                                                ":granted",
                                                AttributeValue.fromS("GRANTED"),
                                                ":pending",
                                                AttributeValue.fromS("PENDING_CONFIRMATION"),
                                                ":at",
                                                AttributeValue.fromS(Instant.now().toString()))));
    }

    private static Map<Measure, Long> withoutZeros(Map<Measure, Long> counts) {
        Map<Measure, Long> out = new EnumMap<>(Measure.class);
        counts.forEach(
                (k, v) -> {
                    if (v != 0) {
                        out.put(k, v);
                    }
                });
        return out;
    }

    /** The campaign's decisions counted straight from the consent table. */
    private static Map<Measure, Long> rawCount(String campaign) {
        List<Map<String, AttributeValue>> items = cloud.scanConsentTable();
        Set<String> receipts =
                items.stream()
                        .filter(i -> i.get("sk").s().equals("RECEIPT"))
                        .filter(
                                i ->
                                        i.containsKey("sourceCampaign")
                                                && i.get("sourceCampaign").s().equals(campaign))
                        .map(i -> i.get("pk").s())
                        .collect(Collectors.toSet());
        Map<Measure, Long> counts = new EnumMap<>(Measure.class);
        for (Map<String, AttributeValue> item : items) {
            if (!receipts.contains(item.get("pk").s())
                    || !item.get("sk").s().startsWith("PURPOSE#")) {
                continue;
            }
            String status = item.get("status").s();
            boolean gpc = item.containsKey("reason") && item.get("reason").s().equals("gpc");
            // a confirmed grant was captured pending, then confirmed (it keeps confirmedAt)
            boolean confirmed = item.containsKey("confirmedAt");
            if (confirmed) {
                counts.merge(Measure.PENDING, 1L, Long::sum);
                counts.merge(Measure.CONFIRMED, 1L, Long::sum);
            }
            switch (status) {
                case "PENDING_CONFIRMATION" -> counts.merge(Measure.PENDING, 1L, Long::sum);
                case "GRANTED" -> {
                    if (!confirmed) {
                        counts.merge(Measure.GRANTED, 1L, Long::sum);
                    }
                }
                case "REFUSED" ->
                        counts.merge(gpc ? Measure.REFUSED_GPC : Measure.REFUSED, 1L, Long::sum);
                case "WITHDRAWN" -> {
                    // captured granted (or pending and confirmed), then withdrawn: both happened.
                    // This test withdraws no grant while it is still pending.
                    if (!confirmed) {
                        counts.merge(Measure.GRANTED, 1L, Long::sum);
                    }
                    counts.merge(Measure.WITHDRAWN, 1L, Long::sum);
                }
                default -> throw new AssertionError(status);
            }
        }
        return counts;
    }

    /** The figures function's counting, without the stream: one record per increment. */
    private static Map<String, Long> cells(List<Figures.Count> counts) {
        Map<String, Long> cells = new java.util.TreeMap<>();
        for (Figures.Count c : counts) {
            cells.merge(c.page() + "|" + c.purposeId() + "|" + c.measure(), c.count(), Long::sum);
        }
        return cells;
    }

    @Test
    void rangesAcrossMonthEdgesGiveTheSameCountsFromTheRollUpsAsFromTheDays() {
        DynamoFigures figures = figures();
        String campaign = "it-rollup-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate start = LocalDate.of(2026, 9, 27);
        LocalDate end = LocalDate.of(2026, 12, 3);
        int n = 0;
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            // an uneven pattern: counts differ by day, page, purpose and measure
            int k = day.getDayOfYear();
            for (int i = 0; i < 1 + k % 3; i++) {
                Measure measure = Measure.values()[(k + i) % Measure.values().length];
                String page = (k + i) % 2 == 0 ? "p1" : "p2";
                String purpose = (k * 7 + i) % 3 == 0 ? "analytics" : "marketing-email";
                figures.apply(
                        "rollup-" + campaign + "-" + n++,
                        List.of(new Increment(campaign, page, purpose, day, measure)));
            }
        }
        List<LocalDate[]> ranges =
                List.of(
                        new LocalDate[] {LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30)},
                        new LocalDate[] {LocalDate.of(2026, 9, 29), LocalDate.of(2026, 11, 2)},
                        new LocalDate[] {LocalDate.of(2026, 10, 3), LocalDate.of(2026, 11, 28)},
                        new LocalDate[] {LocalDate.of(2026, 10, 20), LocalDate.of(2026, 10, 25)},
                        new LocalDate[] {LocalDate.of(2026, 11, 7), LocalDate.of(2026, 12, 6)},
                        new LocalDate[] {LocalDate.of(2026, 8, 1), LocalDate.of(2027, 1, 31)});
        for (LocalDate[] range : ranges) {
            Map<String, Long> fromDays = cells(figures.read(campaign, range[0], range[1]));
            Map<String, Long> fromRollUps = cells(figures.totals(campaign, range[0], range[1]));
            assertFalse(fromDays.isEmpty());
            assertEquals(fromDays, fromRollUps, "roll-ups = days, " + range[0] + " to " + range[1]);
        }
        long all = n;
        assertEquals(
                all,
                figures.totals(campaign, start, end).stream().mapToLong(Figures.Count::count).sum(),
                "every increment once");
    }

    @Test
    void aRollUpTooLargeForOneItemIsMarkedAndItsRangeIsReadFromTheDays() {
        DynamoFigures figures = figures();
        String table = cloud.stack.physicalId("FiguresTable");
        String campaign = "it-overflow-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate day = LocalDate.of(2026, 10, 14);
        // the day's roll-ups have grown near the item size limit (a campaign with thousands of
        // page labels that day)
        for (int shard = 0; shard < DynamoFigures.SHARDS; shard++) {
            Map<String, AttributeValue> full = new HashMap<>();
            full.put(
                    DynamoFigures.PK,
                    AttributeValue.fromS(DynamoFigures.rollUpPk(campaign, shard)));
            full.put(DynamoFigures.SK, AttributeValue.fromS(DynamoFigures.DAY_PERIOD + day));
            full.put("filler", AttributeValue.fromS("f".repeat(404_900)));
            dynamo.putItem(r -> r.tableName(table).item(full));
        }
        // purposes with long ids make big cells: DynamoDB's limit (409,600 bytes) is passed by
        // the sixth, moto's (405,000) by the first
        String page = "p".repeat(64);
        Map<String, Long> expected = new HashMap<>();
        List<Increment> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String purpose = i + "-" + "x".repeat(900);
            records.add(new Increment(campaign, page, purpose, day, Measure.GRANTED));
            expected.put(page + "|" + purpose + "|GRANTED", 1L);
        }
        for (int i = 0; i < records.size(); i++) {
            assertTrue(figures.apply("overflow-" + campaign + "-" + i, List.of(records.get(i))));
        }
        assertFalse(
                figures.apply("overflow-" + campaign + "-5", List.of(records.get(5))),
                "redelivered after the fallback: counted once");
        for (String period :
                List.of(
                        DynamoFigures.DAY_PERIOD + day,
                        DynamoFigures.MONTH_PERIOD + YearMonth.from(day))) {
            assertTrue(
                    dynamo.getItem(
                                    r ->
                                            r.tableName(table)
                                                    .key(
                                                            Map.of(
                                                                    DynamoFigures.PK,
                                                                    AttributeValue.fromS(
                                                                            DynamoFigures
                                                                                            .OVERFLOW_PREFIX
                                                                                    + campaign),
                                                                    DynamoFigures.SK,
                                                                    AttributeValue.fromS(period))))
                            .hasItem(),
                    period + " is marked incomplete");
        }
        for (LocalDate[] range :
                List.of(
                        new LocalDate[] {day, day},
                        new LocalDate[] {LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)},
                        new LocalDate[] {LocalDate.of(2026, 9, 1), LocalDate.of(2026, 11, 30)})) {
            assertEquals(
                    expected,
                    cells(figures.totals(campaign, range[0], range[1])),
                    "each counted once, " + range[0] + " to " + range[1]);
        }
    }

    @Test
    void aCounterWriteThatFailsIsRetriedAndCountsOnce() {
        DynamoFigures figures = figures();
        String campaign = "it-fault-" + UUID.randomUUID().toString().substring(0, 8);
        List<Increment> one =
                List.of(
                        new Increment(
                                campaign, "p", "analytics", LocalDate.now(), Measure.GRANTED));
        DynamoFigures failing =
                new DynamoFigures(
                        new AwsClients(
                                        cloud.cloud.clientEnvironment(),
                                        List.of(new FailNth("TransactWriteItems", 1, true)))
                                .dynamoDb(),
                        cloud.stack.physicalId("FiguresTable"),
                        Clock.systemUTC());
        String eventId = UUID.randomUUID().toString();
        try {
            failing.apply(eventId, one);
            throw new AssertionError("the injected failure should have surfaced");
        } catch (SdkClientException expected) {
            // applied, but the answer was lost: the record is reported failed and redelivered
        }
        assertFalse(figures.apply(eventId, one), "redelivered: recognised as counted");
        assertTrue(figures.apply(UUID.randomUUID().toString(), one));
        long total =
                figures.read(campaign, LocalDate.now().minusDays(1), LocalDate.now()).stream()
                        .mapToLong(Figures.Count::count)
                        .sum();
        assertEquals(2, total);
        assertEquals(
                2,
                figures.totals(campaign, LocalDate.now().minusDays(1), LocalDate.now()).stream()
                        .mapToLong(Figures.Count::count)
                        .sum(),
                "the roll-ups count it once too");

        DynamoFigures refused =
                new DynamoFigures(
                        new AwsClients(
                                        cloud.cloud.clientEnvironment(),
                                        List.of(new FailNth("TransactWriteItems", 1, false)))
                                .dynamoDb(),
                        cloud.stack.physicalId("FiguresTable"),
                        Clock.systemUTC());
        try {
            refused.apply(UUID.randomUUID().toString(), one);
            throw new AssertionError("the injected failure should have surfaced");
        } catch (SdkClientException expected) {
            // nothing sent
        }
        assertEquals(
                2,
                figures.read(campaign, LocalDate.now().minusDays(1), LocalDate.now()).stream()
                        .mapToLong(Figures.Count::count)
                        .sum(),
                "a failed write adds nothing");
    }

    // ---------------------------------------------------------------- report

    @Test
    void theScheduleWritesLastMonthsReportToS3UnderKmsAsSelfContainedHtmlWithSvg(@TempDir Path dir)
            throws Exception {
        YearMonth last = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        String campaign = "it-report-" + UUID.randomUUID().toString().substring(0, 8);
        DynamoFigures figures = figures();
        for (int i = 0; i < 25; i++) {
            figures.apply(
                    UUID.randomUUID().toString(),
                    List.of(
                            new Increment(
                                    campaign,
                                    "p",
                                    "marketing-email",
                                    last.atDay(1 + i % 5),
                                    Measure.GRANTED)));
        }
        for (int i = 0; i < 4; i++) {
            figures.apply(
                    UUID.randomUUID().toString(),
                    List.of(
                            new Increment(
                                    campaign,
                                    "p",
                                    "marketing-email",
                                    last.atDay(2),
                                    Measure.WITHDRAWN)));
        }

        // days 8-14: 80 granted, 40 refused: a rate of 66.7 %, shown to the nearest 10 %
        for (int i = 0; i < 120; i++) {
            figures.apply(
                    UUID.randomUUID().toString(),
                    List.of(
                            new Increment(
                                    campaign,
                                    "p",
                                    "analytics",
                                    last.atDay(8 + i % 7),
                                    i < 80 ? Measure.GRANTED : Measure.REFUSED)));
        }
        // two messages wait in the capture buffer's dead-letter queue
        SqsClient sqs = new AwsClients(cloud.cloud.clientEnvironment()).sqs();
        String dlq = cloud.stack.physicalId("CaptureBufferDLQ");
        for (int i = 0; i < 2; i++) {
            sqs.sendMessage(r -> r.queueUrl(dlq).messageBody(TEST_DLQ_BODY));
        }

        ScheduleRunner runner =
                ScheduleRunner.forTemplate(
                        cloud.stack,
                        ScheduleRunner.scheduledFunctions(
                                cloud.stack, cloud.cloud.clientEnvironment()));
        ScheduleRunner.Schedule monthly =
                runner.schedules().stream()
                        .filter(s -> s.function().logicalId().equals("MonthlyReportFunction"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("cron(0 6 1 * ? *)", monthly.expression());
        runner.fireAll();
        long waiting =
                Long.parseLong(
                        sqs.getQueueAttributes(
                                        r ->
                                                r.queueUrl(dlq)
                                                        .attributeNames(
                                                                QueueAttributeName
                                                                        .APPROXIMATE_NUMBER_OF_MESSAGES))
                                .attributes()
                                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        // the two test messages leave the shared stack's queue again (other tests expect it empty)
        int deleted = 0;
        for (int attempt = 0; attempt < 10 && deleted < 2; attempt++) {
            for (var message :
                    sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)).messages()) {
                if (message.body().equals(TEST_DLQ_BODY)) {
                    sqs.deleteMessage(r -> r.queueUrl(dlq).receiptHandle(message.receiptHandle()));
                    deleted++;
                }
            }
        }
        assertEquals(2, deleted, "the test's messages taken out again");
        assertTrue(waiting >= 2);

        String bucket = cloud.stack.physicalId("ReportsBucket");
        S3Client s3 = new AwsClients(cloud.cloud.clientEnvironment()).s3();
        String keyArn = cloud.stack.attributes().get("ConsentKey.Arn");
        var encryption = s3.getBucketEncryption(r -> r.bucket(bucket));
        var rule = encryption.serverSideEncryptionConfiguration().rules().get(0);
        assertEquals(
                ServerSideEncryption.AWS_KMS,
                rule.applyServerSideEncryptionByDefault().sseAlgorithm());
        assertEquals(keyArn, rule.applyServerSideEncryptionByDefault().kmsMasterKeyID());
        var block = s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration();
        assertTrue(
                block.blockPublicAcls()
                        && block.blockPublicPolicy()
                        && block.ignorePublicAcls()
                        && block.restrictPublicBuckets());
        assertTrue(
                cloud.provisioningOutput.contains("bucket policy ReportsBucketPolicy: 0 of 1"),
                cloud.provisioningOutput);
        assertTrue(
                String.valueOf(cloud.stack.template().resources().get("ReportsBucketPolicy"))
                        .contains("aws:SecureTransport=false"),
                "on AWS the bucket refuses anything but TLS");

        var json =
                s3.getObjectAsBytes(r -> r.bucket(bucket).key("reports/" + last + "/report.json"));
        GetObjectResponse jsonHead = json.response();
        assertEquals(ServerSideEncryption.AWS_KMS, jsonHead.serverSideEncryption());
        assertEquals(keyArn, jsonHead.ssekmsKeyId());
        JsonNode report = JSON.readTree(json.asUtf8String());
        assertEquals(last.toString(), report.get("month").asText());
        JsonNode row = null;
        for (JsonNode r : report.get("consentByCampaignAndPurpose")) {
            if (r.get("campaignPurpose").asText().equals(campaign + " · marketing-email")) {
                row = r;
            }
        }
        assertNotNull(row, report.toString());
        assertEquals("25", row.get("granted").asText());
        assertEquals("<10", row.get("withdrawn").asText());
        JsonNode weeks = null;
        for (JsonNode c : report.get("consentRateByCampaignAndWeek")) {
            if (c.get("campaign").asText().equals(campaign)) {
                weeks = c.get("weeks");
            }
        }
        assertNotNull(weeks, report.toString());
        assertEquals("1-7", weeks.get(0).get("days").asText());
        assertTrue(weeks.get(0).get("yesPercent").isNull(), "25 decisions: too few for a rate");
        assertEquals("under 100 decisions", weeks.get(0).get("shown").asText());
        assertEquals(70, weeks.get(1).get("yesPercent").asLong(), weeks.toString());
        assertEquals("rounded to 10%", weeks.get(1).get("shown").asText());
        JsonNode queues = report.get("deadLetterQueues");
        assertEquals(8, queues.size(), queues.toString());
        assertEquals(waiting, queues.get("capture-buffer-dlq").asLong(), queues.toString());
        queues.forEach(depth -> assertTrue(depth.asLong() >= 0, "every queue read: " + queues));
        assertTrue(
                report.at("/projectKey/automaticRotation").asBoolean(),
                "the template's EnableKeyRotation, as provisioned");
        Map<String, Long> live = liveReceiptsByNoticeVersion();
        JsonNode notices = report.get("noticeVersions");
        assertTrue(notices.size() >= live.size(), notices.toString());
        for (JsonNode n : notices) {
            long expected = live.getOrDefault(n.get("version").asText(), 0L);
            assertEquals(
                    expected > 0 && expected < 10 ? "<10" : Long.toString(expected),
                    n.get("liveReceipts").asText(),
                    n.toString());
        }
        assertTrue(report.at("/ledger/intact").asBoolean(), report.at("/ledger").toString());

        var html =
                s3.getObjectAsBytes(r -> r.bucket(bucket).key("reports/" + last + "/report.html"));
        assertEquals(ServerSideEncryption.AWS_KMS, html.response().serverSideEncryption());
        String page = html.asUtf8String();
        assertTrue(page.contains("<svg role=\"img\""), "charts are inline SVG");
        assertTrue(page.contains("<title id="), "each chart has a text alternative");
        assertTrue(page.contains("<html lang=\"en\">"));
        assertFalse(page.contains("http://") || page.contains("https://"), "no external URL");
        assertFalse(page.contains("src=") || page.contains("<link") || page.contains("<script"));
        assertTrue(page.contains(campaign));
        assertFalse(
                page.contains("@") || json.asUtf8String().contains("@"),
                "no email address, nor anything like one, in the report");

        // on demand, from the CLI: the same month, also saved locally
        Path file = dir.resolve("review.html");
        ok("report", "--month", last.toString(), "--out", file.toString());
        assertTrue(Files.readString(file).contains("<svg"));
        JsonNode fromCli = JSON.readTree(Files.readString(dir.resolve("review.html.json")));
        assertEquals(last.toString(), fromCli.get("month").asText());
        assertEquals(
                queues.size(),
                fromCli.get("deadLetterQueues").size(),
                "the CLI finds the same queues by name");
        fromCli.get("deadLetterQueues")
                .forEach(depth -> assertTrue(depth.asLong() >= 0, fromCli.toString()));
        assertTrue(
                fromCli.at("/projectKey/automaticRotation").asBoolean(), "read through the alias");
        assertFalse(logs.toString(StandardCharsets.UTF_8).contains(campaign + "@"));
    }

    private static final String TEST_DLQ_BODY = "{\"test\":\"AccountabilityIT report\"}";

    /** A raw count of the consent table's unexpired receipts per notice version. */
    private static Map<String, Long> liveReceiptsByNoticeVersion() {
        long now = Instant.now().getEpochSecond();
        Map<String, Long> live = new HashMap<>();
        dynamo.scanPaginator(r -> r.tableName(cloud.stack.physicalId("ConsentTable")))
                .items()
                .forEach(
                        item -> {
                            AttributeValue sk = item.get("sk");
                            AttributeValue expires = item.get("expiresAt");
                            if (sk != null
                                    && "RECEIPT".equals(sk.s())
                                    && item.get("noticeVersion") != null
                                    && (expires == null || Long.parseLong(expires.n()) > now)) {
                                live.merge(item.get("noticeVersion").s(), 1L, Long::sum);
                            }
                        });
        return live;
    }

    @Test
    void aReportThatCannotBeStoredFailsAndLeavesNoJson() {
        YearMonth month = YearMonth.of(2001, 1);
        Map<String, String> env = new HashMap<>(cloud.functionEnvironment("MonthlyReportFunction"));
        String bucket = cloud.stack.physicalId("ReportsBucket");
        S3Client s3 = new AwsClients(cloud.cloud.clientEnvironment()).s3();
        // the JSON (written last) is refused: the month has no complete report
        env.put("REPORTS_BUCKET", bucket);
        var wiring =
                new dev.consentvault.functions.Wiring(
                        env, List.of(new FailNth("PutObject", 2, false)), Clock.systemUTC());
        MonthlyReportHandler handler = new MonthlyReportHandler(wiring.monthlyReport());
        try {
            handler.handleRequest(Map.of("month", month.toString()), null);
            throw new AssertionError("the failure should surface to the schedule's retry");
        } catch (SdkClientException expected) {
            // retried by the schedule, alarmed on
        }
        try {
            s3.headObject(r -> r.bucket(bucket).key("reports/" + month + "/report.json"));
            throw new AssertionError("no JSON for an incomplete month");
        } catch (NoSuchKeyException expected) {
            // as wanted
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            assertEquals(404, e.statusCode());
        }
        // the retry writes it whole
        new MonthlyReportHandler(new dev.consentvault.functions.Wiring(env).monthlyReport())
                .handleRequest(Map.of("month", month.toString()), null);
        assertNotNull(
                s3.headObject(r -> r.bucket(bucket).key("reports/" + month + "/report.json"))
                        .serverSideEncryption());
    }
}
