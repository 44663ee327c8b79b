package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.notify.OutboxSender;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.functions.Wiring;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox sender, on the consent table's stream (inserts of {@code OUTBOX#} messages only, by
 * the event source's filter): sends each message and deletes it; a message it could not send is
 * reported as a batch item failure, so Lambda retries from there (and, out of retries, records the
 * batch on the on-failure queue, which alarms). Records after a failure are still sent: a retry
 * that delivers them again finds them gone and sends nothing twice. Logs counts and the error's
 * class, nothing else.
 */
public final class SendMessagesHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final JsonLog LOG = new JsonLog("send-messages");
    private final OutboxSender sender;

    public SendMessagesHandler() {
        this(System.getenv());
    }

    public SendMessagesHandler(Map<String, String> env) {
        this(new Wiring(env).outboxSender());
    }

    public SendMessagesHandler(OutboxSender sender) {
        this.sender = sender;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<OutboxSender.Outcome, Integer> outcomes = new EnumMap<>(OutboxSender.Outcome.class);
        List<DynamodbEvent.DynamodbStreamRecord> records =
                event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            String sequence = record.getDynamodb().getSequenceNumber();
            try {
                String pk = record.getDynamodb().getKeys().get(ConsentTable.PK).getS();
                outcomes.merge(sender.send(pk), 1, Integer::sum);
            } catch (RuntimeException e) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("sequenceNumber", sequence);
                fields.put("error", e.getClass().getSimpleName());
                fields.put(
                        "cause",
                        e.getCause() == null ? null : e.getCause().getClass().getSimpleName());
                LOG.warn("message-failed", fields);
                failures.add(failure(sequence));
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("records", records.size());
        outcomes.forEach((outcome, n) -> fields.put(outcome.name().toLowerCase(), n));
        fields.put("failed", failures.size());
        LOG.info("batch", fields);
        JsonLog.setRequestId(null);
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    private static StreamsEventResponse.BatchItemFailure failure(String sequence) {
        return StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequence).build();
    }
}
