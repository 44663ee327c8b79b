package dev.consentvault.core.figures;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The counts of one campaign between two days (inclusive), summed over the days and the shards:
     * what {@code stats} shows. Each count's day is {@code from}, the first day of the range it
     * sums. A store may answer from roll-ups; the answer equals {@link #read}'s summed.
     */
    default List<Count> totals(String campaign, LocalDate from, LocalDate to) {
        return totalsFromDays(campaign, from, to);
    }

    /**
     * {@link #totals}, always summed from the day counters: slower, but it also counts what was
     * recorded before the roll-ups existed (a deployment upgraded from a version without them).
     */
    default List<Count> totalsFromDays(String campaign, LocalDate from, LocalDate to) {
        Map<String, Count> sums = new LinkedHashMap<>();
        for (Count c : read(campaign, from, to)) {
            sums.merge(
                    c.page() + "\n" + c.purposeId() + "\n" + c.measure(),
                    new Count(c.campaign(), c.page(), c.purposeId(), from, c.measure(), c.count()),
                    (a, b) ->
                            new Count(
                                    a.campaign(),
                                    a.page(),
                                    a.purposeId(),
                                    from,
                                    a.measure(),
                                    a.count() + b.count()));
        }
        return List.copyOf(sums.values());
    }

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
