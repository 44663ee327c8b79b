package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.functions.handler.RetentionAuditHandler;
import dev.consentvault.local.LocalFunction;
import dev.consentvault.local.TtlReaper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Proof that retention ran: TTL expiry → stream REMOVE → audit entry and metric, without personal
 * data.
 */
class RetentionAuditIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    private List<Map<String, AttributeValue>> auditEntries(String eventId) {
        return cloud.scan("AuditTable").stream()
                .filter(i -> i.get("eventId").s().equals(eventId))
                .toList();
    }

    @ParameterizedTest
    @Event(value = "../events/retention-audit-ttl-delete.json", type = DynamodbEvent.class)
    void aRemovalByTheDynamoDbServiceIsATtlExpiry(DynamodbEvent event) {
        StreamsEventResponse response =
                new RetentionAuditHandler(cloud.functionEnvironment("RetentionAuditFunction"))
                        .handleRequest(event, null);
        assertTrue(response.getBatchItemFailures().isEmpty());
        Map<String, AttributeValue> entry =
                auditEntries(event.getRecords().get(0).getEventID()).get(0);
        assertEquals("ttl-expiry", entry.get("deletionKind").s());
        assertEquals("contest-entry", entry.get("purposeId").s());
        assertEquals("consent-decision", entry.get("recordType").s());
        assertFalse(
                entry.toString().contains("7fa6c9af"),
                "the audit keeps a hash, not the receipt id");
    }

    @ParameterizedTest
    @Event(value = "../events/retention-audit-application-delete.json", type = DynamodbEvent.class)
    void aRemovalWithoutTheServicePrincipalIsAnApplicationDelete(DynamodbEvent event) {
        new RetentionAuditHandler(cloud.functionEnvironment("RetentionAuditFunction"))
                .handleRequest(event, null);
        Map<String, AttributeValue> entry =
                auditEntries(event.getRecords().get(0).getEventID()).get(0);
        assertEquals("application-delete", entry.get("deletionKind").s());
        assertEquals("marketing-email", entry.get("purposeId").s());
    }

    @Test
    void theReaperExpiresWhatRetentionEndedAndTheAuditorRecordsIt() throws Exception {
        Captures person = new Captures();
        APIGatewayV2HTTPResponse captured =
                cloud.captureHandler()
                        .handleRequest(
                                cloud.captureEvent(
                                        person.everyField(),
                                        Map.of(
                                                "idempotency-key",
                                                java.util.UUID.randomUUID().toString())),
                                null);
        assertEquals(201, captured.getStatusCode());
        JsonNode receipt = JSON.readTree(captured.getBody());
        // confirmed (double opt-in), so the marketing purposes live their 24 months
        cloud.confirmAll(receipt.get("receiptId").asText(), receipt.get("receiptToken").asText());
        String receiptPk = "RECEIPT#" + receipt.get("receiptId").asText();
        int auditBefore = cloud.scan("AuditTable").size();
        // the reaper also expires other tables' items (the ledger's and the figures' markers)
        int consentBefore = cloud.consentItemCount();

        ByteArrayOutputStream metrics = new ByteArrayOutputStream();
        PrintStream standard =
                EmfMetrics.redirect(new PrintStream(metrics, true, StandardCharsets.UTF_8));
        Map<String, LocalFunction> consumers =
                TtlReaper.streamConsumers(cloud.stack, cloud.cloud.clientEnvironment());
        Clock in100Days = Clock.fixed(Instant.now().plus(100, ChronoUnit.DAYS), ZoneOffset.UTC);
        int reaped;
        try (TtlReaper reaper = new TtlReaper(cloud.stack, cloud.cloud, consumers, in100Days)) {
            reaped = reaper.reapOnce();
        } finally {
            EmfMetrics.redirect(standard);
        }

        assertTrue(
                reaped >= 2,
                "the contest decision (P90D) and the idempotency marker (24 h) at least: "
                        + reaped);
        List<String> left =
                cloud.scanConsentTable().stream()
                        .filter(i -> i.get("pk").s().equals(receiptPk))
                        .map(i -> i.get("sk").s())
                        .sorted()
                        .toList();
        assertEquals(
                List.of(
                        "PURPOSE#marketing-email",
                        "PURPOSE#marketing-sms",
                        "PURPOSE#personalised-ads",
                        "RECEIPT"),
                left);

        List<Map<String, AttributeValue>> audit = cloud.scan("AuditTable");
        // the reaper also expires other tables' items (receipt keys, the ledger's and the figures'
        // markers: no stream, so no audit entry): a receipt whose purposes all went unconfirmed
        // lives, with its key, only 7 days
        int consentReaped = consentBefore - cloud.consentItemCount();
        assertTrue(consentReaped <= reaped);
        assertEquals(
                auditBefore + consentReaped,
                audit.size(),
                "one audit entry per item removed from the consent table");
        assertTrue(
                audit.stream()
                        .anyMatch(
                                e ->
                                        "contest-entry"
                                                        .equals(
                                                                e.get("purposeId") == null
                                                                        ? null
                                                                        : e.get("purposeId").s())
                                                && "ttl-expiry".equals(e.get("deletionKind").s())));
        String everything = audit.toString();
        for (String secret : List.of(person.email, person.phone, person.name, receiptPk)) {
            assertFalse(
                    everything.contains(secret), "the audit holds no personal data or receipt id");
        }

        String emf = metrics.toString(StandardCharsets.UTF_8);
        JsonNode line =
                emf.lines()
                        .map(
                                l -> {
                                    try {
                                        return JSON.readTree(l);
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                })
                        .filter(n -> "contest-entry".equals(n.path("Purpose").asText()))
                        .findFirst()
                        .orElseThrow();
        assertEquals("ttl-expiry", line.get("DeletionKind").asText());
        assertTrue(line.get("RecordsDeleted").asLong() >= 1);
        assertEquals("ConsentVault", line.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
    }
}
