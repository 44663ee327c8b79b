package dev.consentvault.core.report;

import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.SmallCells;
import dev.consentvault.core.ledger.ChainCheck;
import dev.consentvault.core.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes one month's report, JSON and HTML, to the report store: the scheduled function's work and
 * the CLI's {@code report}. The JSON is written last, so its presence says the month is complete.
 */
public final class ReportRun {

    private final Figures figures;
    private final ReportSources sources;
    private final Ledger ledger;
    private final OperationsStatus operations;
    private final ReportStore store;
    private final Clock clock;

    public ReportRun(
            Figures figures,
            ReportSources sources,
            Ledger ledger,
            OperationsStatus operations,
            ReportStore store,
            Clock clock) {
        this.figures = figures;
        this.sources = sources;
        this.ledger = ledger;
        this.operations = operations;
        this.store = store;
        this.clock = clock;
    }

    /** The month before this one (UTC): what the 1st-of-the-month schedule reports. */
    public YearMonth lastMonth() {
        return YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).minusMonths(1);
    }

    public MonthlyReport build(YearMonth month) {
        Instant now = clock.instant();
        return MonthlyReport.build(
                month,
                now,
                figures.readAll(month.atDay(1), month.atEndOfMonth()),
                sources.requests(),
                ChainCheck.verify(ledger, null),
                MonthlyReport.Operations.read(operations, now),
                SmallCells.DEFAULT_K);
    }

    /** Builds and writes the month's report; returns where the two objects went. */
    public List<String> write(YearMonth month) {
        MonthlyReport report = build(month);
        String html =
                store.put(
                        report.key("html"),
                        report.html().getBytes(StandardCharsets.UTF_8),
                        "text/html; charset=utf-8");
        String json =
                store.put(
                        report.key("json"),
                        report.json().toPrettyString().getBytes(StandardCharsets.UTF_8),
                        "application/json");
        return List.of(json, html);
    }
}
