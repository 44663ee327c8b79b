package dev.consentvault.core.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.figures.SmallCells.Shown;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallCellsTest {

    @Test
    void aCountUnderKIsHiddenAndSoIsItsComplementInTheColumn() {
        long[][] values = {{12, 0}, {3, 40}, {0, 25}};
        SmallCells.Result r = SmallCells.suppress(values, 2, 10);
        assertEquals(Shown.SMALL, r.cells()[1][0]);
        assertEquals(Shown.COMPLEMENT, r.cells()[0][0], "else 15 - 12 = 3");
        assertEquals(Shown.VALUE, r.totals()[0]);
        assertEquals("<10", SmallCells.text(r.cells()[1][0], 3, 10));
        assertEquals("x", SmallCells.text(r.cells()[0][0], 12, 10));
        assertEquals(Shown.VALUE, r.cells()[1][1]);
        assertEquals(Shown.VALUE, r.cells()[2][0], "zero singles out no one");
    }

    @Test
    void aSmallTotalIsHiddenAndALoneSmallCellTakesTheTotalAsItsComplement() {
        SmallCells.Result small = SmallCells.suppress(new long[][] {{3}, {0}}, 1, 10);
        assertEquals(Shown.SMALL, small.totals()[0]);
        SmallCells.Result lone = SmallCells.suppress(new long[][] {{3}, {20}, {0}}, 1, 10);
        assertEquals(Shown.COMPLEMENT, lone.cells()[1][0]);
        assertEquals(Shown.VALUE, lone.totals()[0]);
        assertEquals(Shown.VALUE, lone.cells()[2][0]);
        SmallCells.Result onlyZeros = SmallCells.suppress(new long[][] {{3}, {12}, {0}}, 1, 10);
        assertEquals(Shown.COMPLEMENT, onlyZeros.cells()[1][0], "a non-zero complement first");
    }

    /**
     * What an attacker can do: in a column with a published total, a single hidden count is the
     * total minus the shown ones. No small count may be recoverable that way, in any table.
     */
    @Test
    void noSuppressedCountCanBeRecomputedFromTheTotals() {
        Random random = new Random(11);
        for (int t = 0; t < 2000; t++) {
            int rows = 1 + random.nextInt(6);
            int cols = 1 + random.nextInt(7);
            long[][] values = new long[rows][cols];
            for (long[] row : values) {
                for (int c = 0; c < cols; c++) {
                    int kind = random.nextInt(4);
                    row[c] = kind == 0 ? 0 : kind == 1 ? 1 + random.nextInt(9) : random.nextInt(60);
                }
            }
            SmallCells.Result r = SmallCells.suppress(values, cols, 10);
            for (int c = 0; c < cols; c++) {
                int hidden = 0;
                for (int row = 0; row < rows; row++) {
                    long v = values[row][c];
                    if (v > 0 && v < 10) {
                        assertTrue(
                                r.cells()[row][c] != Shown.VALUE, "a small count is never shown");
                    }
                    hidden += r.cells()[row][c] == Shown.VALUE ? 0 : 1;
                }
                if (r.totals()[c] == Shown.VALUE) {
                    assertTrue(hidden != 1, "one hidden count under a shown total is recomputable");
                }
                long total = r.columnTotals()[c];
                if (total > 0 && total < 10) {
                    assertTrue(r.totals()[c] != Shown.VALUE);
                }
            }
        }
    }
}
