package dev.consentvault.core.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * Walks the chain and finds the first broken link: an entry whose hash is not the hash of its
 * fields (altered), whose previous hash is not its predecessor's hash (altered or removed
 * predecessor), a gap in the positions (removed), or a head that does not match the last entry
 * (truncated).
 */
public final class ChainCheck {

    /** The outcome: how many entries were checked, the last good one, and the first broken link. */
    public record Result(long checked, long lastSeq, String lastHash, Optional<Broken> broken) {
        public boolean intact() {
            return broken.isEmpty();
        }
    }

    /** The first entry that does not hold, and why. */
    public record Broken(long seq, String reason) {}

    private ChainCheck() {}

    /**
     * Verifies the whole chain; with {@code from}, reports only breaks in entries recorded at or
     * after it (each still checked against the entry before it).
     */
    public static Result verify(Ledger ledger, Instant from) {
        long[] expectedSeq = {1};
        String[] prev = {LedgerEntry.GENESIS};
        long[] checked = {0};
        Broken[] broken = {null};
        ledger.entries(
                1,
                entry -> {
                    if (broken[0] != null) {
                        return;
                    }
                    boolean inScope = from == null || !entry.at().isBefore(from);
                    String problem = null;
                    if (entry.seq() != expectedSeq[0]) {
                        problem =
                                "entry "
                                        + expectedSeq[0]
                                        + " is missing (the next stored is "
                                        + entry.seq()
                                        + ")";
                    } else if (!entry.sealed()) {
                        problem = "its fields do not match its hash (altered)";
                    } else if (!entry.prevHash().equals(prev[0])) {
                        problem = "it does not link to entry " + (entry.seq() - 1);
                    }
                    if (problem != null && inScope) {
                        broken[0] =
                                new Broken(
                                        entry.seq() != expectedSeq[0]
                                                ? expectedSeq[0]
                                                : entry.seq(),
                                        problem);
                        return;
                    }
                    if (inScope) {
                        checked[0]++;
                    }
                    expectedSeq[0] = entry.seq() + 1;
                    prev[0] = entry.hash();
                });
        long lastSeq = expectedSeq[0] - 1;
        if (broken[0] == null) {
            Optional<Ledger.Head> head = ledger.head();
            long headSeq = head.map(Ledger.Head::seq).orElse(0L);
            String headHash = head.map(Ledger.Head::hash).orElse(LedgerEntry.GENESIS);
            if (headSeq != lastSeq || !headHash.equals(prev[0])) {
                broken[0] =
                        new Broken(
                                Math.min(headSeq, lastSeq) + 1,
                                "the head names entry "
                                        + headSeq
                                        + " but the chain ends at entry "
                                        + lastSeq
                                        + " (entries removed or head altered)");
            }
        }
        return new Result(checked[0], lastSeq, prev[0], Optional.ofNullable(broken[0]));
    }
}
