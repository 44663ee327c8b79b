package dev.consentvault.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private void elapse(long millis) {
        nanos.addAndGet(millis * 1_000_000);
    }

    @Test
    void theBudgetIsTheRemainingTimeLessTheSafetyMargin() {
        TimeBudget budget = TimeBudget.ofRemaining(10_000, nanos::get);
        assertEquals(Duration.ofMillis(9_000), budget.remaining());

        elapse(2_500);
        assertEquals(Duration.ofMillis(6_500), budget.remaining());

        elapse(7_000);
        assertEquals(Duration.ZERO, budget.remaining(), "never negative");
    }

    @Test
    void lessThanTheSafetyMarginLeftIsNoBudgetAtAll() {
        TimeBudget budget = TimeBudget.ofRemaining(800, nanos::get);
        assertEquals(Duration.ZERO, budget.remaining());
        assertEquals(Optional.empty(), budget.forCall(Duration.ofSeconds(8)));
    }

    @Test
    void aCallGetsTheClientTimeoutOrWhatIsLeftWhicheverIsShorter() {
        TimeBudget budget = TimeBudget.ofRemaining(10_000, nanos::get);
        assertEquals(Optional.of(Duration.ofSeconds(8)), budget.forCall(Duration.ofSeconds(8)));

        elapse(3_000);
        assertEquals(Optional.of(Duration.ofSeconds(6)), budget.forCall(Duration.ofSeconds(8)));

        elapse(5_960);
        assertEquals(
                Optional.empty(),
                budget.forCall(Duration.ofSeconds(8)),
                "40 ms left is less than the shortest call");
    }

    @Test
    void workIsAllowedWhileItAndTheShortestCallFit() {
        TimeBudget budget = TimeBudget.ofRemaining(3_000, nanos::get);
        assertTrue(budget.allows(Duration.ofMillis(1_950)));
        assertFalse(budget.allows(Duration.ofMillis(1_951)));
        elapse(1_500);
        assertTrue(budget.allows(Duration.ofMillis(450)));
        assertFalse(budget.allows(Duration.ofMillis(451)));
    }

    @Test
    void aBudgetHoldsForTheWorkItWrapsOnly() {
        TimeBudget outer = TimeBudget.ofRemaining(10_000, nanos::get);
        TimeBudget inner = TimeBudget.ofRemaining(5_000, nanos::get);
        assertTrue(TimeBudget.current().isEmpty());
        TimeBudget.within(
                outer,
                () -> {
                    assertSame(outer, TimeBudget.current().orElseThrow());
                    TimeBudget.within(
                            inner,
                            () -> {
                                assertSame(inner, TimeBudget.current().orElseThrow());
                                return null;
                            });
                    assertSame(outer, TimeBudget.current().orElseThrow());
                    return null;
                });
        assertTrue(TimeBudget.current().isEmpty());
    }

    @Test
    void aBudgetIsNotLeftBehindWhenTheWorkFails() {
        TimeBudget budget = TimeBudget.ofRemaining(10_000, nanos::get);
        try {
            TimeBudget.within(
                    budget,
                    () -> {
                        throw new IllegalStateException("failed");
                    });
        } catch (IllegalStateException expected) {
            // the budget must still be gone
        }
        assertTrue(TimeBudget.current().isEmpty());
    }
}
