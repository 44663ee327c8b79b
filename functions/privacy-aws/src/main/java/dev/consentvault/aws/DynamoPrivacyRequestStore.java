package dev.consentvault.aws;

import dev.consentvault.core.privacy.LegalRegime;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.PrivacyRequestStore;
import dev.consentvault.core.privacy.PrivacyRequests;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.privacy.RequestType;
import dev.consentvault.core.store.StorageUnavailableException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The privacy-requests table: pk {@code REQUEST#{id}}, sk {@code REQUEST}; the index {@code
 * byStatus} ({@code status}, {@code dueAt}) answers "what is open, and what is overdue"; the sparse
 * index {@code byDispatch} ({@code dispatch}, {@code dispatchSince}) holds only the requests
 * waiting to be queued (the outbox); {@code expiresAt} (TTL) is set only when a request is
 * completed or closed, so open requests never expire.
 */
public final class DynamoPrivacyRequestStore implements PrivacyRequestStore {

    private static final String BY_DISPATCH = "byDispatch";
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final List<RequestStatus> OPEN =
            Arrays.stream(RequestStatus.values()).filter(RequestStatus::open).toList();

    /** The condition "still open", over the same statuses as {@link RequestStatus#open()}. */
    private static final String STILL_OPEN =
            OPEN.stream()
                    .map(status -> ":open_" + status.name())
                    .collect(Collectors.joining(", ", "#status IN (", ")"));

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPrivacyRequestStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean create(PrivacyRequest request, byte[] sealedDetails) {
        Map<String, AttributeValue> item = toItem(request);
        if (sealedDetails != null) {
            item.put("sealed", AttributeValue.fromB(SdkBytes.fromByteArray(sealedDetails)));
        }
        if (request.status() == RequestStatus.RECEIVED) {
            item.put(PrivacyRequests.DISPATCH, s(PrivacyRequests.DISPATCH_PENDING));
            item.put(PrivacyRequests.DISPATCH_SINCE, s(sortable(request.receivedAt())));
        }
        return conditional(
                () ->
                        dynamo.putItem(
                                r ->
                                        r.tableName(table)
                                                .item(item)
                                                .conditionExpression("attribute_not_exists(pk)")));
    }

    @Override
    public void recordCompleted(PrivacyRequest request, long proofExpiresAt) {
        Map<String, AttributeValue> item = toItem(request);
        item.put("expiresAt", AttributeValue.fromN(Long.toString(proofExpiresAt)));
        call(() -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public Optional<PrivacyRequest> find(String requestId) {
        return item(requestId).map(DynamoPrivacyRequestStore::fromItem);
    }

    @Override
    public Optional<byte[]> sealedDetails(String requestId) {
        return item(requestId)
                .filter(i -> i.containsKey("sealed"))
                .map(i -> i.get("sealed").b().asByteArray());
    }

    @Override
    public boolean complete(
            String requestId,
            Instant completedAt,
            long itemsErased,
            String subjectKeyHash,
            long proofExpiresAt) {
        return update(
                requestId,
                "SET #status = :completed, completedAt = :at, itemsErased = :n, subjectKeyHash = :h, expiresAt = :exp"
                        + " REMOVE emailKey, phoneKey, receiptId, sealed",
                "attribute_exists(pk) AND #status <> :completed",
                Map.of(
                        ":completed",
                        s(RequestStatus.COMPLETED.name()),
                        ":at",
                        s(completedAt.toString()),
                        ":n",
                        AttributeValue.fromN(Long.toString(itemsErased)),
                        ":h",
                        s(subjectKeyHash),
                        ":exp",
                        AttributeValue.fromN(Long.toString(proofExpiresAt))));
    }

    @Override
    public boolean open(String requestId, String category, String relatedRequestId) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":open", s(RequestStatus.OPEN.name()));
        values.put(":received", s(RequestStatus.RECEIVED.name()));
        values.put(":category", s(category));
        String expression = "SET #status = :open, category = :category";
        if (relatedRequestId != null) {
            values.put(":related", s(relatedRequestId));
            expression += ", relatedRequestId = :related";
        }
        return update(requestId, expression, "#status = :received", values);
    }

    @Override
    public boolean markVerified(String requestId, String verifiedBy, Instant at) {
        return update(
                requestId,
                "SET #status = :received, verifiedBy = :by, "
                        + PrivacyRequests.DISPATCH
                        + " = :pending, "
                        + PrivacyRequests.DISPATCH_SINCE
                        + " = :at",
                "#status = :awaiting",
                Map.of(
                        ":received",
                        s(RequestStatus.RECEIVED.name()),
                        ":awaiting",
                        s(RequestStatus.AWAITING_VERIFICATION.name()),
                        ":by",
                        s(verifiedBy),
                        ":pending",
                        s(PrivacyRequests.DISPATCH_PENDING),
                        ":at",
                        s(sortable(at))));
    }

    @Override
    public Optional<PrivacyRequest> awaitingDispatch(String requestId) {
        return item(requestId)
                .filter(
                        i ->
                                PrivacyRequests.DISPATCH_PENDING.equals(
                                        str(i, PrivacyRequests.DISPATCH)))
                .map(DynamoPrivacyRequestStore::fromItem);
    }

    @Override
    public boolean markDispatched(String requestId, Instant at) {
        return conditional(
                () ->
                        dynamo.updateItem(
                                r ->
                                        r.tableName(table)
                                                .key(key(requestId))
                                                .updateExpression(
                                                        "SET #dispatchedAt = :at REMOVE #dispatch, #since")
                                                .conditionExpression("#dispatch = :pending")
                                                .expressionAttributeNames(
                                                        Map.of(
                                                                "#dispatch",
                                                                PrivacyRequests.DISPATCH,
                                                                "#since",
                                                                PrivacyRequests.DISPATCH_SINCE,
                                                                "#dispatchedAt",
                                                                PrivacyRequests.DISPATCHED_AT))
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":pending",
                                                                s(PrivacyRequests.DISPATCH_PENDING),
                                                                ":at",
                                                                s(at.toString())))));
    }

    @Override
    public List<String> dispatchPendingSince(Instant before) {
        List<String> ids = new ArrayList<>();
        try {
            dynamo.queryPaginator(
                            r ->
                                    r.tableName(table)
                                            .indexName(BY_DISPATCH)
                                            .keyConditionExpression(
                                                    "#dispatch = :pending AND #since <= :before")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#dispatch",
                                                            PrivacyRequests.DISPATCH,
                                                            "#since",
                                                            PrivacyRequests.DISPATCH_SINCE))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":pending",
                                                            s(PrivacyRequests.DISPATCH_PENDING),
                                                            ":before",
                                                            s(sortable(before)))))
                    .items()
                    .forEach(
                            item ->
                                    ids.add(
                                            item.get("pk")
                                                    .s()
                                                    .substring(
                                                            PrivacyRequests.TABLE_PK_PREFIX
                                                                    .length())));
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "outbox query failed: " + e.getClass().getSimpleName(), e);
        }
        return ids;
    }

    @Override
    public boolean acknowledge(String requestId, Instant at) {
        // the first acknowledgement is the one the deadline was met (or missed) with
        return update(
                requestId,
                "SET acknowledgedAt = :at",
                "attribute_exists(pk) AND attribute_not_exists(acknowledgedAt) AND " + STILL_OPEN,
                openValues(Map.of(":at", s(at.toString()))));
    }

    @Override
    public boolean close(String requestId, Instant at, long proofExpiresAt) {
        return update(
                requestId,
                "SET #status = :closed, completedAt = :at, expiresAt = :exp"
                        + " REMOVE sealed, emailKey, phoneKey, receiptId",
                "attribute_exists(pk) AND " + STILL_OPEN,
                openValues(
                        Map.of(
                                ":closed",
                                s(RequestStatus.CLOSED.name()),
                                ":at",
                                s(at.toString()),
                                ":exp",
                                AttributeValue.fromN(Long.toString(proofExpiresAt)))));
    }

    @Override
    public boolean extend(String requestId, Instant newDueAt, String reason) {
        return update(
                requestId,
                "SET dueAt = :due, extensionReason = :reason",
                "attribute_exists(pk) AND attribute_not_exists(extensionReason) AND " + STILL_OPEN,
                openValues(Map.of(":due", s(newDueAt.toString()), ":reason", s(reason))));
    }

    @Override
    public List<PrivacyRequest> open() {
        List<PrivacyRequest> open = new ArrayList<>();
        try {
            for (RequestStatus status : OPEN) {
                dynamo.queryPaginator(
                                r ->
                                        r.tableName(table)
                                                .indexName("byStatus")
                                                .keyConditionExpression("#status = :s")
                                                .expressionAttributeNames(
                                                        Map.of("#status", "status"))
                                                .expressionAttributeValues(
                                                        Map.of(":s", s(status.name()))))
                        .items()
                        .forEach(item -> open.add(fromItem(item)));
            }
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "request query failed: " + e.getClass().getSimpleName(), e);
        }
        open.sort(Comparator.comparing(PrivacyRequest::dueAt));
        return open;
    }

    /**
     * An instant with a fixed number of digits, so the index orders it as time (Instant.toString
     * drops zero fractions, and "00Z" sorts after "00.5Z").
     */
    private static String sortable(Instant at) {
        return SORTABLE.format(at);
    }

    private static Map<String, AttributeValue> openValues(Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new LinkedHashMap<>(values);
        OPEN.forEach(status -> all.put(":open_" + status.name(), s(status.name())));
        return all;
    }

    private boolean update(
            String requestId,
            String expression,
            String condition,
            Map<String, AttributeValue> values) {
        return conditional(
                () ->
                        dynamo.updateItem(
                                r ->
                                        r.tableName(table)
                                                .key(key(requestId))
                                                .updateExpression(expression)
                                                .conditionExpression(condition)
                                                .expressionAttributeNames(
                                                        Map.of("#status", "status"))
                                                .expressionAttributeValues(values)));
    }

    private boolean conditional(Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "request write failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private void call(Runnable call) {
        try {
            call.run();
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "request write failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private Optional<Map<String, AttributeValue>> item(String requestId) {
        try {
            Map<String, AttributeValue> item =
                    dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(requestId)))
                            .item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "request read failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Map<String, AttributeValue> key(String requestId) {
        return Map.of(
                "pk",
                s(PrivacyRequests.TABLE_PK_PREFIX + requestId),
                "sk",
                s(PrivacyRequests.TABLE_SK));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Map<String, AttributeValue> toItem(PrivacyRequest r) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(r.requestId()));
        item.put("requestId", s(r.requestId()));
        item.put("type", s(r.type().jsonName()));
        item.put("status", s(r.status().name()));
        item.put("jurisdiction", s(r.jurisdiction()));
        item.put("regime", s(r.regime().name()));
        item.put("receivedAt", s(r.receivedAt().toString()));
        item.put("acknowledgeBy", s(r.acknowledgeBy().toString()));
        item.put("dueAt", s(r.dueAt().toString()));
        putIfPresent(item, "requestedBy", r.requestedBy());
        putIfPresent(item, "ticket", r.ticket());
        putIfPresent(item, "receiptId", r.receiptId());
        putIfPresent(item, "emailKey", r.emailKey());
        putIfPresent(item, "phoneKey", r.phoneKey());
        putIfPresent(item, "relatedRequestId", r.relatedRequestId());
        putIfPresent(item, "subjectKeyHash", r.subjectKeyHash());
        if (r.acknowledgedAt() != null) {
            item.put("acknowledgedAt", s(r.acknowledgedAt().toString()));
        }
        if (r.completedAt() != null) {
            item.put("completedAt", s(r.completedAt().toString()));
        }
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static PrivacyRequest fromItem(Map<String, AttributeValue> i) {
        return new PrivacyRequest(
                str(i, "requestId"),
                RequestType.fromJsonName(str(i, "type")).orElseThrow(),
                RequestStatus.valueOf(str(i, "status")),
                str(i, "jurisdiction"),
                LegalRegime.valueOf(str(i, "regime")),
                instant(i, "receivedAt"),
                instant(i, "acknowledgeBy"),
                instant(i, "dueAt"),
                str(i, "extensionReason"),
                instant(i, "acknowledgedAt"),
                instant(i, "completedAt"),
                str(i, "requestedBy"),
                str(i, "ticket"),
                str(i, "category"),
                str(i, "receiptId"),
                str(i, "emailKey"),
                str(i, "phoneKey"),
                i.containsKey("itemsErased") ? Long.valueOf(i.get("itemsErased").n()) : null,
                str(i, "subjectKeyHash"),
                str(i, "relatedRequestId"));
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
