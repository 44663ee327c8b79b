package dev.consentvault.aws;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem as DynamoDB wants it used: at most 25 requests a call, and what it leaves
 * unprocessed (throttling) retried with a growing pause, up to a number of attempts.
 */
final class BatchWrites {

    static final int MAX_BATCH = 25;

    private BatchWrites() {}

    /**
     * Writes one batch (at most {@link #MAX_BATCH} requests); returns what is still unprocessed
     * after {@code attempts} calls, empty when everything was written.
     */
    static List<WriteRequest> write(
            DynamoDbClient dynamo, String table, List<WriteRequest> batch, int attempts)
            throws InterruptedException {
        List<WriteRequest> pending = batch;
        for (int attempt = 1; !pending.isEmpty() && attempt <= attempts; attempt++) {
            if (attempt > 1) {
                Thread.sleep(Math.min(1000L, 25L << attempt));
            }
            List<WriteRequest> requests = pending;
            BatchWriteItemResponse response =
                    dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, requests)));
            pending =
                    response.hasUnprocessedItems()
                            ? response.unprocessedItems().getOrDefault(table, List.of())
                            : List.of();
        }
        return pending;
    }
}
