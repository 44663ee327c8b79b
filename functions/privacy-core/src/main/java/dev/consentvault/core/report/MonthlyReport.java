package dev.consentvault.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.consent.NoticeCensus;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Measure;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.ledger.ChainCheck;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The monthly review: consent figures per campaign and purpose (granted, refused, withdrawn,
 * confirmed, TTL expiries ...; small cells suppressed), each campaign's consent rate week by week,
 * the privacy requests received in the month by type and status, those completed against their
 * legal deadline, what is overdue now, the dead-letter queues' depths, the key's rotation, the
 * notice versions in use and how far the ledger verified. Counts, rates and instants only: nothing
 * in it names or singles out a person.
 *
 * <p>The consent figures are one table only. A second table of the same counts cut another way (by
 * day, or by purpose across campaigns) would add equations that undo the suppression (a purpose's
 * total minus the shown campaigns gives a hidden cell back), so every chart of counts draws from
 * this one. The weekly rates are not counts: a rate is shown only when at least k² decisions are
 * behind it, rounded to 10 % (under k³ decisions) or 1 %, so its rounding alone spans at least ±5
 * decisions and cannot give a hidden cell (1 to k-1) back.
 */
public final class MonthlyReport {

    private final YearMonth month;
    private final Instant generatedAt;
    private final FigureTable byCampaign;
    private final Map<String, Long> requestsByTypeStatus = new TreeMap<>();
    private final Map<String, long[]> completion = new TreeMap<>();
    private final Map<String, List<Long>> completionHours = new TreeMap<>();
    private long overdue;
    private final ChainCheck.Result ledger;
    private final Map<String, long[][]> weeklyYesNo = new TreeMap<>();
    private final Operations operations;

    /**
     * What the report reads of the system's plumbing ({@link OperationsStatus}).
     *
     * @param deadLetterDepths messages waiting per queue, -1 when unreadable
     * @param keyRotation whether the project key rotates; empty when unreadable
     * @param notices the notice versions with their live receipts
     */
    public record Operations(
            Map<String, Long> deadLetterDepths,
            Optional<Boolean> keyRotation,
            List<NoticeCensus.Row> notices) {

        public static Operations read(OperationsStatus status, Instant now) {
            return new Operations(
                    new TreeMap<>(status.deadLetterDepths()),
                    status.keyRotationEnabled(),
                    status.noticeVersions(now));
        }
    }

    private MonthlyReport(
            YearMonth month,
            Instant generatedAt,
            List<Figures.Count> counts,
            List<RequestRecord> requests,
            ChainCheck.Result ledger,
            Operations operations,
            int k) {
        this.month = month;
        this.generatedAt = generatedAt;
        this.ledger = ledger;
        this.operations = operations;
        this.byCampaign = FigureTable.of(counts, c -> c.campaign() + " · " + c.purposeId(), k);
        for (Figures.Count c : counts) {
            if (!YearMonth.from(c.day()).equals(month)) {
                continue;
            }
            int side =
                    switch (c.measure()) {
                        case GRANTED, PENDING -> 0;
                        case REFUSED, REFUSED_GPC -> 1;
                        default -> -1;
                    };
            if (side >= 0) {
                weeklyYesNo
                                .computeIfAbsent(c.campaign(), x -> new long[weeks()][2])[
                                week(c.day().getDayOfMonth())][side] +=
                        c.count();
            }
        }
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
            Operations operations,
            int k) {
        return new MonthlyReport(month, generatedAt, counts, requests, ledger, operations, k);
    }

    /** Weeks of the month: days 1-7, 8-14, 15-21, 22-28 and, but in a 28-day February, 29-end. */
    private int weeks() {
        return (month.lengthOfMonth() + 6) / 7;
    }

    private static int week(int dayOfMonth) {
        return (dayOfMonth - 1) / 7;
    }

    private String weekLabel(int week) {
        return "days " + (1 + 7 * week) + "-" + Math.min(month.lengthOfMonth(), 7 * week + 7);
    }

    /**
     * A week's consent rate as it may be shown: the share of decisions that said yes (granted, or
     * granted pending its double opt-in) against no (refused, by the person or by GPC), in whole
     * percent; empty under k² decisions. Rounded to 10 % under k³ decisions.
     */
    private OptionalLong rate(long yes, long no) {
        long decisions = yes + no;
        int k = byCampaign.k();
        if (decisions < (long) k * k) {
            return OptionalLong.empty();
        }
        double percent = 100.0 * yes / decisions;
        return OptionalLong.of(
                decisions < (long) k * k * k ? Math.round(percent / 10) * 10 : Math.round(percent));
    }

    private String rateNote(long yes, long no) {
        long decisions = yes + no;
        int k = byCampaign.k();
        if (decisions == 0) {
            return "no decisions";
        }
        if (decisions < (long) k * k) {
            return "under " + (k * k) + " decisions";
        }
        return decisions < (long) k * k * k ? "rounded to 10%" : "rounded to 1%";
    }

    private String small(long count) {
        int k = byCampaign.k();
        return count > 0 && count < k ? "<" + k : Long.toString(count);
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
        ObjectNode root = Json.object();
        root.put("schema", "consent-vault/monthly-report/1");
        root.put("month", month.toString());
        root.put("generatedAt", generatedAt.toString());
        root.put("k", byCampaign.k());
        root.set("consentByCampaignAndPurpose", table(byCampaign, "campaignPurpose"));
        ArrayNode rates = root.putArray("consentRateByCampaignAndWeek");
        weeklyYesNo.forEach(
                (campaign, weeks) -> {
                    ObjectNode c = rates.addObject().put("campaign", campaign);
                    ArrayNode list = c.putArray("weeks");
                    for (int w = 0; w < weeks.length; w++) {
                        ObjectNode week = list.addObject().put("days", weekLabel(w).substring(5));
                        OptionalLong rate = rate(weeks[w][0], weeks[w][1]);
                        if (rate.isPresent()) {
                            week.put("yesPercent", rate.getAsLong());
                        } else {
                            week.putNull("yesPercent");
                        }
                        week.put("shown", rateNote(weeks[w][0], weeks[w][1]));
                    }
                });
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
        ObjectNode queues = root.putObject("deadLetterQueues");
        operations.deadLetterDepths().forEach(queues::put);
        ObjectNode key = root.putObject("projectKey");
        operations
                .keyRotation()
                .ifPresentOrElse(
                        on -> key.put("automaticRotation", on),
                        () -> key.putNull("automaticRotation"));
        ArrayNode notices = root.putArray("noticeVersions");
        for (NoticeCensus.Row row : operations.notices()) {
            ObjectNode n = notices.addObject().put("version", row.version());
            row.notice()
                    .ifPresentOrElse(
                            notice ->
                                    n.put("effective", notice.effective().toString())
                                            .put("material", notice.material()),
                            () -> n.put("listed", false));
            n.put("current", row.current())
                    .put("liveReceipts", small(row.liveReceipts()))
                    .put("reconsentRequired", small(row.reconsentRequired()));
        }
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
        ArrayNode rows = Json.array();
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
        page.raw("<h2>Consent rates by campaign, week by week</h2><p>")
                .text(
                        "Share of decisions that said yes (granted, or granted pending the"
                                + " double opt-in) against no (refused, by the person or by Global"
                                + " Privacy Control). Shown from "
                                + byCampaign.k() * byCampaign.k()
                                + " decisions a week, rounded to 10% under "
                                + byCampaign.k() * byCampaign.k() * byCampaign.k()
                                + " decisions.")
                .raw("</p>");
        weeklyYesNo.forEach(
                (campaign, weeks) -> {
                    List<String> labels = new ArrayList<>();
                    List<Long> values = new ArrayList<>();
                    List<String> texts = new ArrayList<>();
                    for (int w = 0; w < weeks.length; w++) {
                        labels.add(weekLabel(w));
                        OptionalLong rate = rate(weeks[w][0], weeks[w][1]);
                        // a week without decisions has no bar; one with too few a grey stub
                        values.add(
                                rate.isPresent()
                                        ? rate.getAsLong()
                                        : weeks[w][0] + weeks[w][1] == 0 ? 0 : -1);
                        texts.add(
                                rate.isPresent()
                                        ? rate.getAsLong() + "%"
                                        : rateNote(weeks[w][0], weeks[w][1]));
                    }
                    bars(
                            page,
                            "Consent rate of " + campaign + ", by week",
                            labels,
                            values,
                            100,
                            texts);
                });
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
        page.raw("<h2>Dead-letter and failure queues</h2>");
        List<String> queueNames = new ArrayList<>(operations.deadLetterDepths().keySet());
        List<Long> depths = new ArrayList<>(operations.deadLetterDepths().values());
        bars(
                page,
                "Messages waiting in each dead-letter and failure queue",
                queueNames,
                depths,
                Math.max(1, depths.stream().mapToLong(Long::longValue).max().orElse(1)),
                depths.stream().map(d -> d < 0 ? "could not be read" : Long.toString(d)).toList());
        page.raw("<h2>Project key</h2><p>")
                .text(
                        operations
                                .keyRotation()
                                .map(
                                        on ->
                                                on
                                                        ? "Automatic rotation of the project key"
                                                                + " (KMS): enabled."
                                                        : "Automatic rotation of the project key"
                                                                + " (KMS): NOT enabled.")
                                .orElse(
                                        "Automatic rotation of the project key: could not be read."))
                .raw("</p>");
        page.raw("<h2>Notice versions in use</h2><table><caption>")
                .text("Notice versions, with the live receipts captured on each")
                .raw("</caption><tr><th scope=\"col\">Version</th><th scope=\"col\">Effective</th>")
                .raw("<th scope=\"col\">Material</th><th scope=\"col\">Live receipts</th>")
                .raw("<th scope=\"col\">Need re-consent</th></tr>");
        for (NoticeCensus.Row row : operations.notices()) {
            page.raw("<tr><th scope=\"row\">")
                    .text(row.version() + (row.current() ? " (current)" : ""))
                    .raw("</th><td>")
                    .text(row.notice().map(n -> n.effective().toString()).orElse("not listed"))
                    .raw("</td><td>")
                    .text(row.notice().map(n -> n.material() ? "yes" : "no").orElse("-"))
                    .raw("</td><td>")
                    .text(small(row.liveReceipts()))
                    .raw("</td><td>")
                    .text(small(row.reconsentRequired()))
                    .raw("</td></tr>");
        }
        page.raw("</table>");
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
        bars(
                page,
                title,
                labels,
                values,
                Math.max(1, values.stream().mapToLong(Long::longValue).max().orElse(1)),
                values.stream().map(v -> v < 0 ? "suppressed" : Long.toString(v)).toList());
    }

    /** A horizontal bar chart scaled to {@code max}, each bar labelled with its text. */
    static void bars(
            Html page,
            String title,
            List<String> labels,
            List<Long> values,
            long max,
            List<String> texts) {
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
                    .text(texts.get(i))
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
