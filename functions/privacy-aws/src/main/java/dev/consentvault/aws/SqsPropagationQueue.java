package dev.consentvault.aws;

import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.propagation.PropagationQueue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The processor-propagations queue. */
public final class SqsPropagationQueue implements PropagationQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsPropagationQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(String body) {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalStateException("no queue URL configured for propagations");
        }
        try {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
        } catch (SdkException e) {
            throw new DependencyUnavailableException(
                    "SendMessage failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
