package dev.consentvault.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.template.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What an SQS event source mapping does, for the local run: receives batches (up to the template's
 * BatchSize, at most 10), hands them to the function, deletes what succeeded, and leaves the rest
 * to come back — only the reported failures when ReportBatchItemFailures is on, else the whole
 * batch. The queue's redrive policy then moves a message to its DLQ after maxReceiveCount receives.
 * One local difference: a failed message is made visible again after {@code retryDelay} instead of
 * the queue's visibility timeout, so a local retry takes seconds, not minutes.
 */
public final class SqsPoller implements AutoCloseable {

    private static final JsonLog LOG = new JsonLog("sqs-poller");

    private final LocalFunction function;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final boolean partialFailures;
    private final Duration retryDelay;
    private final BooleanSupplier cloudReachable;
    private volatile boolean running;
    private Thread thread;

    private SqsPoller(
            LocalFunction function,
            SqsClient sqs,
            String queueUrl,
            String queueArn,
            int batchSize,
            boolean partialFailures,
            Duration retryDelay,
            BooleanSupplier cloudReachable) {
        this.function = function;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = batchSize;
        this.partialFailures = partialFailures;
        this.retryDelay = retryDelay;
        this.cloudReachable = cloudReachable;
    }

    /** One poller per SQS event in the template, each with its function built as Lambda would. */
    public static List<SqsPoller> forTemplate(
            LocalStack stack, LocalCloud cloud, Duration retryDelay) {
        return forTemplate(stack, cloud, retryDelay, Map.of());
    }

    /**
     * As {@link #forTemplate(LocalStack, LocalCloud, Duration)}, with the given functions (by
     * logical id) hosted instead of built from the template: a test's handler with its own settings
     * or faults.
     */
    public static List<SqsPoller> forTemplate(
            LocalStack stack,
            LocalCloud cloud,
            Duration retryDelay,
            Map<String, LocalFunction> hosted) {
        SqsClient sqs = new AwsClients(cloud.clientEnvironment()).sqs();
        List<SqsPoller> pollers = new ArrayList<>();
        for (SamTemplate.FunctionEvent event : stack.template().functionEvents("SQS")) {
            Map<String, Object> p = event.properties();
            String queueId =
                    (String) ((List<?>) ((Map<?, ?>) p.get("Queue")).get("Fn::GetAtt")).get(0);
            Object size = p.get("BatchSize");
            boolean partial =
                    p.get("FunctionResponseTypes") instanceof List<?> types
                            && types.contains("ReportBatchItemFailures");
            pollers.add(
                    new SqsPoller(
                            hosted.containsKey(event.functionId())
                                    ? hosted.get(event.functionId())
                                    : LocalFunction.create(
                                            stack, event.functionId(), cloud.clientEnvironment()),
                            sqs,
                            stack.physicalId(queueId),
                            stack.attributes().get(queueId + ".Arn"),
                            size == null ? 10 : Integer.parseInt(String.valueOf(size)),
                            partial,
                            retryDelay,
                            cloud::reachable));
        }
        return pollers;
    }

    public String functionLogicalId() {
        return function.logicalId();
    }

    public String queueUrl() {
        return queueUrl;
    }

    public void start() {
        running = true;
        thread =
                new Thread(
                        () -> {
                            while (running) {
                                try {
                                    pollOnce(Duration.ofSeconds(2));
                                } catch (RuntimeException e) {
                                    // stopping, or the cloud is gone (the local run says so once)
                                    if (!running || !cloudReachable.getAsBoolean()) {
                                        sleep();
                                        continue;
                                    }
                                    LOG.error(
                                            "poll-failed",
                                            Map.of(
                                                    "function",
                                                    function.logicalId(),
                                                    "error",
                                                    e.getClass().getSimpleName()));
                                    sleep();
                                }
                            }
                        },
                        "sqs-poller-" + function.logicalId());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Receives one batch (waiting up to {@code wait} for it) and delivers it; returns how many
     * messages came.
     */
    public int pollOnce(Duration wait) {
        List<Message> messages =
                sqs.receiveMessage(
                                r ->
                                        r.queueUrl(queueUrl)
                                                .maxNumberOfMessages(Math.min(10, batchSize))
                                                .waitTimeSeconds((int) wait.toSeconds())
                                                .attributeNamesWithStrings("All"))
                        .messages();
        if (messages.isEmpty()) {
            return 0;
        }
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(LocalCloud.REGION);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        Set<String> failed = new LinkedHashSet<>();
        try {
            SQSBatchResponse response = function.invoke(event, UUID.randomUUID().toString());
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
            if (!partialFailures && !failed.isEmpty()) {
                messages.forEach(m -> failed.add(m.messageId()));
            }
        } catch (RuntimeException e) {
            messages.forEach(m -> failed.add(m.messageId()));
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                sqs.changeMessageVisibility(
                        r ->
                                r.queueUrl(queueUrl)
                                        .receiptHandle(message.receiptHandle())
                                        .visibilityTimeout((int) retryDelay.toSeconds()));
            } else {
                done.add(
                        DeleteMessageBatchRequestEntry.builder()
                                .id(message.messageId())
                                .receiptHandle(message.receiptHandle())
                                .build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
    }

    private void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
