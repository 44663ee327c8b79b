package dev.consentvault.core.consent;

import dev.consentvault.core.store.CaptureOutcome;
import dev.consentvault.core.store.CaptureWrite;
import dev.consentvault.core.store.ConcurrentChangeException;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.DecisionItem;
import dev.consentvault.core.store.IdempotencyKeyUsedException;
import dev.consentvault.core.store.IdempotencyMarker;
import dev.consentvault.core.store.IndexedItem;
import dev.consentvault.core.store.ItemKey;
import dev.consentvault.core.store.ReceiptItem;
import dev.consentvault.core.store.ReceiptKeyItem;
import dev.consentvault.core.store.StorageUnavailableException;
import dev.consentvault.core.store.StoredItem;
import dev.consentvault.core.store.Withdrawal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The consent table and the receipt keys table in memory, with TransactWriteItems' all-or-nothing
 * and its conditions.
 */
public final class FakeConsentStore implements ConsentStore {

    final Map<List<String>, StoredItem> items = new LinkedHashMap<>();
    final Map<String, ReceiptKeyItem> receiptKeys = new LinkedHashMap<>();
    int writes;

    private static List<String> key(StoredItem item) {
        return List.of(item.pk(), item.sk());
    }

    @Override
    public synchronized CaptureOutcome writeCapture(
            List<StoredItem> capture, StoredItem marker, ReceiptKeyItem receiptKey, Instant now) {
        if (throttled) {
            return throttledWrite(capture, marker, receiptKey);
        }
        List<StoredItem> all = new ArrayList<>(capture);
        if (marker != null) {
            all.add(marker);
        }
        Set<List<String>> seen = new HashSet<>();
        for (StoredItem item : all) {
            if (!seen.add(key(item))) {
                throw new IllegalArgumentException(
                        "one transaction may not write an item twice: " + item);
            }
        }
        if (marker != null) {
            StoredItem earlier = items.get(key(marker));
            if (earlier != null && IdempotencyMarker.of(earlier).liveAt(now)) {
                throw new IdempotencyKeyUsedException();
            }
        }
        for (StoredItem item : capture) {
            if (items.containsKey(key(item))) {
                // as DynamoDB cancels the transaction when an item exists already
                throw new StorageUnavailableException("consent write was cancelled", null);
            }
        }
        if (receiptKey != null && receiptKeys.containsKey(receiptKey.receiptId())) {
            throw new StorageUnavailableException("consent write was cancelled", null);
        }
        all.forEach(item -> items.put(key(item), item));
        if (receiptKey != null) {
            receiptKeys.put(receiptKey.receiptId(), receiptKey);
        }
        writes++;
        return CaptureOutcome.WRITTEN;
    }

    private boolean throttled;
    private dev.consentvault.core.store.CaptureBuffer buffer;

    /**
     * From now on every capture write is refused as a throttled table refuses it and held in {@code
     * buffer} (none: refused, 503); {@code null, false} ends the throttling.
     */
    public synchronized void throttle(
            boolean on, dev.consentvault.core.store.CaptureBuffer buffer) {
        this.throttled = on;
        this.buffer = buffer;
    }

    /** How many items the consent table holds. */
    public synchronized int size() {
        return items.size();
    }

    private CaptureOutcome throttledWrite(
            List<StoredItem> capture, StoredItem marker, ReceiptKeyItem receiptKey) {
        if (buffer == null) {
            throw new StorageUnavailableException("consent write was throttled", null);
        }
        String receiptId = receiptKey == null ? capture.get(0).pk() : receiptKey.receiptId();
        buffer.hold(new CaptureWrite(receiptId, capture, marker, receiptKey));
        return CaptureOutcome.HELD;
    }

    @Override
    public synchronized void writeHeld(CaptureWrite write) {
        List<StoredItem> all = new ArrayList<>(write.items());
        if (write.marker() != null) {
            all.add(write.marker());
        }
        if (all.stream().anyMatch(i -> items.containsKey(key(i)))) {
            return;
        }
        all.forEach(item -> items.put(key(item), item));
        if (write.receiptKey() != null) {
            receiptKeys.put(write.receiptKey().receiptId(), write.receiptKey());
        }
        writes++;
    }

    @Override
    public synchronized Optional<StoredItem> find(String pk, String sk) {
        // like DynamoDB before TTL has run: expired items are still returned
        return Optional.ofNullable(items.get(List.of(pk, sk)));
    }

    @Override
    public synchronized Optional<ReceiptKeyItem> receiptKey(String receiptId) {
        return Optional.ofNullable(receiptKeys.get(receiptId));
    }

    @Override
    public synchronized List<StoredItem> partition(String pk) {
        return items.values().stream().filter(i -> i.pk().equals(pk)).toList();
    }

    @Override
    public synchronized void writeWithdrawal(Withdrawal withdrawal) {
        for (String sk : withdrawal.purposeSks()) {
            StoredItem decision = items.get(List.of(withdrawal.receiptPk(), sk));
            if (decision == null || DecisionItem.of(decision).status() != ConsentStatus.GRANTED) {
                throw new ConcurrentChangeException();
            }
        }
        for (String sk : withdrawal.otherSks()) {
            if (!items.containsKey(List.of(withdrawal.receiptPk(), sk))) {
                throw new ConcurrentChangeException();
            }
        }
        for (String sk : withdrawal.purposeSks()) {
            put(
                    DecisionItem.of(items.get(List.of(withdrawal.receiptPk(), sk)))
                            .withdrawn(withdrawal)
                            .toItem());
        }
        for (String sk : withdrawal.otherSks()) {
            StoredItem item = items.get(List.of(withdrawal.receiptPk(), sk));
            put(
                    ReceiptItem.is(item)
                            ? ReceiptItem.of(item).withdrawalRecorded(withdrawal).toItem()
                            : DecisionItem.of(item)
                                    .withoutSubjectKeys(withdrawal.subjectKeysToRemove())
                                    .toItem());
        }
        if (withdrawal.shredReceiptKey()) {
            receiptKeys.remove(
                    withdrawal.receiptPk().substring(ConsentTable.RECEIPT_PK_PREFIX.length()));
        }
        writes++;
    }

    private void put(StoredItem item) {
        items.put(key(item), item);
    }

    @Override
    public synchronized List<IndexedItem> itemsBySubjectKey(String attribute, String subjectKey) {
        ConsentTable.indexOn(attribute);
        return items.values().stream()
                .filter(i -> subjectKey.equals(i.attributes().get(attribute)))
                .map(IndexedItem::of)
                .toList();
    }

    @Override
    public synchronized int deleteItems(java.util.Collection<ItemKey> keys) {
        // like a batch delete, which cannot tell whether an item was there
        keys.forEach(key -> items.remove(List.of(key.pk(), key.sk())));
        writes++;
        return keys.size();
    }

    @Override
    public synchronized void deleteReceiptKeys(java.util.Collection<String> receiptIds) {
        receiptIds.forEach(receiptKeys::remove);
        writes++;
    }
}
