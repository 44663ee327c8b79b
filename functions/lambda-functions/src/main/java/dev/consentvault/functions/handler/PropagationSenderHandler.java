package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.propagation.PropagationDelivery;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.sqs.SqsBatch;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The processor-propagations queue: posts each notice as a signed webhook. A notice that failed
 * comes back later, each time twice as late ({@link #backoff}: 30 s, 1 min, 2 min, ... up to an
 * hour), until the queue's maxReceiveCount sends it to the dead-letter queue (alarm).
 */
public final class PropagationSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final JsonLog LOG = new JsonLog("propagation-sender");
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private final SqsBatch batch;
    private final BiConsumer<String, Duration> delay;

    public PropagationSenderHandler() {
        this(System.getenv());
    }

    public PropagationSenderHandler(Map<String, String> env) {
        this(new Wiring(env));
    }

    public PropagationSenderHandler(Wiring wiring) {
        this(wiring.propagationDelivery()::deliver, wiring.retryDelay());
    }

    /**
     * {@code deliver} posts one message's notice ({@link PropagationDelivery#deliver}); {@code
     * delay} makes a failed message (by receipt handle) visible again after the duration.
     */
    public PropagationSenderHandler(Consumer<String> deliver, BiConsumer<String, Duration> delay) {
        this.batch = new SqsBatch(LOG, deliver);
        this.delay = delay;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        SQSBatchResponse response = batch.process(event, context);
        for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            for (SQSEvent.SQSMessage message : event.getRecords()) {
                if (message.getMessageId().equals(failure.getItemIdentifier())) {
                    try {
                        delay.accept(message.getReceiptHandle(), backoff(receiveCount(message)));
                    } catch (RuntimeException e) {
                        // the queue's own visibility timeout still brings it back
                        LOG.warn("backoff-failed", Map.of("error", e.getClass().getSimpleName()));
                    }
                }
            }
        }
        return response;
    }

    /** How long the n-th failed attempt waits: 30 s doubled each time, at most an hour. */
    static Duration backoff(int receiveCount) {
        int n = Math.max(1, Math.min(receiveCount, 12));
        Duration wait = FIRST_RETRY.multipliedBy(1L << (n - 1));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        try {
            return Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"));
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
