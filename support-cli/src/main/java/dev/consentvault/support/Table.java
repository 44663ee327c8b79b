package dev.consentvault.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for terminals: left-aligned columns two spaces apart, "-" for an empty cell.
 */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    Table row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException(
                    "a row needs " + headers.size() + " cells, got " + cells.size());
        }
        rows.add(cells.stream().map(Table::cell).toList());
        return this;
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = width(headers.get(c));
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, widths);
        for (List<String> row : rows) {
            line(text, row, widths);
        }
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(cells.get(c)).append(" ".repeat(widths[c] - width(cells.get(c))));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    /** One line per cell: a newline or tab in a ticket reference must not break the layout. */
    private static String cell(String value) {
        return value == null || value.isBlank() ? "-" : value.replaceAll("[\\t\\n\\r]+", " ");
    }

    private static int width(String value) {
        return value.codePointCount(0, value.length());
    }
}
