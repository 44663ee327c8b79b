package dev.consentvault.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Measure;
import dev.consentvault.core.ledger.ChainCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monthly review: consent figures per campaign and purpose (granted, refused, withdrawn,
 * confirmed, TTL expiries ...; small cells suppressed), the privacy requests received in the month
 * by type and status, those completed against their legal deadline, what is overdue now, and how
 * far the ledger verified. Counts and instants only: nothing in it names or singles out a person.
 *
 * <p>The consent figures are one table only. A second table of the same counts cut another way (by
 * day, or by purpose across campaigns) would add equations that undo the suppression (a purpose's
 * total minus the shown campaigns gives a hidden cell back), so every chart draws from this one.
 */
public final class MonthlyReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final YearMonth month;
    private final Instant generatedAt;
    private final FigureTable byCampaign;
    private final Map<String, Long> requestsByTypeStatus = new TreeMap<>();
    private final Map<String, long[]> completion = new TreeMap<>();
    private final Map<String, List<Long>> completionHours = new TreeMap<>();
    private long overdue;
    private final ChainCheck.Result ledger;

    private MonthlyReport(
            YearMonth month,
            Instant generatedAt,
            List<Figures.Count> counts,
            List<RequestRecord> requests,
            ChainCheck.Result ledger,
            int k) {
        this.month = month;
        this.generatedAt = generatedAt;
        this.ledger = ledger;
        this.byCampaign = FigureTable.of(counts, c -> c.campaign() + " · " + c.purposeId(), k);
        Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (RequestRecord r : requests) {
            if (within(r.receivedAt(), start, end)) {
                requestsByTypeStatus.merge(r.type() + " · " + r.status(), 1L, Long::sum);
            }
            if (r.completedAt() != null && within(r.completedAt(), start, end)) {
                long[] onTimeLate = completion.computeIfAbsent(r.type(), t -> new long[2]);
                onTimeLate[r.completedAt().isAfter(r.dueAt()) ? 1 : 0]++;
                completionHours
                        .computeIfAbsent(r.type(), t -> new ArrayList<>())
                        .add(Duration.between(r.receivedAt(), r.completedAt()).toHours());
            }
            if (r.completedAt() == null
                    && r.dueAt() != null
                    && r.dueAt().isBefore(generatedAt)
                    && !"COMPLETED".equals(r.status())
                    && !"CLOSED".equals(r.status())) {
                overdue++;
            }
        }
    }

    public static MonthlyReport build(
            YearMonth month,
            Instant generatedAt,
            List<Figures.Count> counts,
            List<RequestRecord> requests,
            ChainCheck.Result ledger,
            int k) {
        return new MonthlyReport(month, generatedAt, counts, requests, ledger, k);
    }

    public YearMonth month() {
        return month;
    }

    /** reports/YYYY-MM/report.json and report.html */
    public String key(String extension) {
        return "reports/" + month + "/report." + extension;
    }

    private static boolean within(Instant at, Instant start, Instant end) {
        return at != null && !at.isBefore(start) && at.isBefore(end);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    public ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "consent-vault/monthly-report/1");
        root.put("month", month.toString());
        root.put("generatedAt", generatedAt.toString());
        root.put("k", byCampaign.k());
        root.set("consentByCampaignAndPurpose", table(byCampaign, "campaignPurpose"));
        ObjectNode requests = root.putObject("requests");
        ObjectNode received = requests.putObject("receivedByTypeAndStatus");
        requestsByTypeStatus.forEach(received::put);
        ArrayNode completed = requests.putArray("completedAgainstDeadline");
        completion.forEach(
                (type, onTimeLate) ->
                        completed
                                .addObject()
                                .put("type", type)
                                .put("onTime", onTimeLate[0])
                                .put("late", onTimeLate[1])
                                .put("medianHours", median(completionHours.get(type))));
        requests.put("overdueNow", overdue);
        ObjectNode chain = root.putObject("ledger");
        chain.put("intact", ledger.intact());
        chain.put("verifiedThroughSeq", ledger.lastSeq());
        chain.put("headHash", ledger.lastHash());
        ledger.broken()
                .ifPresent(
                        b ->
                                chain.putObject("firstBroken")
                                        .put("seq", b.seq())
                                        .put("reason", b.reason()));
        return root;
    }

    private static ArrayNode table(FigureTable table, String rowName) {
        ArrayNode rows = JSON.createArrayNode();
        for (int r = 0; r < table.rows().size(); r++) {
            ObjectNode row = rows.addObject().put(rowName, table.rows().get(r));
            for (Measure m : FigureTable.MEASURES) {
                row.put(m.label(), table.text(r, m));
            }
        }
        ObjectNode totals = rows.addObject().put(rowName, "total");
        for (Measure m : FigureTable.MEASURES) {
            totals.put(m.label(), table.totalText(m));
        }
        return rows;
    }

    /** One self-contained page: inline style, inline SVG, no script, no external reference. */
    public String html() {
        Html page = new Html();
        page.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .raw("<title>Consent Vault review, ")
                .text(month.toString())
                .raw("</title><style>")
                .raw(
                        "body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;"
                                + "padding:0 1rem;color:#1a1a1a;background:#fff}"
                                + "table{border-collapse:collapse;margin:1rem 0}"
                                + "th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:right}"
                                + "th[scope=row],caption{text-align:left}"
                                + "figure{margin:1rem 0}.bar{fill:#1f5fa8}.suppressed{fill:#767676}"
                                + "svg text{font:13px system-ui,sans-serif;fill:#1a1a1a}")
                .raw("</style></head><body><main>")
                .raw("<h1>Consent Vault review, ")
                .text(month.toString())
                .raw("</h1><p>Generated ")
                .text(generatedAt.toString())
                .raw(". Counts from 1 to ")
                .text(Integer.toString(byCampaign.k() - 1))
                .raw(" are shown as &lt;")
                .text(Integer.toString(byCampaign.k()))
                .raw(
                        "; a count marked x is hidden so that a small one cannot be worked out from"
                                + " the total.</p>");
        page.raw("<h2>Consent by campaign and purpose</h2>");
        chart(page, "Granted decisions by campaign and purpose", byCampaign, Measure.GRANTED);
        chart(page, "Refused decisions by campaign and purpose", byCampaign, Measure.REFUSED);
        chart(page, "Confirmations by campaign and purpose", byCampaign, Measure.CONFIRMED);
        chart(page, "Withdrawals by campaign and purpose", byCampaign, Measure.WITHDRAWN);
        page.raw("<h2>Retention: TTL expiries</h2>");
        chart(
                page,
                "Decisions expired by TTL, by campaign and purpose",
                byCampaign,
                Measure.EXPIRED);
        figureTable(page, "Decisions by campaign and purpose", "Campaign · purpose", byCampaign);
        page.raw("<h2>Privacy requests</h2>");
        List<String> labels = new ArrayList<>(requestsByTypeStatus.keySet());
        List<Long> values = new ArrayList<>(requestsByTypeStatus.values());
        bars(page, "Requests received this month, by type and status", labels, values);
        page.raw("<table><caption>Requests received, by type and status</caption>")
                .raw(
                        "<tr><th scope=\"col\">Type · status</th><th scope=\"col\">Requests</th></tr>");
        requestsByTypeStatus.forEach(
                (label, count) ->
                        page.raw("<tr><th scope=\"row\">")
                                .text(label)
                                .raw("</th><td>")
                                .text(Long.toString(count))
                                .raw("</td></tr>"));
        page.raw("</table><table><caption>Completed this month against the legal deadline")
                .raw("</caption><tr><th scope=\"col\">Type</th><th scope=\"col\">On time</th>")
                .raw("<th scope=\"col\">Late</th><th scope=\"col\">Median hours</th></tr>");
        completion.forEach(
                (type, onTimeLate) ->
                        page.raw("<tr><th scope=\"row\">")
                                .text(type)
                                .raw("</th><td>")
                                .text(Long.toString(onTimeLate[0]))
                                .raw("</td><td>")
                                .text(Long.toString(onTimeLate[1]))
                                .raw("</td><td>")
                                .text(Long.toString(median(completionHours.get(type))))
                                .raw("</td></tr>"));
        page.raw("</table><p>Open requests past their deadline now: <strong>")
                .text(Long.toString(overdue))
                .raw("</strong></p>");
        page.raw("<h2>Ledger</h2><p>")
                .text(
                        ledger.intact()
                                ? "Verified intact through entry "
                                        + ledger.lastSeq()
                                        + " (head hash "
                                        + ledger.lastHash()
                                        + ")."
                                : "BROKEN at entry "
                                        + ledger.broken().orElseThrow().seq()
                                        + ": "
                                        + ledger.broken().orElseThrow().reason()
                                        + ". Verified through entry "
                                        + ledger.lastSeq()
                                        + ".")
                .raw("</p></main></body></html>\n");
        return page.toString();
    }

    private static void chart(Html page, String title, FigureTable table, Measure measure) {
        List<Long> values = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            values.add(table.drawable(r, measure));
        }
        bars(page, title, table.rows(), values);
    }

    /** A horizontal bar chart; a suppressed value (-1) is a grey stub labelled "suppressed". */
    static void bars(Html page, String title, List<String> labels, List<Long> values) {
        long max = Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1));
        int rowHeight = 22;
        int height = Math.max(1, labels.size()) * rowHeight + 10;
        String id = "c" + Integer.toHexString(title.hashCode());
        page.raw("<figure><svg role=\"img\" aria-labelledby=\"")
                .text(id)
                .raw("\" width=\"640\" height=\"")
                .text(Integer.toString(height))
                .raw("\" viewBox=\"0 0 640 ")
                .text(Integer.toString(height))
                .raw("\"><title id=\"")
                .text(id)
                .raw("\">")
                .text(title + (labels.isEmpty() ? ": nothing this month" : ""))
                .raw("</title>");
        for (int i = 0; i < labels.size(); i++) {
            long value = values.get(i);
            int y = 5 + i * rowHeight;
            int width = value < 0 ? 6 : (int) Math.round(360.0 * value / max);
            page.raw("<text x=\"0\" y=\"")
                    .text(Integer.toString(y + 15))
                    .raw("\">")
                    .text(shorten(labels.get(i)))
                    .raw("</text><rect class=\"")
                    .raw(value < 0 ? "suppressed" : "bar")
                    .raw("\" x=\"220\" y=\"")
                    .text(Integer.toString(y + 3))
                    .raw("\" width=\"")
                    .text(Integer.toString(width))
                    .raw("\" height=\"16\"></rect><text x=\"")
                    .text(Integer.toString(226 + width))
                    .raw("\" y=\"")
                    .text(Integer.toString(y + 15))
                    .raw("\">")
                    .text(value < 0 ? "suppressed" : Long.toString(value))
                    .raw("</text>");
        }
        page.raw("</svg><figcaption>").text(title).raw("</figcaption></figure>");
    }

    private static String shorten(String label) {
        return label.length() <= 30 ? label : label.substring(0, 29) + "…";
    }

    private static void figureTable(Html page, String caption, String rowHeader, FigureTable t) {
        page.raw("<table><caption>")
                .text(caption)
                .raw("</caption><tr><th scope=\"col\">")
                .text(rowHeader)
                .raw("</th>");
        for (Measure m : FigureTable.MEASURES) {
            page.raw("<th scope=\"col\">").text(m.label()).raw("</th>");
        }
        page.raw("</tr>");
        for (int r = 0; r < t.rows().size(); r++) {
            page.raw("<tr><th scope=\"row\">").text(t.rows().get(r)).raw("</th>");
            for (Measure m : FigureTable.MEASURES) {
                page.raw("<td>").text(t.text(r, m)).raw("</td>");
            }
            page.raw("</tr>");
        }
        page.raw("<tr><th scope=\"row\">Total</th>");
        for (Measure m : FigureTable.MEASURES) {
            page.raw("<td>").text(t.totalText(m)).raw("</td>");
        }
        page.raw("</tr></table>");
    }

    /** HTML built from raw markup and escaped text. */
    static final class Html {
        private final StringBuilder out = new StringBuilder();

        Html raw(String markup) {
            out.append(markup);
            return this;
        }

        Html text(String text) {
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append(c);
                }
            }
            return this;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
