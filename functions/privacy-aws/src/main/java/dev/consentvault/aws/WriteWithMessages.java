package dev.consentvault.aws;

import dev.consentvault.core.store.StorageUnavailableException;
import dev.consentvault.core.store.StoredItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A conditional write on the privacy-requests table and the messages it owes the person (new outbox
 * items in the consent table, whose stream the sender reads) in one TransactWriteItems: the person
 * is told of a change exactly when the change is made.
 */
final class WriteWithMessages {

    private WriteWithMessages() {}

    /** A transaction's put of an item that must not exist yet (outbox items, notices). */
    static TransactWriteItem putNew(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(
                        Put.builder()
                                .tableName(table)
                                .item(item)
                                .conditionExpression("attribute_not_exists(pk)")
                                .build())
                .build();
    }

    /**
     * Writes {@code write} and {@code messages} together; false when {@code write}'s own condition
     * failed (then nothing is written).
     *
     * @param consentTable where the messages go; null for a store built without it (an error)
     * @param what names the write in the exception a failure raises
     */
    static boolean transact(
            DynamoDbClient dynamo,
            String consentTable,
            TransactWriteItem write,
            List<StoredItem> messages,
            String what) {
        if (consentTable == null) {
            throw new IllegalStateException("this store was built without the consent table");
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(write);
        for (StoredItem message : messages) {
            writes.add(putNew(consentTable, AttributeValues.toItem(message)));
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (!e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw new StorageUnavailableException(
                    what
                            + " was cancelled: "
                            + e.cancellationReasons().stream()
                                    .map(CancellationReason::code)
                                    .collect(Collectors.joining(",")),
                    e);
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    what + " failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
