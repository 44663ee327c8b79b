package dev.consentvault.core.consent;

import dev.consentvault.core.purpose.Confirmation;
import dev.consentvault.core.store.AttemptCounter;
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

    /** Every item held, e.g. to find the outbox's messages. */
    public synchronized List<StoredItem> all() {
        return List.copyOf(items.values());
    }

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
    public synchronized void writeTogether(List<StoredItem> together) {
        if (together.isEmpty() || together.size() > MAX_TOGETHER) {
            throw new IllegalArgumentException("one write holds 1 to " + MAX_TOGETHER + " items");
        }
        Set<List<String>> seen = new HashSet<>();
        for (StoredItem item : together) {
            if (!seen.add(key(item))) {
                throw new IllegalArgumentException(
                        "one transaction may not write an item twice: " + item);
            }
            if (items.containsKey(key(item))) {
                throw new ConcurrentChangeException();
            }
        }
        together.forEach(this::put);
        writes++;
    }

    @Override
    public synchronized Optional<ConfirmationItem> countConfirmationAttempt(
            String receiptId, Confirmation channel, int maxAttempts, Instant now) {
        StoredItem item =
                items.get(
                        List.of(
                                ConsentTable.confirmationPk(receiptId),
                                ConfirmationItem.sk(channel)));
        if (item == null || !ConfirmationItem.of(item).liveAt(now)) {
            return Optional.empty();
        }
        ConfirmationItem confirmation = ConfirmationItem.of(item);
        if (confirmation.attempts() >= maxAttempts) {
            throw new ConfirmationLockedException();
        }
        ConfirmationItem counted =
                new ConfirmationItem(
                        confirmation.receiptId(),
                        confirmation.channel(),
                        confirmation.secretHash(),
                        confirmation.purposeIds(),
                        confirmation.attempts() + 1,
                        confirmation.expiresAt(),
                        confirmation.subjectKeys());
        put(counted.toItem());
        writes++;
        return Optional.of(counted);
    }

    @Override
    public synchronized void writeConfirmation(ConfirmationWrite c) {
        String pk = ConsentTable.receiptPk(c.receiptId());
        List<String> confirmationKey =
                List.of(
                        ConsentTable.confirmationPk(c.receiptId()),
                        ConfirmationItem.sk(c.channel()));
        StoredItem receipt = items.get(List.of(pk, ConsentTable.RECEIPT_SK));
        if (!items.containsKey(confirmationKey)
                || receipt == null
                || ReceiptItem.of(receipt).expiresAt() != c.previousReceiptExpiresAt()
                || !receiptKeys.containsKey(c.receiptId())) {
            throw new ConcurrentChangeException();
        }
        for (DecisionItem d : c.decisions()) {
            StoredItem now = items.get(List.of(pk, d.sk()));
            if (now == null
                    || DecisionItem.of(now).status() != ConsentStatus.PENDING_CONFIRMATION) {
                throw new ConcurrentChangeException();
            }
        }
        items.remove(confirmationKey);
        c.decisions().forEach(d -> put(d.toItem()));
        ReceiptItem r = ReceiptItem.of(receipt);
        ReceiptItem updated =
                new ReceiptItem(
                        r.receiptId(),
                        r.tokenHash(),
                        r.capturedAt(),
                        r.jurisdiction(),
                        r.language(),
                        r.noticeVersion(),
                        r.sourcePage(),
                        r.sourceCampaign(),
                        r.globalPrivacyControl(),
                        r.purposeIds(),
                        r.lastWithdrawalAt(),
                        c.receiptExpiresAt(),
                        c.receiptSubjectKeys(),
                        c.verified(),
                        r.noticeSha256(),
                        r.separateConsents());
        put(updated.toItem());
        ReceiptKeyItem key = receiptKeys.get(c.receiptId());
        receiptKeys.put(
                c.receiptId(),
                new ReceiptKeyItem(key.receiptId(), key.wrappedKey(), c.receiptExpiresAt()));
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
            if (decision == null || !DecisionItem.of(decision).keepsFields()) {
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
    public synchronized boolean holdsAny(String attribute, String subjectKey) {
        return !itemsBySubjectKey(attribute, subjectKey).isEmpty();
    }

    @Override
    public synchronized boolean countAttempt(ItemKey counter, int limit, long expiresAt) {
        List<String> key = List.of(counter.pk(), counter.sk());
        StoredItem current = items.get(key);
        long attempts = current == null ? 0 : current.number(AttemptCounter.ATTEMPTS);
        if (attempts >= limit) {
            return false;
        }
        items.put(
                key,
                new StoredItem(
                        counter.pk(),
                        counter.sk(),
                        Map.of(
                                AttemptCounter.ATTEMPTS,
                                attempts + 1,
                                ConsentTable.EXPIRES_AT,
                                expiresAt)));
        writes++;
        return true;
    }

    @Override
    public synchronized boolean exchange(ItemKey used, StoredItem opened, Instant now) {
        StoredItem current = items.get(List.of(used.pk(), used.sk()));
        if (current == null || current.expiredAt(now) || items.containsKey(key(opened))) {
            return false;
        }
        items.remove(List.of(used.pk(), used.sk()));
        items.put(key(opened), opened);
        writes++;
        return true;
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
