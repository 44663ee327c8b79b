package dev.consentvault.aws;

import dev.consentvault.core.ledger.EventKind;
import dev.consentvault.core.ledger.Ledger;
import dev.consentvault.core.ledger.LedgerEntry;
import dev.consentvault.core.ledger.LedgerEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The ledger table.
 *
 * <pre>
 *   pk                sk               what
 *   HEAD              HEAD             the chain's head: seq, hash of the last entry
 *   ENTRY             {seq, 12 digits} one entry (attributes below); indexes byReceiptRef, byRequest
 *   EVENT#{eventKey}  EVENT            "this event is in the chain" (7 days: outlives stream redelivery)
 * </pre>
 *
 * An append is one {@code TransactWriteItems}: the head moves from the seq and hash it was read at
 * (a condition), the new entries are put where nothing is, and each event's marker is put where
 * none is. A concurrent appender therefore cancels the transaction instead of forking the chain;
 * this one re-reads the head and tries again. A redelivered event finds its marker and is dropped.
 */
public final class DynamoLedger implements Ledger {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String HEAD = "HEAD";
    public static final String ENTRY = "ENTRY";
    public static final String EVENT_PREFIX = "EVENT#";
    public static final String EVENT_SK = "EVENT";
    public static final String SEQ = "seq";
    public static final String HASH = "hash";
    public static final String PREV_HASH = "prevHash";
    public static final String AT = "at";
    public static final String KIND = "kind";
    public static final String EVENT_KEY = "eventKey";
    public static final String RECEIPT_REF = "receiptRef";
    public static final String REQUEST_ID = "requestId";
    public static final String PURPOSE_ID = "purposeId";
    public static final String SUBJECT_REF = "subjectRef";
    public static final String STAFF_ID = "staffId";
    public static final String DETAIL = "detail";
    public static final String APPENDED_AT = "appendedAt";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String RECEIPT_INDEX = "byReceiptRef";
    public static final String REQUEST_INDEX = "byRequest";

    /** Head + two items per event stay within the 100 items of one transaction. */
    static final int EVENTS_PER_APPEND = 45;

    static final int ATTEMPTS = 40;
    private static final Duration MARKER_LIFETIME = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public int append(List<LedgerEvent> events) {
        int added = 0;
        for (int from = 0; from < events.size(); from += EVENTS_PER_APPEND) {
            added +=
                    appendChunk(
                            new ArrayList<>(
                                    events.subList(
                                            from,
                                            Math.min(events.size(), from + EVENTS_PER_APPEND))));
        }
        return added;
    }

    private int appendChunk(List<LedgerEvent> pending) {
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Head head = head().orElse(new Head(0, LedgerEntry.GENESIS));
            List<TransactWriteItem> items = new ArrayList<>();
            String prev = head.hash();
            long seq = head.seq();
            List<Map<String, AttributeValue>> entries = new ArrayList<>();
            for (LedgerEvent event : pending) {
                LedgerEntry entry = LedgerEntry.chain(++seq, event, prev);
                prev = entry.hash();
                entries.add(item(entry));
            }
            items.add(TransactWriteItem.builder().update(moveHead(head, seq, prev)).build());
            long expires = clock.instant().plus(MARKER_LIFETIME).getEpochSecond();
            for (int i = 0; i < pending.size(); i++) {
                items.add(TransactWriteItem.builder().put(putNew(entries.get(i))).build());
                Map<String, AttributeValue> marker = new LinkedHashMap<>();
                marker.put(PK, s(EVENT_PREFIX + pending.get(i).eventKey()));
                marker.put(SK, s(EVENT_SK));
                marker.put(SEQ, n(head.seq() + i + 1));
                marker.put(EXPIRES_AT, n(expires));
                items.add(TransactWriteItem.builder().put(putNew(marker)).build());
            }
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return pending.size();
            } catch (TransactionCanceledException e) {
                // another appender moved the head, or some events are in the chain already
                if (head().orElse(new Head(0, LedgerEntry.GENESIS)).seq() == head.seq()
                        && pending.removeIf(this::appendedBefore)) {
                    attempt--;
                    continue;
                }
                // the head moved, or a conflicting transaction was in flight: read it again
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException(
                            "the ledger's head kept moving: " + ATTEMPTS + " attempts", e);
                }
                pause(attempt);
            }
        }
        return 0;
    }

    private boolean appendedBefore(LedgerEvent event) {
        return dynamo.getItem(
                        r ->
                                r.tableName(table)
                                        .consistentRead(true)
                                        .key(
                                                Map.of(
                                                        PK,
                                                        s(EVENT_PREFIX + event.eventKey()),
                                                        SK,
                                                        s(EVENT_SK))))
                .hasItem();
    }

    private Update moveHead(Head head, long seq, String hash) {
        Update.Builder update =
                Update.builder()
                        .tableName(table)
                        .key(Map.of(PK, s(HEAD), SK, s(HEAD)))
                        .updateExpression("SET #seq = :seq, #hash = :hash, #at = :at")
                        .expressionAttributeNames(
                                Map.of("#seq", SEQ, "#hash", HASH, "#at", APPENDED_AT));
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":seq", n(seq));
        values.put(":hash", s(hash));
        values.put(":at", s(clock.instant().toString()));
        if (head.seq() == 0) {
            update.conditionExpression("attribute_not_exists(#seq)");
        } else {
            // the hash too: the head must be exactly the one this chain extends
            update.conditionExpression("#seq = :prev AND #hash = :prevHash");
            values.put(":prev", n(head.seq()));
            values.put(":prevHash", s(head.hash()));
        }
        return update.expressionAttributeValues(values).build();
    }

    private Put putNew(Map<String, AttributeValue> item) {
        return Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK))
                .build();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L + 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending to the ledger", e);
        }
    }

    @Override
    public Optional<Head> head() {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                r ->
                                        r.tableName(table)
                                                .consistentRead(true)
                                                .key(Map.of(PK, s(HEAD), SK, s(HEAD))))
                        .item();
        if (item == null || item.isEmpty() || !item.containsKey(SEQ)) {
            return Optional.empty();
        }
        return Optional.of(new Head(Long.parseLong(item.get(SEQ).n()), item.get(HASH).s()));
    }

    @Override
    public void entries(long fromSeq, Consumer<LedgerEntry> each) {
        dynamo.queryPaginator(
                        QueryRequest.builder()
                                .tableName(table)
                                .consistentRead(true)
                                .keyConditionExpression("#pk = :pk AND #sk >= :from")
                                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                                .expressionAttributeValues(
                                        Map.of(":pk", s(ENTRY), ":from", s(sortKey(fromSeq))))
                                .build())
                .items()
                .forEach(item -> each.accept(entry(item)));
    }

    @Override
    public List<LedgerEntry> byReceiptRef(String receiptRef) {
        return byIndex(RECEIPT_INDEX, RECEIPT_REF, receiptRef);
    }

    @Override
    public List<LedgerEntry> byRequest(String requestId) {
        return byIndex(REQUEST_INDEX, REQUEST_ID, requestId);
    }

    private List<LedgerEntry> byIndex(String index, String attribute, String value) {
        List<LedgerEntry> entries = new ArrayList<>();
        dynamo.queryPaginator(
                        QueryRequest.builder()
                                .tableName(table)
                                .indexName(index)
                                .keyConditionExpression("#a = :v")
                                .expressionAttributeNames(Map.of("#a", attribute))
                                .expressionAttributeValues(Map.of(":v", s(value)))
                                .build())
                .items()
                .forEach(item -> entries.add(entry(item)));
        entries.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return entries;
    }

    public static String sortKey(long seq) {
        return String.format("%012d", seq);
    }

    static Map<String, AttributeValue> item(LedgerEntry entry) {
        LedgerEvent e = entry.event();
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(PK, s(ENTRY));
        item.put(SK, s(sortKey(entry.seq())));
        item.put(SEQ, n(entry.seq()));
        item.put(EVENT_KEY, s(e.eventKey()));
        item.put(AT, s(e.at().toString()));
        item.put(KIND, s(e.kind().name()));
        putIfPresent(item, RECEIPT_REF, e.receiptRef());
        putIfPresent(item, REQUEST_ID, e.requestId());
        putIfPresent(item, PURPOSE_ID, e.purposeId());
        putIfPresent(item, SUBJECT_REF, e.subjectRef());
        putIfPresent(item, STAFF_ID, e.staffId());
        putIfPresent(item, DETAIL, e.detail());
        item.put(PREV_HASH, s(entry.prevHash()));
        item.put(HASH, s(entry.hash()));
        return item;
    }

    static LedgerEntry entry(Map<String, AttributeValue> item) {
        LedgerEvent event =
                new LedgerEvent(
                        str(item, EVENT_KEY),
                        Instant.parse(str(item, AT)),
                        EventKind.valueOf(str(item, KIND)),
                        str(item, RECEIPT_REF),
                        str(item, REQUEST_ID),
                        str(item, PURPOSE_ID),
                        str(item, SUBJECT_REF),
                        str(item, STAFF_ID),
                        str(item, DETAIL));
        return new LedgerEntry(
                Long.parseLong(item.get(SEQ).n()), event, str(item, PREV_HASH), str(item, HASH));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
