package dev.consentvault.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainCheckTest {

    private static InMemoryLedger ledgerOf(int n) {
        InMemoryLedger ledger = new InMemoryLedger();
        List<LedgerEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(
                    LedgerEvent.of(
                                    "e" + i,
                                    Instant.parse("2026-12-01T00:00:00Z").plusSeconds(i * 3600L),
                                    EventKind.DECISION)
                            .receipt("r" + i)
                            .detail("status=GRANTED")
                            .build());
        }
        ledger.append(events);
        return ledger;
    }

    private static LedgerEntry altered(LedgerEntry e, String detail) {
        LedgerEvent x = e.event();
        return new LedgerEntry(
                e.seq(),
                new LedgerEvent(
                        x.eventKey(),
                        x.at(),
                        x.kind(),
                        x.receiptRef(),
                        x.requestId(),
                        x.purposeId(),
                        x.subjectRef(),
                        x.staffId(),
                        detail),
                e.prevHash(),
                e.hash());
    }

    @Test
    void anUntouchedChainVerifies() {
        ChainCheck.Result result = ChainCheck.verify(ledgerOf(10), null);
        assertTrue(result.intact());
        assertEquals(10, result.checked());
        assertEquals(10, result.lastSeq());
        assertTrue(ChainCheck.verify(new InMemoryLedger(), null).intact(), "empty is intact");
    }

    @Test
    void everyFieldIsCoveredByTheHash() {
        LedgerEntry e = ledgerOf(1).entries.get(0);
        assertNotEquals(
                e.hash(),
                LedgerEntry.chain(1, altered(e, "status=REFUSED").event(), e.prevHash()).hash());
        assertNotEquals(e.hash(), LedgerEntry.chain(2, e.event(), e.prevHash()).hash());
        assertNotEquals(e.hash(), LedgerEntry.chain(1, e.event(), "1".repeat(64)).hash());
        // a field's end cannot be moved into the next: lengths are part of the text hashed
        LedgerEvent a =
                LedgerEvent.of("k", e.at(), EventKind.DECISION).purpose("ab").detail("c").build();
        LedgerEvent b =
                LedgerEvent.of("k", e.at(), EventKind.DECISION).purpose("a").detail("bc").build();
        assertNotEquals(
                LedgerEntry.chain(1, a, LedgerEntry.GENESIS).hash(),
                LedgerEntry.chain(1, b, LedgerEntry.GENESIS).hash());
    }

    @Test
    void theFirstAlteredEntryIsNamed() {
        InMemoryLedger ledger = ledgerOf(10);
        ledger.entries.set(3, altered(ledger.entries.get(3), "status=REFUSED"));
        ledger.entries.set(7, altered(ledger.entries.get(7), "status=REFUSED"));
        ChainCheck.Result result = ChainCheck.verify(ledger, null);
        assertFalse(result.intact());
        assertEquals(4, result.broken().orElseThrow().seq());
        assertTrue(result.broken().orElseThrow().reason().contains("altered"));
        assertEquals(3, result.lastSeq(), "verified through the entry before");
    }

    @Test
    void aRehashedEntryStillBreaksTheLinkToTheNext() {
        InMemoryLedger ledger = ledgerOf(5);
        LedgerEntry e = ledger.entries.get(1);
        ledger.entries.set(
                1, LedgerEntry.chain(2, altered(e, "status=REFUSED").event(), e.prevHash()));
        ChainCheck.Result result = ChainCheck.verify(ledger, null);
        assertEquals(3, result.broken().orElseThrow().seq());
        assertTrue(result.broken().orElseThrow().reason().contains("does not link"));
    }

    @Test
    void aRemovedEntryOrATruncatedTailIsNamed() {
        InMemoryLedger gap = ledgerOf(6);
        gap.entries.remove(2);
        ChainCheck.Result result = ChainCheck.verify(gap, null);
        assertEquals(3, result.broken().orElseThrow().seq());
        assertTrue(result.broken().orElseThrow().reason().contains("missing"));

        InMemoryLedger truncated = ledgerOf(6);
        truncated.entries.remove(5);
        ChainCheck.Result tail = ChainCheck.verify(truncated, null);
        assertFalse(tail.intact());
        assertEquals(6, tail.broken().orElseThrow().seq());
        assertTrue(tail.broken().orElseThrow().reason().contains("head names entry 6"));
    }

    @Test
    void fromADateOnlyBreaksInEntriesFromThatDayOnAreReported() {
        InMemoryLedger ledger = ledgerOf(10);
        ledger.entries.set(1, altered(ledger.entries.get(1), "x"));
        assertEquals(2, ChainCheck.verify(ledger, null).broken().orElseThrow().seq());
        ChainCheck.Result later = ChainCheck.verify(ledger, Instant.parse("2026-12-01T05:00:00Z"));
        assertTrue(later.intact(), "entries 6 to 10 are intact and linked");
        assertEquals(5, later.checked());
        ledger.entries.set(7, altered(ledger.entries.get(7), "x"));
        assertEquals(
                8,
                ChainCheck.verify(ledger, Instant.parse("2026-12-01T05:00:00Z"))
                        .broken()
                        .orElseThrow()
                        .seq());
    }

    @Test
    void anEventIsAppendedOnce() {
        InMemoryLedger ledger = ledgerOf(3);
        assertEquals(0, ledger.append(List.of(ledger.entries.get(0).event())));
        assertEquals(3, ledger.entries.size());
    }
}
