package dev.consentvault.functions.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.consentvault.core.TimeBudget;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.functions.InvocationBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Partial batch responses for SQS event sources (ReportBatchItemFailures): each message is handed
 * to the processor on its own; the ones that throw are reported by message id, so only they come
 * back (and reach the DLQ after maxReceiveCount). Logs message ids and error classes, never bodies.
 *
 * <p>The batch runs within the invocation's {@link TimeBudget}: a call that would overrun the
 * function's timeout fails, so its message is reported instead of the whole batch being killed
 * mid-way; a message is not started when the budget left is less than the slowest message so far
 * took, and is reported too. The processors are idempotent, so a reported message that was half
 * done is finished when it comes back.
 */
public final class SqsBatch {

    private final JsonLog log;
    private final Consumer<String> processor;

    public SqsBatch(JsonLog log, Consumer<String> processor) {
        this.log = log;
        this.processor = processor;
    }

    public SQSBatchResponse process(SQSEvent event, Context context) {
        TimeBudget budget = InvocationBudget.of(context);
        JsonLog.setRequestId(context == null ? null : context.getAwsRequestId());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Duration slowest = Duration.ZERO;
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (budget != null && !budget.allows(slowest)) {
                failures.add(failure(message, "not-started", "TimeBudgetSpent"));
                continue;
            }
            long started = System.nanoTime();
            try {
                TimeBudget.within(
                        budget,
                        () -> {
                            processor.accept(message.getBody());
                            return null;
                        });
            } catch (RuntimeException e) {
                failures.add(failure(message, "message-failed", e.getClass().getSimpleName()));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
        }
        log.info("batch", Map.of("messages", event.getRecords().size(), "failed", failures.size()));
        JsonLog.setRequestId(null);
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private SQSBatchResponse.BatchItemFailure failure(
            SQSEvent.SQSMessage message, String what, String error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("messageId", message.getMessageId());
        fields.put(
                "receiveCount",
                message.getAttributes() == null
                        ? null
                        : message.getAttributes().get("ApproximateReceiveCount"));
        fields.put("error", error);
        log.warn(what, fields);
        return SQSBatchResponse.BatchItemFailure.builder()
                .withItemIdentifier(message.getMessageId())
                .build();
    }
}
