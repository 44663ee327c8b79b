package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoAuditLog;
import dev.consentvault.core.audit.RetentionAuditor;
import dev.consentvault.core.config.Settings;
import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.functions.stream.StreamBatch;
import java.time.Clock;
import java.util.Map;

/**
 * The retention auditor, on the consent table's stream (REMOVE records only, by the event source's
 * filter). Reports the records it could not audit as batch item failures, so only those are
 * retried.
 */
public final class RetentionAuditHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final JsonLog LOG = new JsonLog("retention-auditor");
    private final StreamBatch batch;

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
        this.batch = new StreamBatch(LOG, auditor::audit);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return batch.process(event, context);
    }
}
