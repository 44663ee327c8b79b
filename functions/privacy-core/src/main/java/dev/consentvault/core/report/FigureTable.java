package dev.consentvault.core.report;

import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Measure;
import dev.consentvault.core.figures.SmallCells;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Counts laid out as rows (by a label such as page and purpose) by measures, with column totals,
 * small cells suppressed ({@link SmallCells}). What the CLI's {@code stats} prints and what the
 * report shows: only {@link #text} leaves it.
 */
public final class FigureTable {

    public static final List<Measure> MEASURES = List.of(Measure.values());

    private final List<String> rows;
    private final long[][] values;
    private final SmallCells.Result shown;
    private final int k;

    private FigureTable(List<String> rows, long[][] values, int k) {
        this.rows = rows;
        this.values = values;
        this.k = k;
        this.shown = SmallCells.suppress(values, MEASURES.size(), k);
    }

    /** Rows labelled by {@code rowLabel}, summed over days and everything else. */
    public static FigureTable of(
            Collection<Figures.Count> counts, Function<Figures.Count, String> rowLabel, int k) {
        Map<String, long[]> byRow = new TreeMap<>();
        for (Figures.Count count : counts) {
            byRow.computeIfAbsent(rowLabel.apply(count), r -> new long[MEASURES.size()])[
                            count.measure().ordinal()] +=
                    count.count();
        }
        return new FigureTable(
                new ArrayList<>(byRow.keySet()), byRow.values().toArray(new long[0][]), k);
    }

    public List<String> rows() {
        return rows;
    }

    public int k() {
        return k;
    }

    /** The cell as it may be shown: a count, "<k" or "x". */
    public String text(int row, Measure measure) {
        int c = measure.ordinal();
        return SmallCells.text(shown.cells()[row][c], values[row][c], k);
    }

    /** The value a chart may draw, or -1 when the cell is suppressed. */
    public long drawable(int row, Measure measure) {
        int c = measure.ordinal();
        return shown.cells()[row][c] == SmallCells.Shown.VALUE ? values[row][c] : -1;
    }

    public String totalText(Measure measure) {
        int c = measure.ordinal();
        return SmallCells.text(shown.totals()[c], shown.columnTotals()[c], k);
    }

    public long totalDrawable(Measure measure) {
        int c = measure.ordinal();
        return shown.totals()[c] == SmallCells.Shown.VALUE ? shown.columnTotals()[c] : -1;
    }
}
