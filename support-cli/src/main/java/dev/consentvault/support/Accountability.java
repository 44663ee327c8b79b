package dev.consentvault.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Measure;
import dev.consentvault.core.figures.SmallCells;
import dev.consentvault.core.ledger.ChainCheck;
import dev.consentvault.core.ledger.LedgerEntry;
import dev.consentvault.core.ledger.Refs;
import dev.consentvault.core.report.FigureTable;
import dev.consentvault.core.report.MonthlyReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The accountability commands: the ledger ({@code audit verify}, {@code audit show}), the consent
 * figures ({@code stats}) and the monthly review report ({@code report}). They read; none writes
 * the ledger (it is written from the tables' streams only).
 */
final class Accountability {

    private Accountability() {}

    @Command(
            name = "audit",
            customSynopsis = {
                Cli.PROGRAM + " [global options] audit verify [--from DATE]",
                Cli.PROGRAM
                        + " [global options] audit show (--request REQUEST_ID | --receipt RECEIPT_ID)"
            },
            description = {
                "The ledger: every privacy event and staff action, hash-chained, no personal data.",
                "",
                "verify recomputes every entry's hash and link and prints the first broken one"
                        + " (exit 1); --from DATE reports only breaks in entries from that day (UTC)"
                        + " on. show lists what happened to one request or one receipt."
            })
    static final class Audit implements Cli.Prepared {
        @Parameters(paramLabel = "verify|show", description = "what to do")
        String action;

        @Option(
                names = "--from",
                paramLabel = "DATE",
                description = "verify: from this day (YYYY-MM-DD)")
        String from;

        @Option(
                names = "--request",
                paramLabel = "REQUEST_ID",
                description = "show: a request's history")
        String request;

        @Option(
                names = "--receipt",
                paramLabel = "RECEIPT_ID",
                description = "show: a receipt's history")
        String receipt;

        @Override
        public Commands.Task prepare(Cli.Context context) throws UsageException {
            if ("verify".equals(action)) {
                if (request != null || receipt != null) {
                    throw new UsageException("audit verify takes --from only");
                }
                return verify(
                        from == null
                                ? null
                                : day("--from", from).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if ("show".equals(action)) {
                if (from != null) {
                    throw new UsageException("audit show takes --request or --receipt, not --from");
                }
                if ((request == null) == (receipt == null)) {
                    throw new UsageException("audit show needs one of --request or --receipt");
                }
                return request != null
                        ? show(
                                "request " + Checks.requestId(request),
                                null,
                                Checks.requestId(request))
                        : show(
                                "receipt " + Checks.receiptId(receipt),
                                Refs.receiptRef(Checks.receiptId(receipt)),
                                null);
            }
            throw new UsageException("audit takes verify or show");
        }
    }

    @Command(
            name = "stats",
            customSynopsis =
                    Cli.PROGRAM
                            + " [global options] stats --campaign C [--from DATE --to DATE]"
                            + " [--from-day-counters]",
            description = {
                "Consent figures of one campaign, per page and purpose, from the counters.",
                "",
                "Counts from 1 to 9 print as <10, and a count that would let one be worked out from"
                        + " its column's total prints as x (small-cell suppression, k = 10). Days are"
                        + " UTC; the default is the last 30 days."
            })
    static final class Stats implements Cli.Prepared {
        @Option(
                names = "--campaign",
                paramLabel = "C",
                description = "the campaign, as the landing page names it")
        String campaign;

        @Option(names = "--from", paramLabel = "DATE", description = "first day (YYYY-MM-DD)")
        String from;

        @Option(names = "--to", paramLabel = "DATE", description = "last day (YYYY-MM-DD)")
        String to;

        @Option(
                names = "--from-day-counters",
                description =
                        "sum the day counters instead of reading the roll-ups: slower, for days"
                                + " counted before an upgrade added the roll-ups")
        boolean fromDayCounters;

        @Override
        public Commands.Task prepare(Cli.Context context) throws UsageException {
            String name = Checks.text("--campaign", campaign, 200, true);
            LocalDate last = to == null ? LocalDate.now(ZoneOffset.UTC) : day("--to", to);
            LocalDate first = from == null ? last.minusDays(29) : day("--from", from);
            if (first.isAfter(last)) {
                throw new UsageException("--from must not be after --to");
            }
            return stats(name, first, last, fromDayCounters);
        }
    }

    @Command(
            name = "report",
            customSynopsis = Cli.PROGRAM + " [global options] report --month YYYY-MM [--out FILE]",
            description = {
                "Write a month's review report (JSON and HTML) to the reports bucket, as the"
                        + " monthly schedule does.",
                "",
                "--out FILE also saves the HTML page there (and the JSON beside it, FILE.json)."
            })
    static final class Report implements Cli.Prepared {
        @Option(names = "--month", paramLabel = "YYYY-MM", description = "the month to report")
        String month;

        @Option(names = "--out", paramLabel = "FILE", description = "also save the HTML page here")
        Path out;

        @Override
        public Commands.Task prepare(Cli.Context context) throws UsageException {
            if (month == null) {
                throw new UsageException("--month is required");
            }
            try {
                return report(YearMonth.parse(month.strip()), out);
            } catch (DateTimeParseException e) {
                throw new UsageException("--month must be YYYY-MM");
            }
        }
    }

    private static LocalDate day(String option, String value) throws UsageException {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " must be a day, YYYY-MM-DD");
        }
    }

    static Commands.Task verify(Instant from) {
        return (services, out) -> {
            ChainCheck.Result result = ChainCheck.verify(services.ledger(), from);
            Output.Fields fields =
                    new Output.Fields()
                            .add("intact", "Intact", result.intact() ? "yes" : "NO")
                            .add("checked", "Entries checked", result.checked())
                            .add("lastSeq", "Verified through entry", result.lastSeq())
                            .add("headHash", "Hash there", result.lastHash());
            result.broken()
                    .ifPresent(
                            b ->
                                    fields.add("brokenSeq", "First broken entry", b.seq())
                                            .add("brokenReason", "Why", b.reason()));
            out.print(fields);
            return result.intact() ? SupportCli.OK : SupportCli.REFUSED;
        };
    }

    static Commands.Task show(String what, String receiptRef, String requestId) {
        return (services, out) -> {
            List<LedgerEntry> entries =
                    receiptRef != null
                            ? services.ledger().byReceiptRef(receiptRef)
                            : services.ledger().byRequest(requestId);
            if (entries.isEmpty()) {
                throw new RefusedException("the ledger holds nothing about " + what);
            }
            if (out.json()) {
                ArrayNode list = Output.JSON.createArrayNode();
                for (LedgerEntry e : entries) {
                    ObjectNode node =
                            list.addObject()
                                    .put("seq", e.seq())
                                    .put("at", Output.text(e.at()))
                                    .put("kind", e.event().kind().name());
                    putIfPresent(node, "purposeId", e.event().purposeId());
                    putIfPresent(node, "requestId", e.event().requestId());
                    putIfPresent(node, "staffId", e.event().staffId());
                    putIfPresent(node, "detail", e.event().detail());
                    node.put("hash", e.hash());
                }
                out.print(list);
            } else {
                Table table = new Table(List.of("SEQ", "AT", "WHAT", "PURPOSE", "STAFF", "DETAIL"));
                for (LedgerEntry e : entries) {
                    table.row(
                            List.of(
                                    Long.toString(e.seq()),
                                    Output.text(e.at()),
                                    e.event().kind().name(),
                                    dash(e.event().purposeId()),
                                    dash(e.event().staffId()),
                                    dash(e.event().detail())));
                }
                out.table(table);
            }
            return SupportCli.OK;
        };
    }

    static Commands.Task stats(
            String campaign, LocalDate from, LocalDate to, boolean fromDayCounters) {
        return (services, out) -> {
            List<Figures.Count> counts =
                    fromDayCounters
                            ? services.figures().totalsFromDays(campaign, from, to)
                            : services.figures().totals(campaign, from, to);
            FigureTable table =
                    FigureTable.of(
                            counts, c -> c.page() + " · " + c.purposeId(), SmallCells.DEFAULT_K);
            if (out.json()) {
                ObjectNode root =
                        Output.JSON
                                .createObjectNode()
                                .put("campaign", campaign)
                                .put("from", from.toString())
                                .put("to", to.toString())
                                .put("k", table.k());
                ArrayNode rows = root.putArray("rows");
                for (int r = 0; r < table.rows().size(); r++) {
                    ObjectNode row = rows.addObject().put("pagePurpose", table.rows().get(r));
                    for (Measure m : FigureTable.MEASURES) {
                        row.put(m.label(), table.text(r, m));
                    }
                }
                ObjectNode totals = root.putObject("totals");
                for (Measure m : FigureTable.MEASURES) {
                    totals.put(m.label(), table.totalText(m));
                }
                out.print(root);
                return SupportCli.OK;
            }
            if (table.rows().isEmpty()) {
                out.say(
                        "No figures for campaign "
                                + campaign
                                + " from "
                                + from
                                + " to "
                                + to
                                + ".");
                return SupportCli.OK;
            }
            List<String> headers = new ArrayList<>(List.of("PAGE · PURPOSE"));
            FigureTable.MEASURES.forEach(m -> headers.add(m.label().toUpperCase()));
            Table text = new Table(headers);
            for (int r = 0; r < table.rows().size(); r++) {
                List<String> row = new ArrayList<>(List.of(table.rows().get(r)));
                for (Measure m : FigureTable.MEASURES) {
                    row.add(table.text(r, m));
                }
                text.row(row);
            }
            List<String> totals = new ArrayList<>(List.of("Total"));
            FigureTable.MEASURES.forEach(m -> totals.add(table.totalText(m)));
            text.row(totals);
            out.say(
                    "Campaign "
                            + campaign
                            + ", "
                            + from
                            + " to "
                            + to
                            + " (UTC); <10: under 10;"
                            + " x: hidden so an under-10 count cannot be worked out from the total.");
            out.table(text);
            return SupportCli.OK;
        };
    }

    static Commands.Task report(YearMonth month, Path file) {
        return (services, out) -> {
            MonthlyReport report = services.reportRun().build(month);
            byte[] html = report.html().getBytes(StandardCharsets.UTF_8);
            byte[] json = report.json().toPrettyString().getBytes(StandardCharsets.UTF_8);
            var store = services.reports();
            String htmlAt = store.put(report.key("html"), html, "text/html; charset=utf-8");
            String jsonAt = store.put(report.key("json"), json, "application/json");
            Output.Fields fields =
                    new Output.Fields()
                            .add("month", "Month", month.toString())
                            .add("json", "JSON", jsonAt)
                            .add("html", "HTML", htmlAt);
            if (file != null) {
                try {
                    Files.write(file, html);
                    Files.write(file.resolveSibling(file.getFileName() + ".json"), json);
                } catch (IOException e) {
                    throw new RefusedException(
                            "cannot write " + file + ": " + e.getClass().getSimpleName());
                }
                fields.add("file", "Saved", file.toString());
            }
            out.print(fields);
            return SupportCli.OK;
        };
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
