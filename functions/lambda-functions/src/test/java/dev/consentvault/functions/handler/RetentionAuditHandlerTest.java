package dev.consentvault.functions.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.consentvault.core.audit.AuditEntry;
import dev.consentvault.core.audit.DeletionKind;
import dev.consentvault.core.audit.RetentionAuditor;
import dev.consentvault.core.crypto.MutableClock;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.purpose.RetentionPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** The consent table's stream samples (a TTL expiry, an application delete), in memory. */
class RetentionAuditHandlerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2028-11-29T10:00:00Z"));
    private final List<AuditEntry> stored = new ArrayList<>();
    private final ByteArrayOutputStream metrics = new ByteArrayOutputStream();
    private boolean auditLogDown;

    private final RetentionAuditHandler handler =
            new RetentionAuditHandler(
                    new RetentionAuditor(
                            entries -> {
                                if (auditLogDown) {
                                    return entries;
                                }
                                stored.addAll(entries);
                                return List.of();
                            },
                            new EmfMetrics(clock),
                            InMemoryServices.TABLE,
                            RetentionPolicy.parse("P6Y"),
                            clock));

    private PrintStream previousEmfMetrics;

    @BeforeEach
    void captureMetrics() {
        previousEmfMetrics =
                EmfMetrics.redirect(new PrintStream(metrics, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreMetrics() {
        EmfMetrics.redirect(previousEmfMetrics);
    }

    @ParameterizedTest
    @Event(value = "events/retention-audit-ttl-delete.json", type = DynamodbEvent.class)
    void aTtlDeleteIsAuditedAsRetentionHavingRun(DynamodbEvent event) {
        StreamsEventResponse response = handler.handleRequest(event, null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(1, stored.size());
        AuditEntry entry = stored.get(0);
        assertEquals(DeletionKind.TTL_EXPIRY, entry.kind());
        assertEquals("consent-decision", entry.recordType());
        assertEquals("contest-entry", entry.purposeId());
        assertEquals("111100000000000000000001", entry.sequenceNumber());
        assertEquals(Instant.ofEpochSecond(1859095800), entry.deletedAt());
        assertFalse(
                entry.recordHash().contains("7fa6c9af"), "the audit keeps no receipt id in clear");
        assertTrue(metrics.toString(StandardCharsets.UTF_8).contains("ttl-expiry"));
    }

    @ParameterizedTest
    @Event(value = "events/retention-audit-application-delete.json", type = DynamodbEvent.class)
    void anApplicationDeleteIsAuditedAsSuch(DynamodbEvent event) {
        handler.handleRequest(event, null);
        assertEquals(1, stored.size());
        assertEquals(DeletionKind.APPLICATION_DELETE, stored.get(0).kind());
        assertEquals("marketing-email", stored.get(0).purposeId());
    }

    @ParameterizedTest
    @Event(value = "events/retention-audit-ttl-delete.json", type = DynamodbEvent.class)
    void whatCouldNotBeStoredIsReportedBySequenceNumberAndLoggedWithoutKeys(DynamodbEvent event) {
        auditLogDown = true;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream previousJsonLog =
                JsonLog.redirect(new PrintStream(logs, true, StandardCharsets.UTF_8));
        StreamsEventResponse response;
        try {
            response = handler.handleRequest(event, null);
        } finally {
            JsonLog.redirect(previousJsonLog);
        }
        assertEquals(
                List.of("111100000000000000000001"),
                response.getBatchItemFailures().stream()
                        .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        String log = logs.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("record-failed") && log.contains("111100000000000000000001"), log);
        assertFalse(log.contains("RECEIPT#"), "item keys stay out of the logs");
    }

    @ParameterizedTest
    @Event(value = "events/retention-audit-ttl-delete.json", type = DynamodbEvent.class)
    void recordsOtherThanRemovesAreNotAudited(DynamodbEvent event) {
        event.getRecords().get(0).setEventName("MODIFY");
        assertTrue(handler.handleRequest(event, null).getBatchItemFailures().isEmpty());
        assertTrue(stored.isEmpty());
    }
}
