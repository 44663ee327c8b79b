package dev.consentvault.core.privacy;

import dev.consentvault.core.log.EmfMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The daily look at the legal clocks: how many open requests reach their next deadline within
 * {@link #WARNING} and how many are past it, as two counts with no dimensions (no request id, no
 * subject), so an alarm can tell staff before a deadline is missed, not after.
 */
public final class DeadlineWatch {

    /** How far ahead a deadline counts as due soon: a weekend plus a day to act. */
    public static final Duration WARNING = Duration.ofDays(3);

    public static final String DUE_SOON = "RequestsDueSoon";
    public static final String OVERDUE = "RequestsOverdue";

    /** The two counts; each open request is in at most one of them. */
    public record Tally(long dueSoon, long overdue) {}

    private final PrivacyRequestStore store;
    private final Clock clock;
    private final EmfMetrics metrics;

    public DeadlineWatch(PrivacyRequestStore store, Clock clock, EmfMetrics metrics) {
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Counts the open requests now and emits both counts, zeros too (so alarms see "fine"). */
    public Tally check() {
        Tally tally = tally(store.open(), clock.instant());
        metrics.count(DUE_SOON, Map.of(), tally.dueSoon());
        metrics.count(OVERDUE, Map.of(), tally.overdue());
        return tally;
    }

    /**
     * Closed and completed requests have no deadline left and are ignored. A request's next
     * deadline is its acknowledgement date while unacknowledged (if that comes first), else its due
     * date; past it (as {@link PrivacyRequest#overdue} has it) is overdue, at most {@link #WARNING}
     * ahead is due soon.
     */
    public static Tally tally(List<PrivacyRequest> requests, Instant now) {
        long dueSoon = 0;
        long overdue = 0;
        Instant horizon = now.plus(WARNING);
        for (PrivacyRequest request : requests) {
            if (!request.status().open()) {
                continue;
            }
            if (request.overdue(now)) {
                overdue++;
            } else if (!nextDeadline(request).isAfter(horizon)) {
                dueSoon++;
            }
        }
        return new Tally(dueSoon, overdue);
    }

    private static Instant nextDeadline(PrivacyRequest request) {
        boolean unacknowledged =
                request.acknowledgedAt() == null && request.status() != RequestStatus.ACKNOWLEDGED;
        if (unacknowledged && request.acknowledgeBy().isBefore(request.dueAt())) {
            return request.acknowledgeBy();
        }
        return request.dueAt();
    }
}
