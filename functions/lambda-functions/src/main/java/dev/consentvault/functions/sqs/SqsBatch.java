package dev.consentvault.functions.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.consentvault.core.log.JsonLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Partial batch responses for SQS event sources (ReportBatchItemFailures): each message is handed
 * to the processor on its own; the ones that throw are reported by message id, so only they come
 * back (and reach the DLQ after maxReceiveCount). Logs message ids and error classes, never bodies.
 */
public final class SqsBatch {

    private final JsonLog log;
    private final Consumer<String> processor;

    public SqsBatch(JsonLog log, Consumer<String> processor) {
        this.log = log;
        this.processor = processor;
    }

    public SQSBatchResponse process(SQSEvent event, Context context) {
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            try {
                processor.accept(message.getBody());
            } catch (RuntimeException e) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("messageId", message.getMessageId());
                fields.put(
                        "receiveCount",
                        message.getAttributes() == null
                                ? null
                                : message.getAttributes().get("ApproximateReceiveCount"));
                fields.put("error", e.getClass().getSimpleName());
                log.warn("message-failed", fields);
                failures.add(
                        SQSBatchResponse.BatchItemFailure.builder()
                                .withItemIdentifier(message.getMessageId())
                                .build());
            }
        }
        log.info("batch", Map.of("messages", event.getRecords().size(), "failed", failures.size()));
        JsonLog.setRequestId(null);
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
