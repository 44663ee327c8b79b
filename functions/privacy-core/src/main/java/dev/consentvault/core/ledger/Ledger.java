package dev.consentvault.core.ledger;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ledger's storage: an append-only chain with one head. An append is conditional on the head it
 * read, so two appenders can never both extend the same entry (the chain cannot fork); the loser
 * reads the new head and tries again.
 */
public interface Ledger {

    /**
     * Appends the events in order, each once: an event whose key was appended before is skipped.
     *
     * @return how many entries were added
     */
    int append(List<LedgerEvent> events);

    /** The head: the last entry's position and hash, or empty before the first append. */
    Optional<Head> head();

    /** Every entry from position {@code fromSeq} on, in order. */
    void entries(long fromSeq, Consumer<LedgerEntry> each);

    /** The entries about one receipt (by its {@link Refs#receiptRef}), in order. */
    List<LedgerEntry> byReceiptRef(String receiptRef);

    /** The entries about one privacy request, in order. */
    List<LedgerEntry> byRequest(String requestId);

    /** The chain's head as stored. */
    record Head(long seq, String hash) {}
}
