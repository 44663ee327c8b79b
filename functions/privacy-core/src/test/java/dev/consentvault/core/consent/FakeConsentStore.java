package dev.consentvault.core.consent;

import dev.consentvault.core.store.ConsentStore;
import dev.consentvault.core.store.ConsentTable;
import dev.consentvault.core.store.IdempotencyKeyUsedException;
import dev.consentvault.core.store.StoredItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The consent table in memory, with TransactWriteItems' all-or-nothing and its conditions. */
final class FakeConsentStore implements ConsentStore {

    final Map<List<String>, StoredItem> items = new LinkedHashMap<>();
    int writes;

    private static List<String> key(StoredItem item) {
        return List.of(item.pk(), item.sk());
    }

    @Override
    public synchronized void writeCapture(List<StoredItem> capture, StoredItem marker, Instant now) {
        List<StoredItem> all = new ArrayList<>(capture);
        if (marker != null) {
            all.add(marker);
        }
        Set<List<String>> seen = new HashSet<>();
        for (StoredItem item : all) {
            if (!seen.add(key(item))) {
                throw new IllegalArgumentException("one transaction may not write an item twice: " + item);
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
}
