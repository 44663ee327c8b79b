package dev.consentvault.aws;

import dev.consentvault.core.audit.AuditEntry;
import dev.consentvault.core.audit.AuditLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The retention audit table: pk {@code AUDIT#yyyy-MM} (one partition a month), sk {@code
 * deletedAt#eventId}, its own TTL. Written with {@link BatchWrites}; the key is the stream event's,
 * so a redelivered record is one entry.
 */
public final class DynamoAuditLog implements AuditLog {

    private static final int ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAuditLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<AuditEntry> record(List<AuditEntry> entries) {
        List<AuditEntry> failed = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += BatchWrites.MAX_BATCH) {
            List<AuditEntry> chunk =
                    entries.subList(from, Math.min(entries.size(), from + BatchWrites.MAX_BATCH));
            Map<String, AuditEntry> byEventId = new LinkedHashMap<>();
            List<WriteRequest> requests = new ArrayList<>();
            for (AuditEntry entry : chunk) {
                byEventId.put(entry.eventId(), entry);
                requests.add(
                        WriteRequest.builder()
                                .putRequest(PutRequest.builder().item(item(entry)).build())
                                .build());
            }
            try {
                BatchWrites.write(dynamo, table, requests, ATTEMPTS)
                        .forEach(
                                w ->
                                        failed.add(
                                                byEventId.get(
                                                        w.putRequest()
                                                                .item()
                                                                .get(AuditEntry.EVENT_ID)
                                                                .s())));
            } catch (SdkException e) {
                failed.addAll(chunk);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.addAll(chunk);
            }
        }
        return failed;
    }

    private static Map<String, AttributeValue> item(AuditEntry entry) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(AuditEntry.PK, AttributeValue.fromS(entry.pk()));
        item.put(AuditEntry.SK, AttributeValue.fromS(entry.sk()));
        item.put(AuditEntry.EVENT_ID, AttributeValue.fromS(entry.eventId()));
        item.put(AuditEntry.DELETION_KIND, AttributeValue.fromS(entry.kind().label()));
        item.put(AuditEntry.RECORD_TYPE, AttributeValue.fromS(entry.recordType()));
        if (entry.purposeId() != null) {
            item.put(AuditEntry.PURPOSE_ID, AttributeValue.fromS(entry.purposeId()));
        }
        item.put(AuditEntry.RECORD_HASH, AttributeValue.fromS(entry.recordHash()));
        item.put(AuditEntry.DELETED_AT, AttributeValue.fromS(entry.deletedAt().toString()));
        item.put(
                AuditEntry.EXPIRES_AT,
                AttributeValue.fromN(Long.toString(entry.keepUntil().getEpochSecond())));
        return item;
    }
}
