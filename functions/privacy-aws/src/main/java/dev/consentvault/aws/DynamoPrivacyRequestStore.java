package dev.consentvault.aws;

import static dev.consentvault.core.privacy.PrivacyRequestTable.*;
import static dev.consentvault.core.propagation.PropagationItem.AWAITING_PROCESSORS;

import dev.consentvault.core.privacy.LegalRegime;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.PrivacyRequestStore;
import dev.consentvault.core.privacy.PrivacyRequestTable;
import dev.consentvault.core.privacy.RequestStatus;
import dev.consentvault.core.privacy.RequestType;
import dev.consentvault.core.store.StorageUnavailableException;
import dev.consentvault.core.store.StoredItem;
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
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The privacy-requests table: pk {@code REQUEST#{id}}, sk {@code REQUEST}; the index {@code
 * byStatus} ({@code status}, {@code dueAt}) answers "what is open, and what is overdue"; the sparse
 * index {@code byDispatch} ({@code dispatch}, {@code dispatchSince}) holds only the requests
 * waiting to be queued (the outbox); {@code expiresAt} (TTL) is set only when a request is
 * completed or closed, so open requests never expire. {@code reveals} lists each time staff opened
 * the sealed details (staff id and instant).
 */
public final class DynamoPrivacyRequestStore implements PrivacyRequestStore {

    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final List<RequestStatus> OPEN =
            Arrays.stream(RequestStatus.values()).filter(RequestStatus::open).toList();

    /** The condition "still open", over the same statuses as {@link RequestStatus#open()}. */
    private static final String STILL_OPEN =
            OPEN.stream()
                    .map(status -> ":open_" + status.name())
                    .collect(Collectors.joining(", ", "#status IN (", ")"));

    private static final String EXISTS = "attribute_exists(" + PK + ")";

    /**
     * What completing or closing removes: whatever could identify the person or was written freely,
     * so only the proof stays.
     */
    private static final String STRIP_TO_PROOF =
            " REMOVE "
                    + String.join(
                            ", ",
                            EMAIL_KEY,
                            PHONE_KEY,
                            RECEIPT_ID,
                            SEALED,
                            EXTENSION_REASON,
                            TICKET);

    private static final String STRIP_TO_PROOF_KEEP_SEALED =
            " REMOVE "
                    + String.join(", ", EMAIL_KEY, PHONE_KEY, RECEIPT_ID, EXTENSION_REASON, TICKET);

    private final DynamoDbClient dynamo;
    private final String table;
    private final String consentTable;
    private final String actor;

    public DynamoPrivacyRequestStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    /**
     * @param consentTable where outbox messages written with a request change go (the consent
     *     table, whose stream the sender reads); null when this store writes no messages
     */
    public DynamoPrivacyRequestStore(DynamoDbClient dynamo, String table, String consentTable) {
        this(dynamo, table, consentTable, null);
    }

    private DynamoPrivacyRequestStore(
            DynamoDbClient dynamo, String table, String consentTable, String actor) {
        this.dynamo = dynamo;
        this.table = table;
        this.consentTable = consentTable;
        this.actor = actor;
    }

    /**
     * The same store for a staff member: each change it makes also records who made it ({@code
     * actedBy}, and a fresh {@code actedWrite} that tells this change from an earlier one), so the
     * ledger, reading the table's stream, names the staff member of every action.
     */
    public DynamoPrivacyRequestStore actingAs(String staff) {
        return new DynamoPrivacyRequestStore(dynamo, table, consentTable, staff);
    }

    @Override
    public boolean create(PrivacyRequest request, byte[] sealedDetails, List<StoredItem> messages) {
        Map<String, AttributeValue> item = toItem(request);
        if (sealedDetails != null) {
            item.put(SEALED, AttributeValue.fromB(SdkBytes.fromByteArray(sealedDetails)));
        }
        if (request.status() == RequestStatus.RECEIVED) {
            item.put(DISPATCH, s(DISPATCH_PENDING));
            item.put(DISPATCH_SINCE, s(sortable(request.receivedAt())));
        }
        if (!messages.isEmpty()) {
            return together(
                    TransactWriteItem.builder()
                            .put(
                                    Put.builder()
                                            .tableName(table)
                                            .item(item)
                                            .conditionExpression("attribute_not_exists(" + PK + ")")
                                            .build())
                            .build(),
                    messages);
        }
        return conditional(
                () ->
                        dynamo.putItem(
                                r ->
                                        r.tableName(table)
                                                .item(item)
                                                .conditionExpression(
                                                        "attribute_not_exists(" + PK + ")")));
    }

    @Override
    public void recordCompleted(PrivacyRequest request, long proofExpiresAt) {
        Map<String, AttributeValue> item = toItem(request);
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(proofExpiresAt)));
        call(() -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public Optional<PrivacyRequest> find(String requestId) {
        return item(requestId).map(DynamoPrivacyRequestStore::fromItem);
    }

    @Override
    public Optional<byte[]> sealedDetails(String requestId) {
        return item(requestId)
                .filter(i -> i.containsKey(SEALED))
                .map(i -> i.get(SEALED).b().asByteArray());
    }

    @Override
    public boolean complete(
            String requestId,
            Instant completedAt,
            long itemsErased,
            String subjectKeyHash,
            long proofExpiresAt,
            List<StoredItem> messages) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":completed", s(RequestStatus.COMPLETED.name()));
        values.put(":inProgress", s(RequestStatus.IN_PROGRESS.name()));
        values.put(":n", AttributeValue.fromN(Long.toString(itemsErased)));
        values.put(":h", s(subjectKeyHash));
        // a processor's last acknowledgement may land between the two writes: try again
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, AttributeValue> done = new LinkedHashMap<>(values);
            done.put(":at", s(completedAt.toString()));
            done.put(":exp", AttributeValue.fromN(Long.toString(proofExpiresAt)));
            // the person hears of the completion only when it is complete (not while processors
            // have yet to acknowledge)
            if (update(
                    messages,
                    requestId,
                    "SET #status = :completed, "
                            + set(COMPLETED_AT, ":at", ITEMS_ERASED, ":n")
                            + ", "
                            + set(SUBJECT_KEY_HASH, ":h", EXPIRES_AT, ":exp")
                            + STRIP_TO_PROOF,
                    EXISTS
                            + " AND #status <> :completed AND #status <> :inProgress"
                            + " AND attribute_not_exists("
                            + AWAITING_PROCESSORS
                            + ")",
                    done)) {
                return true;
            }
            // erased here, but processors have yet to acknowledge: open, stripped to its proof
            // and the sealed contact, which the last acknowledgement's completion tells (and
            // removes)
            if (update(
                    requestId,
                    "SET #status = :inProgress, "
                            + set(ITEMS_ERASED, ":n", SUBJECT_KEY_HASH, ":h")
                            + STRIP_TO_PROOF_KEEP_SEALED,
                    EXISTS
                            + " AND #status <> :completed AND #status <> :inProgress"
                            + " AND attribute_exists("
                            + AWAITING_PROCESSORS
                            + ")",
                    values)) {
                return true;
            }
            Optional<PrivacyRequest> now = find(requestId);
            if (now.isEmpty()
                    || now.get().status() == RequestStatus.COMPLETED
                    || now.get().status() == RequestStatus.IN_PROGRESS) {
                return false;
            }
        }
        return false;
    }

    @Override
    public boolean open(String requestId, String category, String relatedRequestId) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":open", s(RequestStatus.OPEN.name()));
        values.put(":received", s(RequestStatus.RECEIVED.name()));
        values.put(":category", s(category));
        String expression = "SET #status = :open, " + set(CATEGORY, ":category");
        if (relatedRequestId != null) {
            values.put(":related", s(relatedRequestId));
            expression += ", " + set(RELATED_REQUEST_ID, ":related");
        }
        return update(requestId, expression, "#status = :received", values);
    }

    @Override
    public boolean markVerified(String requestId, String verifiedBy, Instant at) {
        return update(
                requestId,
                "SET #status = :received, "
                        + set(VERIFIED_BY, ":by", DISPATCH, ":pending", DISPATCH_SINCE, ":at"),
                "#status = :awaiting",
                Map.of(
                        ":received",
                        s(RequestStatus.RECEIVED.name()),
                        ":awaiting",
                        s(RequestStatus.AWAITING_VERIFICATION.name()),
                        ":by",
                        s(verifiedBy),
                        ":pending",
                        s(DISPATCH_PENDING),
                        ":at",
                        s(sortable(at))));
    }

    @Override
    public Optional<PrivacyRequest> awaitingDispatch(String requestId) {
        return item(requestId)
                .filter(i -> DISPATCH_PENDING.equals(str(i, DISPATCH)))
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
                                                                DISPATCH,
                                                                "#since",
                                                                DISPATCH_SINCE,
                                                                "#dispatchedAt",
                                                                DISPATCHED_AT))
                                                .expressionAttributeValues(
                                                        Map.of(
                                                                ":pending",
                                                                s(DISPATCH_PENDING),
                                                                ":at",
                                                                s(at.toString())))));
    }

    @Override
    public List<String> dispatchPendingSince(Instant before) {
        List<String> ids = new ArrayList<>();
        try {
            dynamo
                    .queryPaginator(
                            r ->
                                    r.tableName(table)
                                            .indexName(DISPATCH_INDEX)
                                            .keyConditionExpression(
                                                    "#dispatch = :pending AND #since <= :before")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#dispatch",
                                                            DISPATCH,
                                                            "#since",
                                                            DISPATCH_SINCE))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":pending",
                                                            s(DISPATCH_PENDING),
                                                            ":before",
                                                            s(sortable(before)))))
                    .items()
                    .stream()
                    .map(item -> item.get(PK).s())
                    // the table's outbox also holds processor notices (PROPAGATION#...)
                    .filter(pk -> pk.startsWith(PK_PREFIX))
                    .forEach(pk -> ids.add(pk.substring(PK_PREFIX.length())));
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "outbox query failed: " + e.getClass().getSimpleName(), e);
        }
        return ids;
    }

    @Override
    public boolean acknowledge(String requestId, Instant at, List<StoredItem> messages) {
        // the first acknowledgement is the one the deadline was met (or missed) with
        return update(
                messages,
                requestId,
                "SET " + set(ACKNOWLEDGED_AT, ":at"),
                EXISTS + " AND attribute_not_exists(" + ACKNOWLEDGED_AT + ") AND " + STILL_OPEN,
                openValues(Map.of(":at", s(at.toString()))));
    }

    @Override
    public boolean close(
            String requestId, Instant at, long proofExpiresAt, List<StoredItem> messages) {
        return update(
                messages,
                requestId,
                "SET #status = :closed, "
                        + set(COMPLETED_AT, ":at", EXPIRES_AT, ":exp")
                        + STRIP_TO_PROOF,
                EXISTS + " AND " + STILL_OPEN,
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
    public boolean recordReveal(String requestId, String revealedBy, Instant at) {
        AttributeValue reveal =
                AttributeValue.fromM(
                        Map.of(REVEALED_BY, s(revealedBy), REVEALED_AT, s(at.toString())));
        return update(
                requestId,
                "SET " + REVEALS + " = list_append(if_not_exists(" + REVEALS + ", :none), :reveal)",
                "attribute_exists(" + SEALED + ") AND " + STILL_OPEN,
                openValues(
                        Map.of(
                                ":none",
                                AttributeValue.fromL(List.of()),
                                ":reveal",
                                AttributeValue.fromL(List.of(reveal)))));
    }

    @Override
    public boolean extend(
            String requestId, Instant newDueAt, String reason, List<StoredItem> messages) {
        return update(
                messages,
                requestId,
                "SET " + set(DUE_AT, ":due", EXTENSION_REASON, ":reason"),
                EXISTS + " AND attribute_not_exists(" + EXTENSION_REASON + ") AND " + STILL_OPEN,
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
                                                .indexName(STATUS_INDEX)
                                                .keyConditionExpression("#status = :s")
                                                .expressionAttributeNames(Map.of("#status", STATUS))
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

    /** "name1 = value1, name2 = value2 ..." for an update's SET clause. */
    private static String set(String... namesAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.add(namesAndValues[i] + " = " + namesAndValues[i + 1]);
        }
        return String.join(", ", pairs);
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
        return update(List.of(), requestId, expression, condition, values);
    }

    private boolean update(
            List<StoredItem> messages,
            String requestId,
            String expression,
            String condition,
            Map<String, AttributeValue> values) {
        Map<String, AttributeValue> allValues = new LinkedHashMap<>(values);
        String updateExpression = expression;
        if (actor != null && expression.startsWith("SET ")) {
            updateExpression =
                    "SET "
                            + set(ACTED_BY, ":actedBy", ACTED_WRITE, ":actedWrite")
                            + ", "
                            + expression.substring("SET ".length());
            allValues.put(":actedBy", s(actor));
            allValues.put(":actedWrite", s(UUID.randomUUID().toString()));
        }
        String finalExpression = updateExpression;
        if (!messages.isEmpty()) {
            return together(
                    TransactWriteItem.builder()
                            .update(
                                    Update.builder()
                                            .tableName(table)
                                            .key(key(requestId))
                                            .updateExpression(finalExpression)
                                            .conditionExpression(condition)
                                            .expressionAttributeNames(Map.of("#status", STATUS))
                                            .expressionAttributeValues(allValues)
                                            .build())
                            .build(),
                    messages);
        }
        return conditional(
                () ->
                        dynamo.updateItem(
                                r ->
                                        r.tableName(table)
                                                .key(key(requestId))
                                                .updateExpression(finalExpression)
                                                .conditionExpression(condition)
                                                .expressionAttributeNames(Map.of("#status", STATUS))
                                                .expressionAttributeValues(allValues)));
    }

    /** The request's write and its messages in one transaction ({@link WriteWithMessages}). */
    private boolean together(TransactWriteItem requestWrite, List<StoredItem> messages) {
        return WriteWithMessages.transact(
                dynamo, consentTable, requestWrite, messages, "request write");
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
        return Map.of(PK, s(PrivacyRequestTable.pk(requestId)), SK, s(SK_VALUE));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Map<String, AttributeValue> toItem(PrivacyRequest r) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(r.requestId()));
        item.put(REQUEST_ID, s(r.requestId()));
        item.put(TYPE, s(r.type().jsonName()));
        item.put(STATUS, s(r.status().name()));
        item.put(JURISDICTION, s(r.jurisdiction()));
        item.put(REGIME, s(r.regime().name()));
        item.put(RECEIVED_AT, s(r.receivedAt().toString()));
        item.put(ACKNOWLEDGE_BY, s(r.acknowledgeBy().toString()));
        item.put(DUE_AT, s(r.dueAt().toString()));
        putIfPresent(item, REQUESTED_BY, r.requestedBy());
        putIfPresent(item, TICKET, r.ticket());
        putIfPresent(item, RECEIPT_ID, r.receiptId());
        putIfPresent(item, EMAIL_KEY, r.emailKey());
        putIfPresent(item, PHONE_KEY, r.phoneKey());
        putIfPresent(item, RELATED_REQUEST_ID, r.relatedRequestId());
        putIfPresent(item, SUBJECT_KEY_HASH, r.subjectKeyHash());
        if (r.acknowledgedAt() != null) {
            item.put(ACKNOWLEDGED_AT, s(r.acknowledgedAt().toString()));
        }
        if (r.completedAt() != null) {
            item.put(COMPLETED_AT, s(r.completedAt().toString()));
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
                str(i, REQUEST_ID),
                RequestType.fromJsonName(str(i, TYPE)).orElseThrow(),
                RequestStatus.valueOf(str(i, STATUS)),
                str(i, JURISDICTION),
                LegalRegime.valueOf(str(i, REGIME)),
                instant(i, RECEIVED_AT),
                instant(i, ACKNOWLEDGE_BY),
                instant(i, DUE_AT),
                str(i, EXTENSION_REASON),
                instant(i, ACKNOWLEDGED_AT),
                instant(i, COMPLETED_AT),
                str(i, REQUESTED_BY),
                str(i, TICKET),
                str(i, CATEGORY),
                str(i, RECEIPT_ID),
                str(i, EMAIL_KEY),
                str(i, PHONE_KEY),
                i.containsKey(ITEMS_ERASED) ? Long.valueOf(i.get(ITEMS_ERASED).n()) : null,
                str(i, SUBJECT_KEY_HASH),
                str(i, RELATED_REQUEST_ID));
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
