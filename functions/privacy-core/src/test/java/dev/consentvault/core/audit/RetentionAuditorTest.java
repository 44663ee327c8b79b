package dev.consentvault.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.crypto.MutableClock;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetentionAuditorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TABLE = "consent-vault-consents";
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    private static final String RECEIPT_ID = "0cf3f3a2-0d4e-4e43-9c56-3b2f3c1e3e41";
    private static final String PK = "RECEIPT#" + RECEIPT_ID;

    /** Keeps what it is given, except the entries whose sequence numbers it is told to fail. */
    static final class FakeAuditLog implements AuditLog {
        final List<AuditEntry> stored = new ArrayList<>();
        final Set<String> failSequenceNumbers = new HashSet<>();
        int calls;

        @Override
        public List<AuditEntry> record(List<AuditEntry> entries) {
            calls++;
            List<AuditEntry> failed = new ArrayList<>();
            for (AuditEntry entry : entries) {
                if (failSequenceNumbers.contains(entry.sequenceNumber())) {
                    failed.add(entry);
                } else {
                    stored.add(entry);
                }
            }
            return failed;
        }
    }

    private final ByteArrayOutputStream emf = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(NOW);
    private final FakeAuditLog log = new FakeAuditLog();
    private final RetentionAuditor auditor = auditor(TABLE);

    private RetentionAuditor auditor(String table) {
        return new RetentionAuditor(
                log, new EmfMetrics(clock), table, RetentionPolicy.parse("P6Y"), clock);
    }

    private PrintStream standard;

    @BeforeEach
    void captureMetrics() {
        standard = EmfMetrics.redirect(new PrintStream(emf, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardSink() {
        EmfMetrics.redirect(standard);
    }

    private static int sequence;

    private static RemovedRecord ttl(String pk, String sk, Instant at) {
        String n = Integer.toString(++sequence);
        return new RemovedRecord(
                "event-" + n, "seq-" + n, pk, sk, "Service", "dynamodb.amazonaws.com", at);
    }

    private static RemovedRecord removed(
            String pk, String sk, String principalType, String principalId) {
        String n = Integer.toString(++sequence);
        return new RemovedRecord(
                "event-" + n,
                "seq-" + n,
                pk,
                sk,
                principalType,
                principalId,
                Instant.parse("2026-06-01T07:59:00Z"));
    }

    private AuditEntry auditOne(RemovedRecord record) {
        assertEquals(Set.of(), auditor.audit(List.of(record)));
        assertEquals(1, log.stored.size());
        return log.stored.get(0);
    }

    private List<JsonNode> metricLines() {
        String out = emf.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(MAPPER.readTree(line));
            } catch (java.io.IOException e) {
                throw new AssertionError("not one JSON object per line: " + line, e);
            }
        }
        return lines;
    }

    /** (Purpose, DeletionKind, RecordType) → RecordsDeleted, from the EMF lines. */
    private Map<List<String>, Long> counts() {
        Map<List<String>, Long> counts = new LinkedHashMap<>();
        for (JsonNode line : metricLines()) {
            List<String> key =
                    List.of(
                            line.get("Purpose").asText(),
                            line.get("DeletionKind").asText(),
                            line.get("RecordType").asText());
            assertNull(
                    counts.put(key, line.get("RecordsDeleted").asLong()),
                    "one line per dimension set: " + key);
        }
        return counts;
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256")
                                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------- who deleted

    @Test
    void aDeletionByDynamoDbsTtlIsATtlExpiry() {
        AuditEntry entry =
                auditOne(removed(PK, "PURPOSE#contest-entry", "Service", "dynamodb.amazonaws.com"));
        assertEquals(DeletionKind.TTL_EXPIRY, entry.kind());
        assertEquals("ttl-expiry", metricLines().get(0).get("DeletionKind").asText());
    }

    static Stream<Arguments> notTtl() {
        return Stream.of(
                Arguments.of(null, null),
                Arguments.of("Service", null),
                Arguments.of(null, "dynamodb.amazonaws.com"),
                Arguments.of("Service", "lambda.amazonaws.com"),
                Arguments.of("Service", "DynamoDB.amazonaws.com"),
                Arguments.of("AWS", "dynamodb.amazonaws.com"),
                Arguments.of("AssumedRole", "AROAEXAMPLE:consent-api"),
                Arguments.of("IAMUser", "AIDAEXAMPLE"));
    }

    @ParameterizedTest
    @MethodSource("notTtl")
    void anyOtherDeletionIsAnApplicationDelete(String principalType, String principalId) {
        AuditEntry entry =
                auditOne(removed(PK, "PURPOSE#marketing-email", principalType, principalId));
        assertEquals(DeletionKind.APPLICATION_DELETE, entry.kind());
        assertEquals("application-delete", metricLines().get(0).get("DeletionKind").asText());
    }

    // ---------------------------------------------------------------- what was deleted

    static Stream<Arguments> recordTypes() {
        return Stream.of(
                Arguments.of(PK, "PURPOSE#contest-entry", "consent-decision", "contest-entry"),
                Arguments.of(PK, "PURPOSE#marketing-sms", "consent-decision", "marketing-sms"),
                Arguments.of(PK, "RECEIPT", "receipt", null),
                Arguments.of("IDEMPOTENCY#3q2-7wEAAQ", "MARKER", "idempotency-marker", null),
                Arguments.of("CONFIG", "INDEX_KEY", "other", null),
                Arguments.of(null, null, "unknown", null));
    }

    @ParameterizedTest
    @MethodSource("recordTypes")
    void theRecordTypeAndPurposeComeFromTheKeys(
            String pk, String sk, String type, String purposeId) {
        AuditEntry entry = auditOne(removed(pk, sk, "Service", "dynamodb.amazonaws.com"));
        assertEquals(type, entry.recordType());
        assertEquals(purposeId, entry.purposeId());
        JsonNode line = metricLines().get(0);
        assertEquals(type, line.get("RecordType").asText());
        assertEquals(purposeId == null ? "none" : purposeId, line.get("Purpose").asText());
    }

    // ---------------------------------------------------------------- the proof

    @Test
    void theRecordHashProvesADeletionWithoutStoringTheKeys() throws Exception {
        auditor.audit(
                List.of(
                        ttl(PK, "RECEIPT", NOW),
                        ttl(
                                PK,
                                "RECEIPT",
                                NOW.plusSeconds(5)), // a redelivery, or the same keys later
                        ttl(PK, "PURPOSE#contest-entry", NOW),
                        ttl("RECEIPT#0cf3f3a2-0d4e-4e43-9c56-3b2f3c1e3e42", "RECEIPT", NOW)));
        List<String> hashes = log.stored.stream().map(AuditEntry::recordHash).toList();

        hashes.forEach(h -> assertTrue(h.matches("[0-9a-f]{64}"), h));
        assertEquals(hashes.get(0), hashes.get(1), "the same keys, the same hash");
        assertNotEquals(hashes.get(0), hashes.get(2), "another sort key, another hash");
        assertNotEquals(hashes.get(0), hashes.get(3), "another receipt, another hash");
        for (AuditEntry entry : log.stored) {
            assertFalse(
                    entry.toString().contains(RECEIPT_ID),
                    "the audit keeps no receipt id: " + entry);
            assertFalse(entry.recordHash().contains(PK));
        }
        // whoever holds the receipt id can check it: SHA-256 over table, pk and sk
        assertEquals(sha256Hex(TABLE + "\u0000" + PK + "\u0000" + "RECEIPT"), hashes.get(0));
    }

    @Test
    void theRecordHashDependsOnTheTable() {
        auditor.audit(List.of(ttl(PK, "RECEIPT", NOW)));
        auditor("another-stack-consents").audit(List.of(ttl(PK, "RECEIPT", NOW)));
        assertNotEquals(log.stored.get(0).recordHash(), log.stored.get(1).recordHash());
    }

    @Test
    void anEntryIsKeptForTheAuditRetentionFromTheDeletion() {
        Instant deletedAt = Instant.parse("2026-05-31T23:15:00Z");
        AuditEntry entry = auditOne(ttl(PK, "PURPOSE#contest-entry", deletedAt));

        assertEquals(deletedAt, entry.deletedAt());
        assertEquals(
                Instant.parse("2032-05-31T23:15:00Z"),
                entry.keepUntil(),
                "six years after the deletion");
        assertEquals("event-" + sequence, entry.eventId());
        assertEquals("seq-" + sequence, entry.sequenceNumber());
    }

    @Test
    void withoutAnApproximateTimeTheDeletionIsDatedNow() {
        AuditEntry entry =
                auditOne(
                        new RemovedRecord(
                                "e-1",
                                "s-1",
                                PK,
                                "RECEIPT",
                                "Service",
                                "dynamodb.amazonaws.com",
                                null));
        assertEquals(NOW, entry.deletedAt());
        assertEquals(Instant.parse("2032-06-01T08:00:00Z"), entry.keepUntil());
    }

    // ---------------------------------------------------------------- failures

    @Test
    void entriesThatCouldNotBeRecordedAreReturnedForRetryAndNotCounted() {
        RemovedRecord a = ttl(PK, "PURPOSE#contest-entry", NOW);
        RemovedRecord b = ttl(PK, "PURPOSE#contest-entry", NOW);
        RemovedRecord c = ttl(PK, "RECEIPT", NOW);
        RemovedRecord d = ttl(PK, "PURPOSE#marketing-email", NOW);
        log.failSequenceNumbers.addAll(List.of(b.sequenceNumber(), c.sequenceNumber()));

        Set<String> failed = auditor.audit(List.of(a, b, c, d));

        assertEquals(Set.of(b.sequenceNumber(), c.sequenceNumber()), failed);
        assertEquals(
                List.of(a.eventId(), d.eventId()),
                log.stored.stream().map(AuditEntry::eventId).toList());
        assertEquals(
                Map.of(
                        List.of("contest-entry", "ttl-expiry", "consent-decision"), 1L,
                        List.of("marketing-email", "ttl-expiry", "consent-decision"), 1L),
                counts(),
                "only what was recorded is counted; the receipt was not");
    }

    @Test
    void whenNothingCouldBeRecordedEverythingIsReturnedAndNothingCounted() {
        RemovedRecord a = ttl(PK, "PURPOSE#contest-entry", NOW);
        RemovedRecord b = ttl(PK, "RECEIPT", NOW);
        log.failSequenceNumbers.addAll(List.of(a.sequenceNumber(), b.sequenceNumber()));

        assertEquals(Set.of(a.sequenceNumber(), b.sequenceNumber()), auditor.audit(List.of(a, b)));
        assertEquals(List.of(), metricLines());
    }

    @Test
    void anEmptyBatchCountsNothing() {
        assertEquals(Set.of(), auditor.audit(List.of()));
        assertEquals(List.of(), log.stored);
        assertEquals(List.of(), metricLines());
    }

    // ---------------------------------------------------------------- metrics

    @Test
    void deletionsAreCountedPerPurposeKindAndTypeInEmbeddedMetricFormat() {
        String other = "RECEIPT#7d1b0c55-2f7a-4b8e-9a51-6c3e2d1f0a99";
        List<RemovedRecord> batch =
                List.of(
                        ttl(PK, "PURPOSE#contest-entry", NOW),
                        ttl(other, "PURPOSE#contest-entry", NOW),
                        removed(PK, "PURPOSE#contest-entry", "AssumedRole", "AROAEXAMPLE:erasure"),
                        ttl(
                                "RECEIPT#1a2b3c4d-0000-4000-8000-000000000001",
                                "PURPOSE#contest-entry",
                                NOW),
                        ttl(PK, "RECEIPT", NOW),
                        ttl(other, "RECEIPT", NOW),
                        ttl("IDEMPOTENCY#abc", "MARKER", NOW),
                        ttl(PK, "PURPOSE#analytics", NOW));

        assertEquals(Set.of(), auditor.audit(batch));

        assertEquals(
                Map.of(
                        List.of("contest-entry", "ttl-expiry", "consent-decision"), 3L,
                        List.of("contest-entry", "application-delete", "consent-decision"), 1L,
                        List.of("none", "ttl-expiry", "receipt"), 2L,
                        List.of("none", "ttl-expiry", "idempotency-marker"), 1L,
                        List.of("analytics", "ttl-expiry", "consent-decision"), 1L),
                counts());
        assertEquals(batch.size(), log.stored.size());

        for (JsonNode line : metricLines()) {
            assertEquals(NOW.toEpochMilli(), line.at("/_aws/Timestamp").asLong());
            JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
            assertEquals("ConsentVault", directive.get("Namespace").asText());
            assertEquals(
                    MAPPER.createArrayNode()
                            .add(
                                    MAPPER.createArrayNode()
                                            .add("Purpose")
                                            .add("DeletionKind")
                                            .add("RecordType")),
                    directive.get("Dimensions"));
            assertEquals("RecordsDeleted", directive.at("/Metrics/0/Name").asText());
            assertEquals("Count", directive.at("/Metrics/0/Unit").asText());
            assertEquals(1, directive.get("Metrics").size());
            assertTrue(line.get("RecordsDeleted").isIntegralNumber());
            String text = line.toString();
            assertFalse(
                    text.contains(RECEIPT_ID) || text.contains("RECEIPT#"),
                    "no keys in metrics: " + text);
        }
    }

    @Test
    void eachBatchIsCountedOnItsOwn() {
        auditor.audit(List.of(ttl(PK, "RECEIPT", NOW)));
        auditor.audit(List.of(ttl(PK, "RECEIPT", NOW), ttl(PK, "PURPOSE#analytics", NOW)));

        List<JsonNode> lines = metricLines();
        assertEquals(3, lines.size());
        assertEquals(
                List.of(1L, 1L, 1L),
                lines.stream().map(l -> l.get("RecordsDeleted").asLong()).toList());
        assertEquals(2, log.calls);
    }
}
