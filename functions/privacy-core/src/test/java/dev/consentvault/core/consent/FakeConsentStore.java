package dev.consentvault.core.consent;

import dev.consentvault.core.store.ConcurrentChangeException;
import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.IdempotencyKeyUsedException;
import dev.consentvault.core.store.IndexedItem;
import dev.consentvault.core.store.ItemKey;
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

/** The consent table in memory, with TransactWriteItems' all-or-nothing and its conditions. */
public final class FakeConsentStore implements ConsentStore {

    final Map<List<String>, StoredItem> items = new LinkedHashMap<>();
    int writes;

    private static List<String> key(StoredItem item) {
        return List.of(item.pk(), item.sk());
    }

    @Override
    public synchronized void writeCapture(
            List<StoredItem> capture, StoredItem marker, Instant now) {
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
            if (earlier != null && earlier.number(ConsentTable.EXPIRES_AT) > now.getEpochSecond()) {
                throw new IdempotencyKeyUsedException();
            }
        }
        for (StoredItem item : capture) {
            if (items.containsKey(key(item))) {
                throw new IllegalStateException("capture would overwrite " + item);
            }
        }
        all.forEach(item -> items.put(key(item), item));
        writes++;
    }

    @Override
    public synchronized Optional<StoredItem> find(String pk, String sk) {
        // like DynamoDB before TTL has run: expired items are still returned
        return Optional.ofNullable(items.get(List.of(pk, sk)));
    }

    @Override
    public synchronized List<StoredItem> partition(String pk) {
        return items.values().stream().filter(i -> i.pk().equals(pk)).toList();
    }

    @Override
    public synchronized void writeWithdrawal(Withdrawal withdrawal) {
        for (String sk : withdrawal.purposeSks()) {
            StoredItem decision = items.get(List.of(withdrawal.receiptPk(), sk));
            if (decision == null || !"GRANTED".equals(decision.string("status"))) {
                throw new ConcurrentChangeException();
            }
        }
        for (String sk : withdrawal.purposeSks()) {
            StoredItem decision = items.get(List.of(withdrawal.receiptPk(), sk));
            Map<String, Object> a = new LinkedHashMap<>(decision.attributes());
            a.put("status", "WITHDRAWN");
            a.put("withdrawnAt", withdrawal.withdrawnAt().toString());
            a.put(ConsentTable.EXPIRES_AT, withdrawal.proofExpiresAt());
            a.remove(ConsentTable.SEALED);
            withdrawal.subjectKeysToRemove().forEach(a::remove);
            items.put(
                    List.of(withdrawal.receiptPk(), sk),
                    new StoredItem(withdrawal.receiptPk(), sk, a));
        }
        for (String sk : withdrawal.otherSks()) {
            StoredItem item = items.get(List.of(withdrawal.receiptPk(), sk));
            Map<String, Object> a = new LinkedHashMap<>(item.attributes());
            withdrawal.subjectKeysToRemove().forEach(a::remove);
            if (sk.equals(ConsentTable.RECEIPT_SK)) {
                a.put("lastWithdrawalAt", withdrawal.withdrawnAt().toString());
                a.put(ConsentTable.EXPIRES_AT, withdrawal.receiptExpiresAt());
            }
            items.put(
                    List.of(withdrawal.receiptPk(), sk),
                    new StoredItem(withdrawal.receiptPk(), sk, a));
        }
        writes++;
    }

    @Override
    public synchronized List<IndexedItem> itemsBySubjectKey(String attribute, String subjectKey) {
        return items.values().stream()
                .filter(i -> subjectKey.equals(i.attributes().get(attribute)))
                .map(
                        i ->
                                new IndexedItem(
                                        i.pk(),
                                        i.sk(),
                                        i.string(ConsentTable.EMAIL_KEY),
                                        i.string(ConsentTable.PHONE_KEY)))
                .toList();
    }

    @Override
    public synchronized int deleteItems(java.util.Collection<ItemKey> keys) {
        int deleted = 0;
        for (ItemKey key : keys) {
            if (items.remove(List.of(key.pk(), key.sk())) != null) {
                deleted++;
            }
        }
        writes++;
        return deleted;
    }
}
