package dev.consentvault.core.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.ledger.TableChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentFiguresTest {

    private static final Instant AT = Instant.parse("2026-12-06T23:59:00Z");

    private static List<Increment> of(
            String name, boolean ttl, Map<String, Object> old, Map<String, Object> now) {
        return ConsentFigures.of(
                new TableChange(
                        "e",
                        name,
                        AT,
                        ttl,
                        Map.of("pk", "RECEIPT#r", "sk", "PURPOSE#marketing-email"),
                        old,
                        now),
                receiptId -> Source.of("cny-2027", null));
    }

    private static Measure measure(List<Increment> increments) {
        assertEquals(1, increments.size());
        return increments.get(0).measure();
    }

    @Test
    void eachChangeCountsWhatHappenedOnItsDay() {
        List<Increment> granted = of("INSERT", false, null, Map.of("status", "GRANTED"));
        assertEquals(
                new Increment(
                        "cny-2027",
                        "(none)",
                        "marketing-email",
                        LocalDate.of(2026, 12, 6),
                        Measure.GRANTED),
                granted.get(0));
        assertEquals(
                Measure.REFUSED, measure(of("INSERT", false, null, Map.of("status", "REFUSED"))));
        assertEquals(
                Measure.REFUSED_GPC,
                measure(of("INSERT", false, null, Map.of("status", "REFUSED", "reason", "gpc"))));
        assertEquals(
                Measure.PENDING,
                measure(of("INSERT", false, null, Map.of("status", "PENDING_CONFIRMATION"))));
        assertEquals(
                Measure.CONFIRMED,
                measure(
                        of(
                                "MODIFY",
                                false,
                                Map.of("status", "PENDING_CONFIRMATION"),
                                Map.of("status", "GRANTED"))));
        assertEquals(
                Measure.WITHDRAWN,
                measure(
                        of(
                                "MODIFY",
                                false,
                                Map.of("status", "GRANTED"),
                                Map.of("status", "WITHDRAWN"))));
        assertEquals(
                Measure.EXPIRED, measure(of("REMOVE", true, Map.of("status", "GRANTED"), null)));
    }

    @Test
    void erasuresRepeatsAndOtherItemsCountNothing() {
        assertTrue(
                of("REMOVE", false, Map.of("status", "GRANTED"), null).isEmpty(),
                "an erasure is no choice");
        assertTrue(
                of("MODIFY", false, Map.of("status", "WITHDRAWN"), Map.of("status", "WITHDRAWN"))
                        .isEmpty());
        assertTrue(
                ConsentFigures.of(
                                new TableChange(
                                        "e",
                                        "INSERT",
                                        AT,
                                        false,
                                        Map.of("pk", "RECEIPT#r", "sk", "RECEIPT"),
                                        null,
                                        Map.of("status", "GRANTED")),
                                r -> Source.UNKNOWN)
                        .isEmpty());
    }
}
