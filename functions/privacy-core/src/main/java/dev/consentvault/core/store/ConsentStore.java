package dev.consentvault.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port to the consent table. */
public interface ConsentStore {

    /**
     * Writes a capture all-or-nothing in one request, the receipt's key (nullable) into the keys
     * table in that same request. The marker (nullable) is written only if no live marker with its
     * key exists; otherwise nothing is written and {@link IdempotencyKeyUsedException} is thrown.
     * When the table throttles (or does not answer) for longer than a person should wait, a store
     * with a {@link CaptureBuffer} holds the write there and answers {@link CaptureOutcome#HELD}.
     */
    CaptureOutcome writeCapture(
            List<StoredItem> items,
            StoredItem idempotencyMarker,
            ReceiptKeyItem receiptKey,
            Instant now);

    /**
     * Writes these new items all-or-nothing in one request (e.g. a change and the {@code OUTBOX#}
     * message it causes). No item may exist already: if one does, nothing is written and {@link
     * ConcurrentChangeException} is thrown. At most {@link #MAX_TOGETHER} items.
     */
    void writeTogether(List<StoredItem> items);

    /** The most items one all-or-nothing write holds (DynamoDB's TransactWriteItems limit). */
    int MAX_TOGETHER = 100;

    /**
     * Counts one attempt at a confirmation code, atomically, before the code is compared (so
     * parallel guesses each cost one): the item as it is after counting; empty when there is no
     * live confirmation. Throws {@link ConfirmationLockedException} when {@code maxAttempts} were
     * used already.
     */
    Optional<ConfirmationItem> countConfirmationAttempt(
            String receiptId,
            dev.consentvault.core.purpose.Confirmation channel,
            int maxAttempts,
            Instant now);

    /** Applies a confirmation all-or-nothing in one request; see {@link ConfirmationWrite}. */
    void writeConfirmation(ConfirmationWrite confirmation);

    /**
     * Writes a capture that was held in the buffer, all-or-nothing. If any of its items exists
     * already (an earlier delivery wrote it, or a retry with the same Idempotency-Key was written
     * first) nothing is written and nothing is thrown: a capture is stored at most once. Throws
     * {@link StorageUnavailableException} when the table still cannot take it (the message comes
     * back later).
     */
    void writeHeld(CaptureWrite write);

    /** A receipt's wrapped key from the keys table (strongly consistent); empty once shredded. */
    Optional<ReceiptKeyItem> receiptKey(String receiptId);

    /** A strongly consistent read of one item. */
    Optional<StoredItem> find(String pk, String sk);

    /**
     * Strongly consistent reads of many items, in as few requests as the store allows (DynamoDB:
     * BatchGetItem, 100 keys a call): the items that exist, in no particular order.
     */
    default List<StoredItem> findAll(Collection<ItemKey> keys) {
        List<StoredItem> found = new ArrayList<>();
        for (ItemKey key : keys) {
            find(key.pk(), key.sk()).ifPresent(found::add);
        }
        return found;
    }

    /** Every item under one partition key (a receipt and its decisions), strongly consistent. */
    List<StoredItem> partition(String pk);

    /**
     * Applies a withdrawal all-or-nothing in one request (with the receipt key's deletion, when it
     * shreds the receipt). Each decision must still be GRANTED or PENDING_CONFIRMATION, else
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

    /**
     * Deletes these receipts' keys from the keys table in batches (absent ones are no error), so
     * whatever copy of their sealed fields remains opens nowhere.
     */
    void deleteReceiptKeys(java.util.Collection<String> receiptIds);

    /**
     * Counts one attempt against a limit ({@code attempts} on the item, created if absent, with
     * {@code expiresAt}): true when it was counted, false when {@code limit} attempts were already
     * counted (nothing written then). One conditional update, so concurrent attempts cannot both
     * take the last one.
     */
    boolean countAttempt(ItemKey counter, int limit, long expiresAt);

    /**
     * Consumes a one-time item and writes what it opens, all-or-nothing in one request: {@code
     * used} is deleted only if it exists and has not expired at {@code now}, and {@code opened} is
     * put only if absent. False (nothing written) when {@code used} was gone, expired or consumed
     * by a concurrent call.
     */
    boolean exchange(ItemKey used, StoredItem opened, Instant now);

    /**
     * Whether any item carries this subject key: one index query for at most one item, so it costs
     * the same whether a person has one record or five hundred.
     */
    boolean holdsAny(String attribute, String subjectKey);
}
