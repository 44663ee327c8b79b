package dev.consentvault.aws;

import dev.consentvault.core.store.StorageUnavailableException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The capture buffer queue: a held capture's sealed message, sent once SQS has stored it. */
public final class SqsCaptureQueue implements Consumer<String> {

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public SqsCaptureQueue(SqsClient sqs, String queueUrl) {
        this(() -> sqs, queueUrl);
    }

    /**
     * @param sqs the client, asked for at each send (the capture function builds it while other
     *     init runs)
     */
    public SqsCaptureQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void accept(String message) {
        try {
            sqs.get().sendMessage(r -> r.queueUrl(queueUrl).messageBody(message));
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "capture could not be held: " + e.getClass().getSimpleName(), e);
        }
    }
}
