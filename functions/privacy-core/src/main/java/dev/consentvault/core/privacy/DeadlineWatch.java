package dev.consentvault.core.privacy;

import dev.consentvault.core.log.EmfMetrics;
import dev.consentvault.core.propagation.PropagationItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The daily look at the legal clocks: how many open requests reach their next deadline within
 * {@link #WARNING} and how many are past it, as two counts with no dimensions (no request id, no
 * subject), so an alarm can tell staff before a deadline is missed, not after. Where processors are
 * told of erasures and withdrawals, it counts the same two things for their notices not
 * acknowledged yet ({@link #NOTICES_DUE_SOON}, {@link #NOTICES_OVERDUE}): an erasure's notice is
 * due by its request's deadline, a withdrawal's by the deployment's target.
 */
public final class DeadlineWatch {

    /** How far ahead a deadline counts as due soon: a weekend plus a day to act. */
    public static final Duration WARNING = Duration.ofDays(3);

    public static final String DUE_SOON = "RequestsDueSoon";
    public static final String OVERDUE = "RequestsOverdue";
    public static final String NOTICES_DUE_SOON = "ProcessorNoticesDueSoon";
    public static final String NOTICES_OVERDUE = "ProcessorNoticesOverdue";

    /** The two counts; each open request (or notice) is in at most one of them. */
    public record Tally(long dueSoon, long overdue) {}

    private final PrivacyRequestStore store;
    private final Function<Instant, List<PropagationItem>> noticesDueBy;
    private final Clock clock;
    private final EmfMetrics metrics;

    /** A watch over requests only (a deployment that tells no processor). */
    public DeadlineWatch(PrivacyRequestStore store, Clock clock, EmfMetrics metrics) {
        this(store, null, clock, metrics);
    }

    /**
     * @param noticesDueBy the processor notices not acknowledged yet that are due by an instant
     *     ({@link dev.consentvault.core.propagation.PropagationStore#unacknowledgedDueBy})
     */
    public DeadlineWatch(
            PrivacyRequestStore store,
            Function<Instant, List<PropagationItem>> noticesDueBy,
            Clock clock,
            EmfMetrics metrics) {
        this.store = store;
        this.noticesDueBy = noticesDueBy;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Counts the open requests now and emits both counts, zeros too (so alarms see "fine"); then
     * the same for the processor notices, when it watches them. Returns the requests' tally.
     */
    public Tally check() {
        Instant now = clock.instant();
        Tally tally = tally(store.open(), now);
        metrics.count(DUE_SOON, Map.of(), tally.dueSoon());
        metrics.count(OVERDUE, Map.of(), tally.overdue());
        if (noticesDueBy != null) {
            Tally notices = noticeTally(noticesDueBy.apply(now.plus(WARNING)), now);
            metrics.count(NOTICES_DUE_SOON, Map.of(), notices.dueSoon());
            metrics.count(NOTICES_OVERDUE, Map.of(), notices.overdue());
        }
        return tally;
    }

    /**
     * Acknowledged notices are ignored; past its due date a notice is overdue, at most {@link
     * #WARNING} ahead it is due soon.
     */
    public static Tally noticeTally(List<PropagationItem> notices, Instant now) {
        long dueSoon = 0;
        long overdue = 0;
        Instant horizon = now.plus(WARNING);
        for (PropagationItem notice : notices) {
            if (notice.status() == PropagationItem.Status.ACKED) {
                continue;
            }
            if (notice.overdue(now)) {
                overdue++;
            } else if (!notice.dueAt().isAfter(horizon)) {
                dueSoon++;
            }
        }
        return new Tally(dueSoon, overdue);
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
