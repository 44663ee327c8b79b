package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.CaptureScreen;
import dev.consentvault.core.privacy.SuppressionList;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import dev.consentvault.functions.handler.DeletionProcessorHandler;
import dev.consentvault.functions.handler.PrivacyRequestHandler;
import dev.consentvault.local.AwsRequestCounter;
import dev.consentvault.local.LocalFunction;
import dev.consentvault.local.SqsPoller;
import dev.consentvault.support.SupportCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * After an erasure the person's identifiers stay on the suppression list as keyed hashes only, and
 * an import or processor sync naming them again is flagged (the support CLI's check-suppression),
 * however the address is written; nothing else, and nothing readable, is kept.
 */
class SuppressionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloudFixture cloud;
    private static PrivacyRequestHandler api;

    @BeforeAll
    static void start() {
        cloud = LocalCloudFixture.get();
        api = new PrivacyRequestHandler(cloud.functionEnvironment("PrivacyRequestFunction"));
    }

    @Test
    void anErasedPersonsIdentifiersAreKeptAsKeyedHashesAndFlagALaterImport() throws Exception {
        Captures person = new Captures();
        String[] receipt = capture(person.everyField());
        // proven: an erasure by the token suppresses only identifiers confirmed on the receipt
        cloud.confirm(receipt[0], "email", "phone");
        Set<String> subjectKeys = subjectKeysOf(receipt[0]);
        assertEquals(2, subjectKeys.size(), "an email key and a phone key");
        Set<String> before = suppressed();
        fileDeletion(receipt);
        cloud.dispatchFiled();
        drain(deletions(new ExecutionInterceptor[0]));

        Set<String> added = new HashSet<>(suppressed());
        added.removeAll(before);
        assertEquals(2, added.size(), "one entry per identifier");
        String raw = cloud.scan("PrivacyRequestsTable").toString();
        assertFalse(raw.contains(person.email), "no plaintext email");
        assertFalse(raw.contains(person.phone.substring(1)), "no plaintext phone");
        for (String entry : added) {
            assertFalse(subjectKeys.contains(entry), "not the consent table's subject keys");
        }
        for (Map<String, AttributeValue> item : cloud.scan("PrivacyRequestsTable")) {
            if (item.get("pk").s().startsWith(SuppressionList.PK_PREFIX)) {
                assertEquals(
                        Set.of("pk", "sk", "suppressedAt"), item.keySet(), "nothing else kept");
            }
        }

        Path file = Files.createTempFile("import", ".txt");
        Files.write(
                file,
                List.of(
                        new Captures().email,
                        "  " + person.email.toUpperCase(Locale.ROOT) + " ",
                        "not an identifier",
                        person.phone,
                        new Captures().phone));
        String[] result = cli("check-suppression", file.toString());
        assertEquals("1", result[0], "exit 1: some lines are listed\n" + result[1] + result[2]);
        assertTrue(result[1].contains("lines 2, 4"), result[1]);
        assertFalse(result[1].contains(person.email), "the CLI prints line numbers only");
        String[] json = cli("--json", "check-suppression", file.toString());
        JsonNode answer = JSON.readTree(json[1]);
        assertEquals(5, answer.get("checked").asInt());
        assertEquals("[2,4]", answer.get("suppressedLines").toString());

        Files.write(file, List.of(new Captures().email));
        assertEquals("0", cli("check-suppression", file.toString())[0], "nobody listed");
    }

    @Test
    void whenTheSuppressionWriteFailsNothingIsErasedAndTheRetryDoesBoth() throws Exception {
        Captures person = new Captures();
        String[] receipt = capture(person.everyField());
        // proven: an erasure by the token suppresses only identifiers confirmed on the receipt
        cloud.confirm(receipt[0], "email", "phone");
        Set<String> before = suppressed();
        fileDeletion(receipt);
        cloud.dispatchFiled();
        InjectedFault fault = new InjectedFault(InjectedFault.Mode.FAIL, Set.of("UpdateItem"));
        fault.armed = true;
        deletions(fault).pollOnce(Duration.ofSeconds(2));
        assertTrue(fault.caught >= 1);
        assertFalse(subjectKeysOf(receipt[0]).isEmpty(), "nothing erased");

        drain(deletions(new ExecutionInterceptor[0]));
        assertTrue(subjectKeysOf(receipt[0]).isEmpty(), "erased on the retry");
        Set<String> added = new HashSet<>(suppressed());
        added.removeAll(before);
        assertEquals(2, added.size());
    }

    @Test
    void withTheScreenSwitchedOnAMarketingCaptureOfAnErasedAddressIsFlagged() throws Exception {
        Captures person = new Captures();
        String[] receipt = capture(person.everyField());
        // proven: an erasure by the token suppresses only identifiers confirmed on the receipt
        cloud.confirm(receipt[0], "email", "phone");
        fileDeletion(receipt);
        cloud.dispatchFiled();
        drain(deletions(new ExecutionInterceptor[0]));
        String again =
                """
                {"subject": {"email": "%s"}, "purposes": {"marketing-email": true},
                 "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok"}, "jurisdiction": "EU", "ageConfirmed": true}
                """
                        .formatted(person.email.toUpperCase(Locale.ROOT));

        // off, the default: a capture costs its one request, and nothing is flagged
        AwsRequestCounter offCounter = new AwsRequestCounter();
        CaptureConsentHandler unscreened = cloud.captureHandler(offCounter);
        offCounter.reset(); // the handler's init unwrapped the index key
        String offLog = captureLogged(unscreened, again);
        assertEquals(1, offCounter.service("DynamoDb"), offCounter.snapshot().toString());
        assertFalse(offLog.contains("capture-of-suppressed-identifier"));

        Map<String, String> env =
                new java.util.LinkedHashMap<>(cloud.functionEnvironment("CaptureConsentFunction"));
        env.put("SUPPRESSION_ON_CAPTURE", "flag");
        AwsRequestCounter onCounter = new AwsRequestCounter();
        CaptureConsentHandler screened =
                new CaptureConsentHandler(
                        Wiring.forCapture(env, List.of(onCounter), Clock.systemUTC()));
        String stranger =
                again.replace(person.email.toUpperCase(Locale.ROOT), new Captures().email);
        // someone never erased is not flagged (and this first capture warms the container: the
        // screen unwraps its index key once, the capture its data key)
        assertFalse(captureLogged(screened, stranger).contains("capture-of-suppressed-identifier"));
        onCounter.reset();
        String onLog = captureLogged(screened, again);
        assertEquals(
                Map.of("DynamoDb.TransactWriteItems", 1, "DynamoDb.BatchGetItem", 1),
                onCounter.snapshot(),
                "the capture and one read of the list");
        assertTrue(onLog.contains("\"event\":\"capture-of-suppressed-identifier\""), onLog);
        assertTrue(onLog.contains("\"purposes\":\"marketing-email\""), onLog);
        assertTrue(onLog.contains("\"" + CaptureScreen.METRIC + "\":1"), "the alarm's metric");
        assertFalse(onLog.toLowerCase(Locale.ROOT).contains(person.email), "no identifier logged");
    }

    /** Runs one capture (201 expected) and returns what it logged and emitted as metrics. */
    @Test
    void aDeletionByTheTokenAloneListsNoIdentifierItDidNotProve() throws Exception {
        // someone typed these identifiers and never confirmed them: the token erases the receipt,
        // but listing the identifiers would suppress whoever really owns them
        Captures person = new Captures();
        String[] receipt = capture(person.everyField());
        fileDeletion(receipt);
        cloud.dispatchFiled();
        drain(deletions(new ExecutionInterceptor[0]));
        assertTrue(subjectKeysOf(receipt[0]).isEmpty(), "the receipt itself is erased");

        Path file = Files.createTempFile("import", ".txt");
        Files.write(file, List.of(person.email, person.phone));
        String[] result = cli("check-suppression", file.toString());
        assertEquals("0", result[0], "neither identifier is listed\n" + result[1] + result[2]);
    }

    private static String captureLogged(CaptureConsentHandler handler, String body) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(lines, true, StandardCharsets.UTF_8);
        PrintStream log = JsonLog.redirect(sink);
        PrintStream metrics = EmfMetrics.redirect(sink);
        try {
            assertEquals(
                    201,
                    handler.handleRequest(cloud.captureEvent(body, Map.of()), null)
                            .getStatusCode());
        } finally {
            JsonLog.redirect(log);
            EmfMetrics.redirect(metrics);
        }
        return lines.toString(StandardCharsets.UTF_8);
    }

    private static String[] cli(String... args) {
        List<String> line =
                new java.util.ArrayList<>(
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
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                SupportCli.run(
                        line.toArray(String[]::new),
                        cloud.cloud.clientEnvironment(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {
            Integer.toString(code),
            out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)
        };
    }

    private static SqsPoller deletions(ExecutionInterceptor... interceptors) {
        DeletionProcessorHandler handler =
                new DeletionProcessorHandler(
                        cloud.api("DeletionProcessorFunction", Clock.systemUTC(), interceptors)
                                .erasure());
        return SqsPoller.forTemplate(
                        cloud.stack,
                        cloud.cloud,
                        Duration.ZERO,
                        Map.of(
                                "DeletionProcessorFunction",
                                LocalFunction.hosting(
                                        cloud.stack, "DeletionProcessorFunction", handler)))
                .stream()
                .filter(p -> p.functionLogicalId().equals("DeletionProcessorFunction"))
                .findFirst()
                .orElseThrow();
    }

    private static void drain(SqsPoller poller) {
        while (poller.pollOnce(Duration.ofSeconds(1)) > 0) {
            // until the queue is empty
        }
    }

    private static String[] capture(String body) throws Exception {
        JsonNode receipt =
                JSON.readTree(
                        cloud.captureHandler()
                                .handleRequest(cloud.captureEvent(body, Map.of()), null)
                                .getBody());
        return new String[] {
            receipt.get("receiptId").asText(), receipt.get("receiptToken").asText()
        };
    }

    private static void fileDeletion(String[] receipt) {
        var response =
                api.handleRequest(
                        cloud.bearerEvent(
                                "privacy-request-deletion.json",
                                receipt[1],
                                "{\"type\": \"deletion\", \"receiptId\": \"" + receipt[0] + "\"}"),
                        null);
        assertEquals(202, response.getStatusCode(), response.getBody());
    }

    /** The subject keys the receipt's items carry (empty once erased). */
    private static Set<String> subjectKeysOf(String receiptId) {
        Set<String> keys = new HashSet<>();
        for (Map<String, AttributeValue> item : cloud.scanConsentTable()) {
            if (item.get("pk").s().equals("RECEIPT#" + receiptId)) {
                for (String attribute : List.of("emailKey", "phoneKey")) {
                    if (item.containsKey(attribute)) {
                        keys.add(item.get(attribute).s());
                    }
                }
            }
        }
        return keys;
    }

    private static Set<String> suppressed() {
        Set<String> entries = new HashSet<>();
        for (Map<String, AttributeValue> item : cloud.scan("PrivacyRequestsTable")) {
            String pk = item.get("pk").s();
            if (pk.startsWith(SuppressionList.PK_PREFIX)) {
                entries.add(pk.substring(SuppressionList.PK_PREFIX.length()));
            }
        }
        return entries;
    }
}
