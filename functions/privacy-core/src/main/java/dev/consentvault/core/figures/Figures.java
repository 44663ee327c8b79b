package dev.consentvault.core.figures;

import java.time.LocalDate;
import java.util.List;

/**
 * The figures' storage: counters sharded so a busy campaign spreads its writes over several items,
 * each stream record counted once however often it is delivered.
 */
public interface Figures {

    /**
     * Adds the increments of one stream record, once: a record applied before is skipped.
     *
     * @return false when the record had been applied already
     */
    boolean apply(String eventId, List<Increment> increments);

    /** The counts of one campaign between two days (inclusive), shards summed. */
    List<Count> read(String campaign, LocalDate from, LocalDate to);

    /** Every campaign's counts between two days (inclusive), shards summed. */
    List<Count> readAll(LocalDate from, LocalDate to);

    /** A summed counter. */
    record Count(
            String campaign,
            String page,
            String purposeId,
            LocalDate day,
            Measure measure,
            long count) {}
}
