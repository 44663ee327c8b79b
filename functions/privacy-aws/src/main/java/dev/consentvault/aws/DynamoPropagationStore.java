package dev.consentvault.aws;

import static dev.consentvault.core.propagation.PropagationItem.*;

import dev.consentvault.core.privacy.PrivacyRequestTable;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.propagation.PropagationItem;
import dev.consentvault.core.propagation.PropagationStore;
import dev.consentvault.core.store.StorageUnavailableException;
import dev.consentvault.core.store.StoredItem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The propagation outbox in the privacy-requests table ({@link PropagationItem}): notices beside
 * the requests they belong to, marked for the table's outbox ({@code dispatch}, {@code
 * dispatchSince}) exactly as a filed request is, so the one stream consumer and sweeper queue both.
 * A request's {@code awaitingProcessors} (a string set) is what its completion waits on.
 */
public final class DynamoPropagationStore implements PropagationStore {

    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;
    private final String consentTable;

    public DynamoPropagationStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    /**
     * @param consentTable where the completion's message (an outbox item) is written with it; null
     *     where no message is sent
     */
    public DynamoPropagationStore(DynamoDbClient dynamo, String table, String consentTable) {
        this.dynamo = dynamo;
        this.table = table;
        this.consentTable = consentTable;
    }

    @Override
    public boolean recordedFor(String requestId) {
        return request(requestId).map(i -> i.containsKey(PROPAGATED_AT)).orElse(false);
    }

    @Override
    public boolean recordForErasure(String requestId, List<PropagationItem> items, Instant at) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(
                TransactWriteItem.builder()
                        .update(
                                Update.builder()
                                        .tableName(table)
                                        .key(requestKey(requestId))
                                        .updateExpression(
                                                "SET #propagatedAt = :at, #awaiting = :processors")
                                        .conditionExpression(
                                                "#status = :received AND attribute_not_exists(#propagatedAt)")
                                        .expressionAttributeNames(
                                                Map.of(
                                                        "#propagatedAt",
                                                        PROPAGATED_AT,
                                                        "#awaiting",
                                                        AWAITING_PROCESSORS,
                                                        "#status",
                                                        PrivacyRequestTable.STATUS))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":at",
                                                        s(at.toString()),
                                                        ":processors",
                                                        AttributeValue.fromSs(
                                                                items.stream()
                                                                        .map(
                                                                                PropagationItem
                                                                                        ::processorId)
                                                                        .toList()),
                                                        ":received",
                                                        s(RequestStatus.RECEIVED.name())))
                                        .build())
                        .build());
        for (PropagationItem item : items) {
            writes.add(WriteWithMessages.putNew(table, item(item)));
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "propagation write failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Optional<PropagationItem> find(String propagationId, String processorId) {
        return get(itemKey(propagationId, processorId)).map(DynamoPropagationStore::fromItem);
    }

    @Override
    public boolean markSent(String propagationId, String processorId, Instant at) {
        return conditional(
                () ->
                        dynamo.updateItem(
                                r ->
                                        r.tableName(table)
                                                .key(itemKey(propagationId, processorId))
                                                .updateExpression("SET #st = :sent, #at = :at")
                                                .conditionExpression("#st = :pending")
                                                .expressionAttributeNames(
                                                        Map.of("#st", STATUS, "#at", SENT_AT))
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":sent",
                                                                s(Status.SENT.name()),
                                                                ":pending",
                                                                s(Status.PENDING.name()),
                                                                ":at",
                                                                s(at.toString())))));
    }

    @Override
    public boolean acknowledge(PropagationItem item, Instant at, long proofExpiresAt) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(
                TransactWriteItem.builder()
                        .update(
                                Update.builder()
                                        .tableName(table)
                                        .key(itemKey(item.propagationId(), item.processorId()))
                                        // it leaves the byStatus index (no longer owed), loses
                                        // the hashed identifiers (nothing more to send) and keeps
                                        // its proof until the expiry (TTL)
                                        .updateExpression(
                                                "SET #st = :acked, #at = :at, #exp = :exp"
                                                        + " REMOVE #owed, #due, #sealed")
                                        .conditionExpression(
                                                "attribute_exists(#pk) AND #st <> :acked")
                                        .expressionAttributeNames(
                                                Map.of(
                                                        "#st",
                                                        STATUS,
                                                        "#at",
                                                        ACKED_AT,
                                                        "#pk",
                                                        PrivacyRequestTable.PK,
                                                        "#owed",
                                                        PrivacyRequestTable.STATUS,
                                                        "#due",
                                                        PrivacyRequestTable.DUE_AT,
                                                        "#exp",
                                                        PrivacyRequestTable.EXPIRES_AT,
                                                        "#sealed",
                                                        SEALED))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":acked",
                                                        s(Status.ACKED.name()),
                                                        ":at",
                                                        s(at.toString()),
                                                        ":exp",
                                                        AttributeValue.fromN(
                                                                Long.toString(proofExpiresAt))))
                                        .build())
                        .build());
        if (item.requestId() != null) {
            writes.add(
                    TransactWriteItem.builder()
                            .update(
                                    Update.builder()
                                            .tableName(table)
                                            .key(requestKey(item.requestId()))
                                            .updateExpression("DELETE #awaiting :processor")
                                            .conditionExpression("attribute_exists(#pk)")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#awaiting",
                                                            AWAITING_PROCESSORS,
                                                            "#pk",
                                                            PrivacyRequestTable.PK))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":processor",
                                                            AttributeValue.fromSs(
                                                                    List.of(item.processorId()))))
                                            .build())
                            .build());
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "acknowledgement write failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public boolean completeIfAcknowledged(
            String requestId, Instant at, long proofExpiresAt, List<StoredItem> messages) {
        // the sealed details (the contact the completion is told to) go with the completion
        Update complete =
                Update.builder()
                        .tableName(table)
                        .key(requestKey(requestId))
                        .updateExpression(
                                "SET #status = :completed, #completedAt = :at, #exp = :exp"
                                        + " REMOVE #sealed")
                        .conditionExpression(
                                "#status = :inProgress AND attribute_not_exists(#awaiting)")
                        .expressionAttributeNames(
                                Map.of(
                                        "#status",
                                        PrivacyRequestTable.STATUS,
                                        "#completedAt",
                                        PrivacyRequestTable.COMPLETED_AT,
                                        "#exp",
                                        PrivacyRequestTable.EXPIRES_AT,
                                        "#awaiting",
                                        AWAITING_PROCESSORS,
                                        "#sealed",
                                        PrivacyRequestTable.SEALED))
                        .expressionAttributeValues(
                                Map.of(
                                        ":completed",
                                        s(RequestStatus.COMPLETED.name()),
                                        ":inProgress",
                                        s(RequestStatus.IN_PROGRESS.name()),
                                        ":at",
                                        s(at.toString()),
                                        ":exp",
                                        AttributeValue.fromN(Long.toString(proofExpiresAt))))
                        .build();
        if (messages.isEmpty()) {
            return conditional(() -> dynamo.updateItem(toRequest(complete)));
        }
        return WriteWithMessages.transact(
                dynamo,
                consentTable,
                TransactWriteItem.builder().update(complete).build(),
                messages,
                "completion");
    }

    private static UpdateItemRequest toRequest(Update update) {
        return UpdateItemRequest.builder()
                .tableName(update.tableName())
                .key(update.key())
                .updateExpression(update.updateExpression())
                .conditionExpression(update.conditionExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.expressionAttributeValues())
                .build();
    }

    @Override
    public List<PropagationItem> unacknowledgedDueBy(Instant dueBy) {
        return byStatus(
                        AWAITING_ACK,
                        " AND #due <= :by",
                        Map.of(":by", s(SORTABLE.format(dueBy))),
                        "notice")
                .stream()
                .map(DynamoPropagationStore::fromItem)
                .toList();
    }

    @Override
    public List<String> inProgress() {
        return byStatus(RequestStatus.IN_PROGRESS.name(), "", Map.of(), "request").stream()
                .map(item -> item.get(PrivacyRequestTable.REQUEST_ID).s())
                .toList();
    }

    /**
     * The items the byStatus index holds under {@code status}, narrowed by {@code dueCondition} on
     * {@code #due} (its sort key) with its values; {@code what} names them in a failure.
     */
    private List<Map<String, AttributeValue>> byStatus(
            String status,
            String dueCondition,
            Map<String, AttributeValue> dueValues,
            String what) {
        Map<String, AttributeValue> values = new LinkedHashMap<>(dueValues);
        values.put(":s", s(status));
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#status", PrivacyRequestTable.STATUS);
        if (!dueCondition.isEmpty()) {
            names.put("#due", PrivacyRequestTable.DUE_AT);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            dynamo.queryPaginator(
                            r ->
                                    r.tableName(table)
                                            .indexName(PrivacyRequestTable.STATUS_INDEX)
                                            .keyConditionExpression("#status = :s" + dueCondition)
                                            .expressionAttributeNames(names)
                                            .expressionAttributeValues(values))
                    .items()
                    .forEach(items::add);
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    what + " query failed: " + e.getClass().getSimpleName(), e);
        }
        return items;
    }

    @Override
    public List<String> awaitingProcessors(String requestId) {
        return request(requestId)
                .map(
                        i ->
                                i.containsKey(AWAITING_PROCESSORS)
                                        ? i.get(AWAITING_PROCESSORS).ss()
                                        : null)
                .map(List::copyOf)
                .orElse(List.of());
    }

    @Override
    public Optional<PropagationItem> awaitingDispatch(String propagationId, String processorId) {
        return get(itemKey(propagationId, processorId))
                .filter(
                        i ->
                                i.containsKey(PrivacyRequestTable.DISPATCH)
                                        && PrivacyRequestTable.DISPATCH_PENDING.equals(
                                                i.get(PrivacyRequestTable.DISPATCH).s()))
                .map(DynamoPropagationStore::fromItem);
    }

    @Override
    public boolean markDispatched(String propagationId, String processorId, Instant at) {
        return conditional(
                () ->
                        dynamo.updateItem(
                                r ->
                                        r.tableName(table)
                                                .key(itemKey(propagationId, processorId))
                                                .updateExpression(
                                                        "SET #dispatchedAt = :at REMOVE #dispatch, #since")
                                                .conditionExpression("#dispatch = :pending")
                                                .expressionAttributeNames(
                                                        Map.of(
                                                                "#dispatch",
                                                                PrivacyRequestTable.DISPATCH,
                                                                "#since",
                                                                PrivacyRequestTable.DISPATCH_SINCE,
                                                                "#dispatchedAt",
                                                                PrivacyRequestTable.DISPATCHED_AT))
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":pending",
                                                                s(
                                                                        PrivacyRequestTable
                                                                                .DISPATCH_PENDING),
                                                                ":at",
                                                                s(at.toString())))));
    }

    @Override
    public List<String[]> dispatchPendingSince(Instant before) {
        List<String[]> keys = new ArrayList<>();
        try {
            dynamo.queryPaginator(
                            r ->
                                    r.tableName(table)
                                            .indexName(PrivacyRequestTable.DISPATCH_INDEX)
                                            .keyConditionExpression(
                                                    "#dispatch = :pending AND #since <= :before")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#dispatch",
                                                            PrivacyRequestTable.DISPATCH,
                                                            "#since",
                                                            PrivacyRequestTable.DISPATCH_SINCE))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":pending",
                                                            s(PrivacyRequestTable.DISPATCH_PENDING),
                                                            ":before",
                                                            s(SORTABLE.format(before)))))
                    .items()
                    .forEach(
                            item -> {
                                String pk = item.get(PrivacyRequestTable.PK).s();
                                String sk = item.get(PrivacyRequestTable.SK).s();
                                if (pk.startsWith(PK_PREFIX) && sk.startsWith(SK_PREFIX)) {
                                    keys.add(
                                            new String[] {
                                                pk.substring(PK_PREFIX.length()),
                                                sk.substring(SK_PREFIX.length())
                                            });
                                }
                            });
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "outbox query failed: " + e.getClass().getSimpleName(), e);
        }
        return keys;
    }

    /** The item a notice is stored as, with its outbox mark (also written by withdrawals). */
    public static Map<String, AttributeValue> item(PropagationItem item) {
        Map<String, AttributeValue> i =
                new LinkedHashMap<>(itemKey(item.propagationId(), item.processorId()));
        i.put(PROPAGATION_ID, s(item.propagationId()));
        i.put(PROCESSOR_ID, s(item.processorId()));
        i.put(EVENT, s(item.event()));
        if (item.requestId() != null) {
            i.put(REQUEST_ID, s(item.requestId()));
        }
        i.put(
                PURPOSES,
                AttributeValue.fromL(
                        item.purposes().stream().map(DynamoPropagationStore::s).toList()));
        i.put(STATUS, s(item.status().name()));
        i.put(CREATED_AT, s(item.createdAt().toString()));
        i.put(DUE_AT, s(item.dueAt().toString()));
        if (item.status() != Status.ACKED) {
            // the byStatus index's keys, until acknowledged (sortable, so "due by" is a key range)
            i.put(PrivacyRequestTable.STATUS, s(AWAITING_ACK));
            i.put(PrivacyRequestTable.DUE_AT, s(SORTABLE.format(item.dueAt())));
        }
        i.put(SEALED, AttributeValue.fromB(SdkBytes.fromByteArray(item.sealed())));
        i.put(PrivacyRequestTable.DISPATCH, s(PrivacyRequestTable.DISPATCH_PENDING));
        i.put(PrivacyRequestTable.DISPATCH_SINCE, s(SORTABLE.format(item.createdAt())));
        return i;
    }

    private static PropagationItem fromItem(Map<String, AttributeValue> i) {
        return new PropagationItem(
                i.get(PROPAGATION_ID).s(),
                i.get(PROCESSOR_ID).s(),
                i.get(EVENT).s(),
                str(i, REQUEST_ID),
                i.get(PURPOSES).l().stream().map(AttributeValue::s).toList(),
                Status.valueOf(i.get(STATUS).s()),
                instant(i, CREATED_AT),
                instant(i, DUE_AT),
                instant(i, SENT_AT),
                instant(i, ACKED_AT),
                // an acknowledged notice keeps no identifiers
                i.containsKey(SEALED) ? i.get(SEALED).b().asByteArray() : null);
    }

    private Optional<Map<String, AttributeValue>> request(String requestId) {
        return get(requestKey(requestId));
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        try {
            Map<String, AttributeValue> item =
                    dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "propagation read failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "propagation write failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Map<String, AttributeValue> requestKey(String requestId) {
        return Map.of(
                PrivacyRequestTable.PK,
                s(PrivacyRequestTable.pk(requestId)),
                PrivacyRequestTable.SK,
                s(PrivacyRequestTable.SK_VALUE));
    }

    private static Map<String, AttributeValue> itemKey(String propagationId, String processorId) {
        return Map.of(
                PrivacyRequestTable.PK,
                s(PropagationItem.pk(propagationId)),
                PrivacyRequestTable.SK,
                s(PropagationItem.sk(processorId)));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = str(item, name);
        return value == null ? null : Instant.parse(value);
    }
}
