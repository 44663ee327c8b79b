package dev.consentvault.functions.stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.consentvault.core.TimeBudget;
import dev.consentvault.core.audit.RemovedRecord;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.functions.InvocationBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Partial batch responses for a DynamoDB stream event source (ReportBatchItemFailures): the REMOVE
 * records of a batch go to the processor together, as {@link RemovedRecord}s (keys, who deleted,
 * when — nothing else of the item); the sequence numbers it could not handle are reported, so
 * Lambda retries from there. Logs event ids, sequence numbers and counts, never item contents.
 */
public final class StreamBatch {

    private final JsonLog log;
    private final Function<List<RemovedRecord>, Set<String>> processor;

    /**
     * @param processor handles the removed records; returns the sequence numbers to retry
     */
    public StreamBatch(JsonLog log, Function<List<RemovedRecord>, Set<String>> processor) {
        this.log = log;
        this.processor = processor;
    }

    public StreamsEventResponse process(DynamodbEvent event, Context context) {
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event.getRecords() == null ? List.of() : event.getRecords();
        List<RemovedRecord> removed =
                records.stream()
                        .filter(record -> "REMOVE".equals(record.getEventName()))
                        .map(StreamBatch::removed)
                        .toList();
        // a write that would overrun the function's timeout fails, and its records come back
        Set<String> failed =
                removed.isEmpty()
                        ? Set.of()
                        : TimeBudget.within(
                                InvocationBudget.of(context), () -> processor.apply(removed));
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (RemovedRecord record : removed) {
            if (failed.contains(record.sequenceNumber())) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("eventId", record.eventId());
                fields.put("sequenceNumber", record.sequenceNumber());
                log.warn("record-failed", fields);
                failures.add(
                        StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(record.sequenceNumber())
                                .build());
            }
        }
        log.info(
                "batch",
                Map.of(
                        "records",
                        records.size(),
                        "removed",
                        removed.size(),
                        "failed",
                        failures.size()));
        JsonLog.setRequestId(null);
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    /** A stream record reduced to what an audit may keep: the keys name no person. */
    static RemovedRecord removed(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord change = record.getDynamodb();
        Map<String, AttributeValue> keys = change.getKeys() == null ? Map.of() : change.getKeys();
        Identity identity = record.getUserIdentity();
        return new RemovedRecord(
                record.getEventID(),
                change.getSequenceNumber(),
                keys.get(ConsentTable.PK) == null ? null : keys.get(ConsentTable.PK).getS(),
                keys.get(ConsentTable.SK) == null ? null : keys.get(ConsentTable.SK).getS(),
                identity == null ? null : identity.getType(),
                identity == null ? null : identity.getPrincipalId(),
                change.getApproximateCreationDateTime() == null
                        ? null
                        : change.getApproximateCreationDateTime().toInstant());
    }
}
