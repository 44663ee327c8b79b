package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoAuditLog;
import dev.consentvault.core.TimeBudget;
import dev.consentvault.core.audit.RemovedRecord;
import dev.consentvault.core.audit.RetentionAuditor;
import dev.consentvault.core.config.Settings;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.functions.InvocationBudget;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The retention auditor, on the consent table's stream (REMOVE records only, by the event source's
 * filter). Reports the records it could not audit as batch item failures, so only those are
 * retried.
 */
public final class RetentionAuditHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final JsonLog LOG = new JsonLog("retention-auditor");
    private final RetentionAuditor auditor;

    public RetentionAuditHandler() {
        this(System.getenv());
    }

    public RetentionAuditHandler(Map<String, String> env) {
        this(env, new Settings(env));
    }

    private RetentionAuditHandler(Map<String, String> env, Settings settings) {
        this(
                new RetentionAuditor(
                        new DynamoAuditLog(new AwsClients(env).dynamoDb(), settings.auditTable()),
                        new EmfMetrics(Clock.systemUTC()),
                        settings.consentTable(),
                        settings.auditRetention(),
                        Clock.systemUTC()));
    }

    public RetentionAuditHandler(RetentionAuditor auditor) {
        this.auditor = auditor;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        List<RemovedRecord> removed = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (!"REMOVE".equals(record.getEventName())) {
                continue;
            }
            Map<String, AttributeValue> keys = record.getDynamodb().getKeys();
            Identity identity = record.getUserIdentity();
            removed.add(
                    new RemovedRecord(
                            record.getEventID(),
                            record.getDynamodb().getSequenceNumber(),
                            keys.getOrDefault(ConsentTable.PK, new AttributeValue()).getS(),
                            keys.getOrDefault(ConsentTable.SK, new AttributeValue()).getS(),
                            identity == null ? null : identity.getType(),
                            identity == null ? null : identity.getPrincipalId(),
                            record.getDynamodb().getApproximateCreationDateTime() == null
                                    ? null
                                    : record.getDynamodb()
                                            .getApproximateCreationDateTime()
                                            .toInstant()));
        }
        // a write that would overrun the timeout fails, and its records come back as failures
        Set<String> failed =
                TimeBudget.within(InvocationBudget.of(context), () -> auditor.audit(removed));
        List<StreamsEventResponse.BatchItemFailure> failures =
                failed.stream()
                        .map(
                                sequence ->
                                        StreamsEventResponse.BatchItemFailure.builder()
                                                .withItemIdentifier(sequence)
                                                .build())
                        .toList();
        LOG.info(
                "audited",
                Map.of(
                        "records",
                        event.getRecords().size(),
                        "removed",
                        removed.size(),
                        "failed",
                        failures.size()));
        JsonLog.setRequestId(null);
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }
}
