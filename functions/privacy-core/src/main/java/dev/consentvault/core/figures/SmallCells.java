package dev.consentvault.core.figures;

/**
 * Small-cell suppression for a table of counts whose columns have published totals (rows have none:
 * a row's measures do not add up to anything). A count from 1 to k-1 is suppressed (primary: it
 * could single out a few people); then, in every column whose total is shown and that has exactly
 * one suppressed count, a second count is suppressed (complementary), else the first could be
 * recomputed as the total minus the rest. The complement is the column's smallest other non-zero
 * count, a zero when there is none, and the total itself when the column has no other count. A
 * column total from 1 to k-1 is suppressed too. Zero is shown: it singles out no one.
 */
public final class SmallCells {

    /** The default threshold: counts under 10 are not shown. */
    public static final int DEFAULT_K = 10;

    /** How a cell is shown. */
    public enum Shown {
        VALUE,
        /** Under k. */
        SMALL,
        /** Hidden so that a small count cannot be recomputed from the total. */
        COMPLEMENT
    }

    /** The decision for every cell and every column total. */
    public record Result(Shown[][] cells, Shown[] totals, long[] columnTotals) {}

    private SmallCells() {}

    public static Result suppress(long[][] values, int columns, int k) {
        int rows = values.length;
        Shown[][] cells = new Shown[rows][columns];
        Shown[] totals = new Shown[columns];
        long[] sums = new long[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                cells[r][c] = small(values[r][c], k) ? Shown.SMALL : Shown.VALUE;
                sums[c] += values[r][c];
            }
        }
        for (int c = 0; c < columns; c++) {
            totals[c] = small(sums[c], k) ? Shown.SMALL : Shown.VALUE;
            if (totals[c] != Shown.VALUE) {
                continue;
            }
            int hidden = 0;
            for (int r = 0; r < rows; r++) {
                hidden += cells[r][c] == Shown.VALUE ? 0 : 1;
            }
            if (hidden != 1) {
                continue;
            }
            int complement = -1;
            for (int r = 0; r < rows; r++) {
                if (cells[r][c] != Shown.VALUE) {
                    continue;
                }
                if (complement < 0 || rank(values[r][c]) < rank(values[complement][c])) {
                    complement = r;
                }
            }
            if (complement >= 0) {
                cells[complement][c] = Shown.COMPLEMENT;
            } else {
                totals[c] = Shown.COMPLEMENT;
            }
        }
        return new Result(cells, totals, sums);
    }

    private static boolean small(long value, int k) {
        return value > 0 && value < k;
    }

    /** Non-zero counts first, smallest first; zeros last. */
    private static long rank(long value) {
        return value == 0 ? Long.MAX_VALUE : value;
    }

    /** The text of one cell: the count, "<k", or "x". */
    public static String text(Shown shown, long value, int k) {
        return switch (shown) {
            case VALUE -> Long.toString(value);
            case SMALL -> "<" + k;
            case COMPLEMENT -> "x";
        };
    }
}
