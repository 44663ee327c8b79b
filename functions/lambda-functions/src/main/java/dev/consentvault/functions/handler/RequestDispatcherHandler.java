package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.PrivacyRequestTable;
import dev.consentvault.core.privacy.RequestDispatch;
import dev.consentvault.functions.Wiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outbox dispatcher, on the privacy-requests table's stream (writes with a pending dispatch
 * only, by the event source's filter): queues each request or processor notice, reporting the ones
 * it could not as batch item failures so only those are retried (the sweeper catches what runs out
 * of retries).
 */
public final class RequestDispatcherHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final JsonLog LOG = new JsonLog("request-dispatcher");
    private final RequestDispatch dispatch;

    public RequestDispatcherHandler() {
        this(System.getenv());
    }

    public RequestDispatcherHandler(Map<String, String> env) {
        this(new Wiring(env).requestDispatch());
    }

    public RequestDispatcherHandler(RequestDispatch dispatch) {
        this.dispatch = dispatch;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String sequence = record.getDynamodb().getSequenceNumber();
            try {
                Map<
                                String,
                                com.amazonaws.services.lambda.runtime.events.models.dynamodb
                                        .AttributeValue>
                        keys = record.getDynamodb().getKeys();
                dispatch.dispatchItem(
                        keys.get(PrivacyRequestTable.PK).getS(),
                        keys.get(PrivacyRequestTable.SK).getS());
            } catch (RuntimeException e) {
                LOG.warn(
                        "record-failed",
                        Map.of("sequenceNumber", sequence, "error", e.getClass().getSimpleName()));
                failures.add(
                        StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(sequence)
                                .build());
            }
        }
        LOG.info("batch", Map.of("records", event.getRecords().size(), "failed", failures.size()));
        JsonLog.setRequestId(null);
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }
}
