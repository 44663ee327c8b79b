package dev.consentvault.aws;

import dev.consentvault.core.TimeBudget;
import dev.consentvault.core.consent.ConsentStatus;
import dev.consentvault.core.crypto.IndexKeyStore;
import dev.consentvault.core.propagation.PropagationItem;
import dev.consentvault.core.purpose.Confirmation;
import dev.consentvault.core.store.AttemptCounter;
import dev.consentvault.core.store.CaptureBuffer;
import dev.consentvault.core.store.CaptureOutcome;
import dev.consentvault.core.store.CaptureWrite;
import dev.consentvault.core.store.ConcurrentChangeException;
import dev.consentvault.core.store.ConfirmationItem;
import dev.consentvault.core.store.ConfirmationLockedException;
import dev.consentvault.core.store.ConfirmationWrite;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.IdempotencyKeyUsedException;
import dev.consentvault.core.store.IndexKeyItem;
import dev.consentvault.core.store.IndexedItem;
import dev.consentvault.core.store.ItemKey;
import dev.consentvault.core.store.ReceiptItem;
import dev.consentvault.core.store.ReceiptKeyItem;
import dev.consentvault.core.store.StorageUnavailableException;
import dev.consentvault.core.store.StoredItem;
import dev.consentvault.core.store.Withdrawal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The consent table and the receipt keys table in DynamoDB. A capture is one {@code
 * TransactWriteItems} across both: all items or none.
 */
public final class DynamoConsentStore implements ConsentStore, IndexKeyStore {

    private static final String NOT_EXISTS = "attribute_not_exists(" + ConsentTable.PK + ")";
    private static final String EXISTS = "attribute_exists(" + ConsentTable.PK + ")";
    private static final int BATCH_ATTEMPTS = 8;

    /** DynamoDB's BatchGetItem limit. */
    private static final int MAX_BATCH_GET = 100;

    /**
     * How long a person waits while a throttled capture is retried before it is held in the buffer
     * instead (on-demand tables adapt within seconds to minutes; a page should not hang), unless
     * {@link #withWritePatience} sets another (CAPTURE_WRITE_PATIENCE_MS).
     */
    public static final Duration WRITE_PATIENCE = Duration.ofSeconds(1);

    /** How long the drainer retries one held capture before its message goes back. */
    public static final Duration HELD_PATIENCE = Duration.ofSeconds(5);

    /** The longest holding a capture in the buffer may take (SQS answers in milliseconds). */
    public static final Duration HOLD_TIMEOUT = Duration.ofSeconds(2);

    /** Kept back from the invocation's budget for holding the capture in the buffer. */
    public static final Duration HOLD_RESERVE = Duration.ofMillis(1_500);

    private static final Duration BACKOFF_BASE = Duration.ofMillis(20);
    private static final Duration BACKOFF_CAP = Duration.ofMillis(500);
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String THROTTLING_ERROR = "ThrottlingError";
    private static final String CONFLICT = "TransactionConflict";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String keysTable;
    private final String noticesTable;
    private final CaptureBuffer buffer;
    private final Duration writePatience;

    public DynamoConsentStore(DynamoDbClient dynamo, String table, String keysTable) {
        this(dynamo, table, keysTable, null, null, WRITE_PATIENCE);
    }

    /**
     * {@code noticesTable} (the privacy-requests table) takes the processor notices a withdrawal
     * writes in its transaction.
     */
    public DynamoConsentStore(
            DynamoDbClient dynamo, String table, String keysTable, String noticesTable) {
        this(dynamo, table, keysTable, noticesTable, null, WRITE_PATIENCE);
    }

    private DynamoConsentStore(
            DynamoDbClient dynamo,
            String table,
            String keysTable,
            String noticesTable,
            CaptureBuffer buffer,
            Duration writePatience) {
        this.dynamo = dynamo;
        this.table = table;
        this.keysTable = keysTable;
        this.noticesTable = noticesTable;
        this.buffer = buffer;
        this.writePatience = writePatience;
    }

    @Override
    public CaptureOutcome writeCapture(
            List<StoredItem> items, StoredItem marker, ReceiptKeyItem receiptKey, Instant now) {
        List<TransactWriteItem> writes = captureWrites(items, marker, receiptKey, now);
        // every attempt, the SDK's own retries included, ends in time for the buffer to take over
        TimeBudget patience =
                TimeBudget.next(writePatience, buffer == null ? Duration.ZERO : HOLD_RESERVE);
        RuntimeException last = null;
        for (int attempt = 1; ; attempt++) {
            try {
                TimeBudget.within(patience, () -> transact(writes));
                return CaptureOutcome.WRITTEN;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (anyCode(reasons, CONDITION_FAILED)) {
                    if (marker != null && CONDITION_FAILED.equals(reasons.get(0).code())) {
                        // another capture holds the key, or an attempt of ours that timed out
                        // went in: the replay tells which
                        throw new IdempotencyKeyUsedException();
                    }
                    if (attempt > 1) {
                        // receipt ids are random: an earlier attempt of this very write went in
                        return CaptureOutcome.WRITTEN;
                    }
                    throw new StorageUnavailableException(
                            "consent write was cancelled: " + codes(reasons), e);
                }
                if (!anyCode(reasons, THROTTLING_ERROR) && !anyCode(reasons, CONFLICT)) {
                    throw new StorageUnavailableException(
                            "consent write was cancelled: " + codes(reasons), e);
                }
                last = e;
            } catch (SdkException e) {
                if (!transientFailure(e)) {
                    throw new StorageUnavailableException(
                            "consent write failed: " + e.getClass().getSimpleName(), e);
                }
                last = e;
            }
            Duration pause = backoff(attempt);
            if (!patience.allows(pause)) {
                break;
            }
            sleep(pause);
        }
        if (buffer == null) {
            throw new StorageUnavailableException(
                    "consent write still throttled: " + last.getClass().getSimpleName(), last);
        }
        String receiptId = items.get(0).pk().substring(ConsentTable.RECEIPT_PK_PREFIX.length());
        CaptureWrite write = new CaptureWrite(receiptId, items, marker, receiptKey);
        // a queue that does not answer either: 503 in seconds, not at the function's timeout
        TimeBudget.within(
                TimeBudget.next(HOLD_TIMEOUT, Duration.ZERO),
                () -> {
                    buffer.hold(write);
                    return null;
                });
        return CaptureOutcome.HELD;
    }

    @Override
    public void writeHeld(CaptureWrite write) {
        List<TransactWriteItem> writes =
                captureWrites(write.items(), write.marker(), write.receiptKey(), Instant.now());
        // throttled attempts are retried here, within the drainer's budget, before the message
        // goes back to the queue (whose receive count leads to the DLQ)
        TimeBudget patience = TimeBudget.next(HELD_PATIENCE, Duration.ZERO);
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                TimeBudget.within(patience, () -> transact(writes));
                return;
            } catch (TransactionCanceledException e) {
                if (anyCode(e.cancellationReasons(), CONDITION_FAILED)) {
                    return; // written by an earlier delivery or attempt, or its key taken by a
                    // retry
                }
                if (!anyCode(e.cancellationReasons(), THROTTLING_ERROR)
                        && !anyCode(e.cancellationReasons(), CONFLICT)) {
                    throw new StorageUnavailableException(
                            "held capture write was cancelled: " + codes(e.cancellationReasons()),
                            e);
                }
                failure = e;
            } catch (SdkException e) {
                if (!transientFailure(e)) {
                    throw new StorageUnavailableException(
                            "held capture write failed: " + e.getClass().getSimpleName(), e);
                }
                failure = e;
            }
            Duration pause = backoff(attempt);
            if (!patience.allows(pause)) {
                throw new StorageUnavailableException(
                        "held capture still throttled: " + failure.getClass().getSimpleName(),
                        failure);
            }
            sleep(pause);
        }
    }

    /** This store, holding captures in {@code buffer} when the table cannot take them in time. */
    public DynamoConsentStore withBuffer(CaptureBuffer buffer) {
        return new DynamoConsentStore(
                dynamo, table, keysTable, noticesTable, buffer, writePatience);
    }

    /** This store, retrying a throttled capture for {@code patience} before holding it. */
    public DynamoConsentStore withWritePatience(Duration patience) {
        if (patience.isNegative() || patience.isZero()) {
            throw new IllegalArgumentException("write patience must be positive");
        }
        return new DynamoConsentStore(dynamo, table, keysTable, noticesTable, buffer, patience);
    }

    private Void transact(List<TransactWriteItem> writes) {
        // the units each capture costs, table and indexes, for the metrics and the benchmark
        dynamo.transactWriteItems(
                r ->
                        r.transactItems(writes)
                                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        return null;
    }

    private List<TransactWriteItem> captureWrites(
            List<StoredItem> items, StoredItem marker, ReceiptKeyItem receiptKey, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        if (marker != null) {
            // a marker past its expiry is dead even if TTL has not removed it yet
            writes.add(
                    TransactWriteItem.builder()
                            .put(
                                    Put.builder()
                                            .tableName(table)
                                            .item(AttributeValues.toItem(marker))
                                            .conditionExpression(NOT_EXISTS + " OR #exp <= :now")
                                            .expressionAttributeNames(
                                                    Map.of("#exp", ConsentTable.EXPIRES_AT))
                                            .expressionAttributeValues(
                                                    Map.of(":now", number(now.getEpochSecond())))
                                            .build())
                            .build());
        }
        for (StoredItem item : items) {
            writes.add(putNew(table, item));
        }
        if (receiptKey != null) {
            writes.add(putNew(keysTable, receiptKey.toItem()));
        }
        return writes;
    }

    /** A put of an item that must not exist yet. */
    private static TransactWriteItem putNew(String tableName, StoredItem item) {
        return TransactWriteItem.builder()
                .put(
                        Put.builder()
                                .tableName(tableName)
                                .item(AttributeValues.toItem(item))
                                .conditionExpression(NOT_EXISTS)
                                .build())
                .build();
    }

    /**
     * Writes all of {@code writes} or none. False when a condition failed (an item was changed,
     * used or removed first); any other cancellation or failure is the storage's, named by {@code
     * what} in its message.
     */
    private boolean transactUnlessChanged(List<TransactWriteItem> writes, String what) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (anyCode(e.cancellationReasons(), CONDITION_FAILED)) {
                return false;
            }
            throw new StorageUnavailableException(
                    what + " was cancelled: " + codes(e.cancellationReasons()), e);
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    what + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** {@link #transactUnlessChanged}, a failed condition being a concurrent change. */
    private void transactOrConcurrentChange(List<TransactWriteItem> writes, String what) {
        if (!transactUnlessChanged(writes, what)) {
            throw new ConcurrentChangeException();
        }
    }

    /**
     * Throttling, a 5xx, a timeout or no connection: worth another attempt. (A timed-out attempt
     * may have gone in; the items' conditions make a second one harmless.)
     */
    private static boolean transientFailure(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException()
                    || service.statusCode() >= 500
                    || e instanceof ProvisionedThroughputExceededException
                    || e instanceof RequestLimitExceededException;
        }
        return true;
    }

    private static boolean anyCode(List<CancellationReason> reasons, String code) {
        return reasons.stream().anyMatch(r -> code.equals(r.code()));
    }

    /** Exponential with full jitter, so a burst's retries spread out instead of colliding. */
    private static Duration backoff(int attempt) {
        long ceiling =
                Math.min(BACKOFF_CAP.toMillis(), BACKOFF_BASE.toMillis() << Math.min(attempt, 10));
        return Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(ceiling));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while retrying a capture", e);
        }
    }

    @Override
    public void writeTogether(List<StoredItem> items) {
        if (items.isEmpty() || items.size() > MAX_TOGETHER) {
            throw new IllegalArgumentException(
                    "one write holds 1 to " + MAX_TOGETHER + " items, not " + items.size());
        }
        transactOrConcurrentChange(
                items.stream().map(item -> putNew(table, item)).toList(), "write");
    }

    @Override
    public Optional<ConfirmationItem> countConfirmationAttempt(
            String receiptId, Confirmation channel, int maxAttempts, Instant now) {
        Map<String, AttributeValue> key =
                key(ConsentTable.confirmationPk(receiptId), ConfirmationItem.sk(channel));
        try {
            UpdateItemResponse counted =
                    dynamo.updateItem(
                            r ->
                                    r.tableName(table)
                                            .key(key)
                                            .updateExpression("ADD #attempts :one")
                                            .conditionExpression(
                                                    EXISTS
                                                            + " AND #attempts < :max AND #exp > :now")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#attempts",
                                                            ConfirmationItem.ATTEMPTS,
                                                            "#exp",
                                                            ConsentTable.EXPIRES_AT))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":one", number(1),
                                                            ":max", number(maxAttempts),
                                                            ":now", number(now.getEpochSecond())))
                                            .returnValues(ReturnValue.ALL_NEW));
            return Optional.of(ConfirmationItem.of(AttributeValues.fromItem(counted.attributes())));
        } catch (ConditionalCheckFailedException refused) {
            // absent, expired or used up: only the last one says so
            Optional<ConfirmationItem> item =
                    find(ConsentTable.confirmationPk(receiptId), ConfirmationItem.sk(channel))
                            .map(ConfirmationItem::of)
                            .filter(c -> c.liveAt(now));
            if (item.isPresent() && item.get().attempts() >= maxAttempts) {
                throw new ConfirmationLockedException();
            }
            return Optional.empty();
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "confirmation attempt failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void writeConfirmation(ConfirmationWrite c) {
        String pk = ConsentTable.receiptPk(c.receiptId());
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(
                TransactWriteItem.builder()
                        .delete(
                                Delete.builder()
                                        .tableName(table)
                                        .key(
                                                key(
                                                        ConsentTable.confirmationPk(c.receiptId()),
                                                        ConfirmationItem.sk(c.channel())))
                                        .conditionExpression(EXISTS)
                                        .build())
                        .build());
        for (DecisionItem d : c.decisions()) {
            writes.add(
                    TransactWriteItem.builder()
                            .update(
                                    Update.builder()
                                            .tableName(table)
                                            .key(key(pk, d.sk()))
                                            .updateExpression(
                                                    "SET #status = :granted, #at = :at, #exp = :exp"
                                                            + " REMOVE #by")
                                            .conditionExpression("#status = :pending")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#status", DecisionItem.STATUS,
                                                            "#at", DecisionItem.CONFIRMED_AT,
                                                            "#exp", ConsentTable.EXPIRES_AT,
                                                            "#by", DecisionItem.CONFIRM_BY))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":granted",
                                                            AttributeValue.fromS(
                                                                    ConsentStatus.GRANTED.name()),
                                                            ":pending",
                                                            AttributeValue.fromS(
                                                                    ConsentStatus
                                                                            .PENDING_CONFIRMATION
                                                                            .name()),
                                                            ":at",
                                                            AttributeValue.fromS(c.at().toString()),
                                                            ":exp",
                                                            number(d.expiresAt())))
                                            .build())
                            .build());
        }
        Map<String, String> names = new java.util.HashMap<>();
        Map<String, AttributeValue> values = new java.util.HashMap<>();
        StringBuilder set = new StringBuilder("SET #exp = :exp, #verified = :verified");
        names.put("#exp", ConsentTable.EXPIRES_AT);
        names.put("#verified", ReceiptItem.VERIFIED);
        values.put(":exp", number(c.receiptExpiresAt()));
        values.put(":before", number(c.previousReceiptExpiresAt()));
        values.put(
                ":verified",
                AttributeValue.fromL(
                        c.verified().stream()
                                .sorted()
                                .map(f -> AttributeValue.fromS(f.jsonName()))
                                .toList()));
        if (c.receiptSubjectKeys().emailKey() != null) {
            set.append(", #ek = :ek");
            names.put("#ek", ConsentTable.EMAIL_KEY);
            values.put(":ek", AttributeValue.fromS(c.receiptSubjectKeys().emailKey()));
        }
        if (c.receiptSubjectKeys().phoneKey() != null) {
            set.append(", #phk = :phk");
            names.put("#phk", ConsentTable.PHONE_KEY);
            values.put(":phk", AttributeValue.fromS(c.receiptSubjectKeys().phoneKey()));
        }
        writes.add(
                TransactWriteItem.builder()
                        .update(
                                Update.builder()
                                        .tableName(table)
                                        .key(key(pk, ConsentTable.RECEIPT_SK))
                                        .updateExpression(set.toString())
                                        .conditionExpression(EXISTS + " AND #exp = :before")
                                        .expressionAttributeNames(names)
                                        .expressionAttributeValues(values)
                                        .build())
                        .build());
        writes.add(
                TransactWriteItem.builder()
                        .update(
                                Update.builder()
                                        .tableName(keysTable)
                                        .key(key(pk, ReceiptKeyItem.SK))
                                        .updateExpression("SET #exp = :exp")
                                        .conditionExpression(EXISTS)
                                        .expressionAttributeNames(
                                                Map.of("#exp", ConsentTable.EXPIRES_AT))
                                        .expressionAttributeValues(
                                                Map.of(":exp", number(c.receiptExpiresAt())))
                                        .build())
                        .build());
        transactOrConcurrentChange(writes, "confirmation");
    }

    @Override
    public Optional<StoredItem> find(String pk, String sk) {
        try {
            GetItemResponse response =
                    dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(pk, sk)));
            if (!response.hasItem() || response.item().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(AttributeValues.fromItem(response.item()));
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "consent read failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * BatchGetItem, 100 keys a call, what it leaves unprocessed asked again with a growing pause.
     */
    @Override
    public List<StoredItem> findAll(Collection<ItemKey> keys) {
        List<ItemKey> all = List.copyOf(keys);
        List<StoredItem> found = new ArrayList<>();
        try {
            for (int from = 0; from < all.size(); from += MAX_BATCH_GET) {
                List<Map<String, AttributeValue>> batch =
                        all.subList(from, Math.min(all.size(), from + MAX_BATCH_GET)).stream()
                                .map(k -> key(k.pk(), k.sk()))
                                .toList();
                Map<String, KeysAndAttributes> asked =
                        Map.of(
                                table,
                                KeysAndAttributes.builder()
                                        .keys(batch)
                                        .consistentRead(true)
                                        .build());
                for (int attempt = 1; !asked.isEmpty(); attempt++) {
                    if (attempt > BATCH_ATTEMPTS) {
                        throw new StorageUnavailableException(
                                "reads still unprocessed after " + BATCH_ATTEMPTS + " attempts",
                                null);
                    }
                    if (attempt > 1) {
                        Thread.sleep(Math.min(1000L, 25L << attempt));
                    }
                    Map<String, KeysAndAttributes> ask = asked;
                    BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(ask));
                    response.responses().getOrDefault(table, List.of()).stream()
                            .map(AttributeValues::fromItem)
                            .forEach(found::add);
                    asked = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                }
            }
            return found;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "consent batch read failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while reading", e);
        }
    }

    @Override
    public Optional<ReceiptKeyItem> receiptKey(String receiptId) {
        try {
            GetItemResponse response =
                    dynamo.getItem(
                            r ->
                                    r.tableName(keysTable)
                                            .consistentRead(true)
                                            .key(
                                                    key(
                                                            ConsentTable.receiptPk(receiptId),
                                                            ReceiptKeyItem.SK)));
            if (!response.hasItem() || response.item().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(ReceiptKeyItem.of(AttributeValues.fromItem(response.item())));
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "receipt key read failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public List<StoredItem> partition(String pk) {
        try {
            List<StoredItem> items = new ArrayList<>();
            dynamo.queryPaginator(
                            r ->
                                    r.tableName(table)
                                            .consistentRead(true)
                                            .keyConditionExpression("#pk = :pk")
                                            .expressionAttributeNames(
                                                    Map.of("#pk", ConsentTable.PK))
                                            .expressionAttributeValues(
                                                    Map.of(":pk", AttributeValue.fromS(pk))))
                    .items()
                    .forEach(item -> items.add(AttributeValues.fromItem(item)));
            return items;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "consent query failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Every receipt and decision item of the table, read with a scan and projected to {@code
     * attributes} (so nothing sealed or personal is read): for staff reports such as the notice
     * census, never for a request path.
     */
    public List<StoredItem> scanReceipts(List<String> attributes) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            names.put("#a" + i, attributes.get(i));
        }
        names.put("#pk", ConsentTable.PK);
        try {
            List<StoredItem> items = new ArrayList<>();
            dynamo.scanPaginator(
                            r ->
                                    r.tableName(table)
                                            .consistentRead(true)
                                            .filterExpression("begins_with(#pk, :receipts)")
                                            .projectionExpression(
                                                    String.join(
                                                            ", ",
                                                            names.keySet().stream()
                                                                    .filter(n -> !n.equals("#pk"))
                                                                    .toList()))
                                            .expressionAttributeNames(names)
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":receipts",
                                                            AttributeValue.fromS(
                                                                    ConsentTable
                                                                            .RECEIPT_PK_PREFIX))))
                    .items()
                    .forEach(item -> items.add(AttributeValues.fromItem(item)));
            return items;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "consent scan failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void writeWithdrawal(Withdrawal withdrawal) {
        AttributeValue at = AttributeValue.fromS(withdrawal.withdrawnAt().toString());
        String removeKeys =
                withdrawal.subjectKeysToRemove().isEmpty()
                        ? ""
                        : ", " + String.join(", ", withdrawal.subjectKeysToRemove());
        List<TransactWriteItem> writes = new ArrayList<>();
        for (String sk : withdrawal.purposeSks()) {
            writes.add(
                    TransactWriteItem.builder()
                            .update(
                                    Update.builder()
                                            .tableName(table)
                                            .key(key(withdrawal.receiptPk(), sk))
                                            // the sealed fields go at once; the decision stays as
                                            // proof for its own retention
                                            .updateExpression(
                                                    "SET #status = :withdrawn, #at = :at, #exp = :proofExp REMOVE "
                                                            + ConsentTable.SEALED
                                                            + removeKeys)
                                            .conditionExpression("#status IN (:granted, :pending)")
                                            .expressionAttributeNames(
                                                    Map.of(
                                                            "#status",
                                                            DecisionItem.STATUS,
                                                            "#at",
                                                            DecisionItem.WITHDRAWN_AT,
                                                            "#exp",
                                                            ConsentTable.EXPIRES_AT))
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":withdrawn",
                                                                    AttributeValue.fromS(
                                                                            ConsentStatus.WITHDRAWN
                                                                                    .name()),
                                                            ":granted",
                                                                    AttributeValue.fromS(
                                                                            ConsentStatus.GRANTED
                                                                                    .name()),
                                                            ":pending",
                                                                    AttributeValue.fromS(
                                                                            ConsentStatus
                                                                                    .PENDING_CONFIRMATION
                                                                                    .name()),
                                                            ":at", at,
                                                            ":proofExp",
                                                                    number(
                                                                            withdrawal
                                                                                    .proofExpiresAt())))
                                            .build())
                            .build());
        }
        for (String sk : withdrawal.otherSks()) {
            Update.Builder update =
                    Update.builder()
                            .tableName(table)
                            .key(key(withdrawal.receiptPk(), sk))
                            .conditionExpression(EXISTS);
            if (sk.equals(ConsentTable.RECEIPT_SK)) {
                update.updateExpression(
                                "SET #at = :at, #exp = :receiptExp"
                                        + (removeKeys.isEmpty()
                                                ? ""
                                                : " REMOVE " + removeKeys.substring(2)))
                        .expressionAttributeNames(
                                Map.of(
                                        "#at",
                                        ReceiptItem.LAST_WITHDRAWAL_AT,
                                        "#exp",
                                        ConsentTable.EXPIRES_AT))
                        .expressionAttributeValues(
                                Map.of(
                                        ":at",
                                        at,
                                        ":receiptExp",
                                        number(withdrawal.receiptExpiresAt())));
            } else {
                update.updateExpression("REMOVE " + removeKeys.substring(2));
            }
            writes.add(TransactWriteItem.builder().update(update.build()).build());
        }
        if (!withdrawal.notices().isEmpty()) {
            if (noticesTable == null) {
                throw new IllegalStateException("no table configured for processor notices");
            }
            for (PropagationItem notice : withdrawal.notices()) {
                writes.add(
                        TransactWriteItem.builder()
                                .put(
                                        Put.builder()
                                                .tableName(noticesTable)
                                                .item(DynamoPropagationStore.item(notice))
                                                .build())
                                .build());
            }
        }
        if (withdrawal.shredReceiptKey()) {
            writes.add(
                    TransactWriteItem.builder()
                            .delete(
                                    Delete.builder()
                                            .tableName(keysTable)
                                            .key(key(withdrawal.receiptPk(), ReceiptKeyItem.SK))
                                            .build())
                            .build());
        }
        transactOrConcurrentChange(writes, "withdrawal");
    }

    @Override
    public List<IndexedItem> itemsBySubjectKey(String attribute, String subjectKey) {
        String index = ConsentTable.indexOn(attribute);
        try {
            List<IndexedItem> items = new ArrayList<>();
            dynamo.queryPaginator(
                            r ->
                                    r.tableName(table)
                                            .indexName(index)
                                            .keyConditionExpression("#k = :k")
                                            .expressionAttributeNames(Map.of("#k", attribute))
                                            .expressionAttributeValues(
                                                    Map.of(":k", AttributeValue.fromS(subjectKey))))
                    .items()
                    .forEach(item -> items.add(IndexedItem.of(AttributeValues.fromItem(item))));
            return items;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "subject query failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public boolean holdsAny(String attribute, String subjectKey) {
        try {
            return dynamo.query(
                                    r ->
                                            r.tableName(table)
                                                    .indexName(ConsentTable.indexOn(attribute))
                                                    .keyConditionExpression("#k = :k")
                                                    .expressionAttributeNames(
                                                            Map.of("#k", attribute))
                                                    .expressionAttributeValues(
                                                            Map.of(
                                                                    ":k",
                                                                    AttributeValue.fromS(
                                                                            subjectKey)))
                                                    .limit(1))
                            .count()
                    > 0;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "subject query failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public boolean countAttempt(ItemKey counter, int limit, long expiresAt) {
        try {
            dynamo.updateItem(
                    r ->
                            r.tableName(table)
                                    .key(key(counter.pk(), counter.sk()))
                                    .updateExpression("ADD #n :one SET #exp = :exp")
                                    .conditionExpression("attribute_not_exists(#n) OR #n < :limit")
                                    .expressionAttributeNames(
                                            Map.of(
                                                    "#n",
                                                    AttemptCounter.ATTEMPTS,
                                                    "#exp",
                                                    ConsentTable.EXPIRES_AT))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":one", number(1),
                                                    ":limit", number(limit),
                                                    ":exp", number(expiresAt))));
            return true;
        } catch (ConditionalCheckFailedException limitReached) {
            return false;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "attempt count failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public boolean exchange(ItemKey used, StoredItem opened, Instant now) {
        TransactWriteItem use =
                TransactWriteItem.builder()
                        .delete(
                                Delete.builder()
                                        .tableName(table)
                                        .key(key(used.pk(), used.sk()))
                                        .conditionExpression(EXISTS + " AND #exp > :now")
                                        .expressionAttributeNames(
                                                Map.of("#exp", ConsentTable.EXPIRES_AT))
                                        .expressionAttributeValues(
                                                Map.of(":now", number(now.getEpochSecond())))
                                        .build())
                        .build();
        return transactUnlessChanged(List.of(use, putNew(table, opened)), "exchange");
    }

    @Override
    public int deleteItems(Collection<ItemKey> keys) {
        return delete(table, keys);
    }

    @Override
    public void deleteReceiptKeys(Collection<String> receiptIds) {
        delete(
                keysTable,
                receiptIds.stream()
                        .map(id -> new ItemKey(ConsentTable.receiptPk(id), ReceiptKeyItem.SK))
                        .toList());
    }

    private int delete(String tableName, Collection<ItemKey> keys) {
        List<ItemKey> all = List.copyOf(keys);
        try {
            for (int from = 0; from < all.size(); from += BatchWrites.MAX_BATCH) {
                List<WriteRequest> batch =
                        all
                                .subList(from, Math.min(all.size(), from + BatchWrites.MAX_BATCH))
                                .stream()
                                .map(
                                        k ->
                                                WriteRequest.builder()
                                                        .deleteRequest(
                                                                d -> d.key(key(k.pk(), k.sk())))
                                                        .build())
                                .toList();
                if (!BatchWrites.write(dynamo, tableName, batch, BATCH_ATTEMPTS).isEmpty()) {
                    throw new StorageUnavailableException(
                            "deletes still unprocessed after " + BATCH_ATTEMPTS + " attempts",
                            null);
                }
            }
            return all.size();
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "batch delete failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while deleting", e);
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(
                ConsentTable.PK,
                AttributeValue.fromS(pk),
                ConsentTable.SK,
                AttributeValue.fromS(sk));
    }

    @Override
    public Optional<byte[]> loadWrappedIndexKey() {
        return find(ConsentTable.CONFIG_PK, ConsentTable.INDEX_KEY_SK)
                .map(item -> IndexKeyItem.of(item).wrappedKey());
    }

    @Override
    public boolean storeWrappedIndexKeyIfAbsent(byte[] wrapped) {
        try {
            dynamo.putItem(
                    r ->
                            r.tableName(table)
                                    .item(
                                            AttributeValues.toItem(
                                                    new IndexKeyItem(wrapped, Instant.now())
                                                            .toItem()))
                                    .conditionExpression(NOT_EXISTS));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new StorageUnavailableException(
                    "index key write failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static String codes(List<CancellationReason> reasons) {
        return reasons.stream().map(CancellationReason::code).toList().toString();
    }
}
