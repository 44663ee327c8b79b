package dev.consentvault.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to the consent table. */
public interface ConsentStore {

    /**
     * Writes a capture all-or-nothing in one request. The marker (nullable) is written only if no
     * live marker with its key exists; otherwise nothing is written and {@link
     * IdempotencyKeyUsedException} is thrown.
     */
    void writeCapture(List<StoredItem> items, StoredItem idempotencyMarker, Instant now);

    /** A strongly consistent read of one item. */
    Optional<StoredItem> find(String pk, String sk);

    /** Every item under one partition key (a receipt and its decisions), strongly consistent. */
    List<StoredItem> partition(String pk);

    /**
     * Applies a withdrawal all-or-nothing in one request. Each decision must still be GRANTED, else
     * nothing is written and {@link ConcurrentChangeException} is thrown.
     */
    void writeWithdrawal(Withdrawal withdrawal);

    /**
     * Every item carrying this subject key ({@link ConsentTable#EMAIL_KEY} or {@link
     * ConsentTable#PHONE_KEY}), through its index, all pages.
     */
    List<IndexedItem> itemsBySubjectKey(String attribute, String subjectKey);

    /**
     * Deletes the items in batches, retrying what the store leaves unprocessed; returns how many.
     */
    int deleteItems(java.util.Collection<ItemKey> keys);
}
