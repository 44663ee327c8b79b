package dev.consentvault.aws;

import dev.consentvault.core.store.StorageUnavailableException;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The capture buffer queue: a held capture's sealed message, sent once SQS has stored it. */
public final class SqsCaptureQueue implements Consumer<String> {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsCaptureQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void accept(String message) {
        try {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(message));
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "capture could not be held: " + e.getClass().getSimpleName(), e);
        }
    }
}
