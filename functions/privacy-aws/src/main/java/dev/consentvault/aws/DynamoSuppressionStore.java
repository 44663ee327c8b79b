package dev.consentvault.aws;

import dev.consentvault.core.privacy.PrivacyRequestTable;
import dev.consentvault.core.privacy.SuppressionList;
import dev.consentvault.core.privacy.SuppressionStore;
import dev.consentvault.core.store.StorageUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The suppression list in the privacy-requests table: {@code SUPPRESSED#{entry}} / {@code
 * SUPPRESSED}, holding only when it was added (no TTL: an objection to marketing does not expire).
 */
public final class DynamoSuppressionStore implements SuppressionStore {

    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSuppressionStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void add(Collection<String> entries, Instant at) {
        try {
            for (String entry : new LinkedHashSet<>(entries)) {
                dynamo.updateItem(
                        r ->
                                r.tableName(table)
                                        .key(key(entry))
                                        .updateExpression("SET #at = if_not_exists(#at, :at)")
                                        .expressionAttributeNames(
                                                Map.of("#at", SuppressionList.SUPPRESSED_AT))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":at",
                                                        AttributeValue.fromS(at.toString()))));
            }
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "suppression write failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Set<String> present(Collection<String> entries) {
        Set<String> present = new HashSet<>();
        List<String> all = new ArrayList<>(new LinkedHashSet<>(entries));
        try {
            for (int from = 0; from < all.size(); from += BATCH_GET_LIMIT) {
                List<Map<String, AttributeValue>> keys =
                        all.subList(from, Math.min(all.size(), from + BATCH_GET_LIMIT)).stream()
                                .map(DynamoSuppressionStore::key)
                                .toList();
                Map<String, KeysAndAttributes> request =
                        Map.of(
                                table,
                                KeysAndAttributes.builder()
                                        .keys(keys)
                                        .consistentRead(true)
                                        .projectionExpression("#pk")
                                        .expressionAttributeNames(
                                                Map.of("#pk", PrivacyRequestTable.PK))
                                        .build());
                while (!request.isEmpty()) {
                    Map<String, KeysAndAttributes> asked = request;
                    BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(asked));
                    response.responses()
                            .getOrDefault(table, List.of())
                            .forEach(
                                    item ->
                                            present.add(
                                                    item.get(PrivacyRequestTable.PK)
                                                            .s()
                                                            .substring(
                                                                    SuppressionList.PK_PREFIX
                                                                            .length())));
                    request = response.unprocessedKeys();
                }
            }
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "suppression read failed: " + e.getClass().getSimpleName(), e);
        }
        return present;
    }

    private static Map<String, AttributeValue> key(String entry) {
        return Map.of(
                PrivacyRequestTable.PK,
                AttributeValue.fromS(SuppressionList.PK_PREFIX + entry),
                PrivacyRequestTable.SK,
                AttributeValue.fromS(SuppressionList.SK));
    }
}
