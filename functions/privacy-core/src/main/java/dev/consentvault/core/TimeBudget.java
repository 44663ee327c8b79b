package dev.consentvault.core;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How long the current invocation may still spend on calls to other services. Lambda kills a
 * function at its timeout, mid-write and without an answer; a budget ends a safety margin before
 * that, so a call that would overrun is cut short and the request still answers (503, or a batch
 * item failure) in time. Set per invocation by the handler layer, read by the AWS adapters, which
 * fit each call's timeout into what is left. Invocations run one per thread, so the current budget
 * is held per thread.
 */
public final class TimeBudget {

    /**
     * Kept back from the function's remaining time: for the SDK to abort a timed-out call, and for
     * the handler to build its answer and log it.
     */
    public static final Duration SAFETY_MARGIN = Duration.ofSeconds(1);

    /** Less than this left and a call is not started: it could not finish. */
    public static final Duration SHORTEST_CALL = Duration.ofMillis(50);

    private static final ThreadLocal<TimeBudget> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;
    private final LongSupplier nanoTime;

    private TimeBudget(long deadlineNanos, LongSupplier nanoTime) {
        this.deadlineNanos = deadlineNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * The budget of an invocation with {@code remainingMillis} left before its timeout (Lambda's
     * {@code getRemainingTimeInMillis}), less the safety margin.
     */
    public static TimeBudget ofRemaining(long remainingMillis, LongSupplier nanoTime) {
        long budget = Math.max(0, remainingMillis - SAFETY_MARGIN.toMillis());
        return new TimeBudget(nanoTime.getAsLong() + budget * 1_000_000, nanoTime);
    }

    public static TimeBudget ofRemaining(long remainingMillis) {
        return ofRemaining(remainingMillis, System::nanoTime);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - nanoTime.getAsLong()));
    }

    /** Whether {@code work} (an estimate) and the shortest call still fit. */
    public boolean allows(Duration work) {
        return remaining().compareTo(work.plus(SHORTEST_CALL)) >= 0;
    }

    /**
     * The timeout for the next call: {@code cap}, cut to what is left; empty when too little is
     * left for any call.
     */
    public Optional<Duration> forCall(Duration cap) {
        Duration left = remaining();
        if (left.compareTo(SHORTEST_CALL) < 0) {
            return Optional.empty();
        }
        return Optional.of(left.compareTo(cap) < 0 ? left : cap);
    }

    /**
     * A budget for the next piece of work: at most {@code atMost} from now, and ending {@code
     * keepBack} before the current invocation's budget (if one is set), so what must follow that
     * work still has time.
     */
    public static TimeBudget next(Duration atMost, Duration keepBack) {
        long now = System.nanoTime();
        long deadline = now + atMost.toNanos();
        TimeBudget current = CURRENT.get();
        if (current != null) {
            deadline = Math.min(deadline, current.deadlineNanos - keepBack.toNanos());
        }
        return new TimeBudget(Math.max(now, deadline), System::nanoTime);
    }

    /** The budget of the invocation running on this thread, if the handler layer set one. */
    public static Optional<TimeBudget> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Runs {@code work} under {@code budget} (none when null: the clients' own timeouts apply), and
     * restores what was set before.
     */
    public static <T> T within(TimeBudget budget, Supplier<T> work) {
        TimeBudget outer = CURRENT.get();
        CURRENT.set(budget);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
