package dev.consentvault.aws;

import dev.consentvault.core.DependencyUnavailableException;
import dev.consentvault.core.privacy.RequestQueue;
import dev.consentvault.core.privacy.RequestType;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The deletion-requests and complaints queues. */
public final class SqsRequestQueue implements RequestQueue {

    private final SqsClient sqs;
    private final String deletionQueueUrl;
    private final String complaintQueueUrl;

    public SqsRequestQueue(SqsClient sqs, String deletionQueueUrl, String complaintQueueUrl) {
        this.sqs = sqs;
        this.deletionQueueUrl = deletionQueueUrl;
        this.complaintQueueUrl = complaintQueueUrl;
    }

    @Override
    public void send(RequestType queue, String body) {
        String url = queue == RequestType.DELETION ? deletionQueueUrl : complaintQueueUrl;
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(
                    "no queue URL configured for " + queue.jsonName() + " requests");
        }
        try {
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
        } catch (SdkException e) {
            throw new DependencyUnavailableException(
                    "SendMessage failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
