package dev.consentvault.local.bench;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoFigures;
import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Measure;
import dev.consentvault.core.figures.SmallCells;
import dev.consentvault.core.report.FigureTable;
import dev.consentvault.local.LocalRun;
import dev.consentvault.local.LocalStack;
import dev.consentvault.local.Provisioner;
import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.template.SamTemplate;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How fast {@code stats} answers for a campaign of a million captures: the counters such a campaign
 * leaves over 30 days (2 pages, 5 purposes, 4 measures, 8 shards: 9,600 day counters whose counts
 * add up to a million decisions per purpose, and the day and month roll-ups the figures function
 * writes beside them) are written straight into the figures table, then {@code stats}' work (the
 * counts read, the shards summed, the table suppressed) is timed for the default range, the last 30
 * days: from the roll-ups (what {@code stats} does) and from the day counters alone (what it did
 * before the roll-ups), which must give the same table. Prints figures, asserts nothing.
 *
 * <p>Usage: {@code infrastructure/benchmark-stats [runs] [runs of the day counters' read]}
 */
public final class StatsBenchmark {

    private static final int DAYS = 30;
    private static final List<String> PAGES = List.of("tiktok", "red");
    private static final List<String> PURPOSES =
            List.of(
                    "marketing-email",
                    "marketing-sms",
                    "personalised-ads",
                    "analytics",
                    "contest-entry");

    private StatsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int dayRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (LocalCloud cloud = LocalCloud.resolve(LocalRun.projectRoot(), System.getenv())) {
            LocalStack stack =
                    new Provisioner(
                                    SamTemplate.load(
                                            LocalRun.projectRoot().resolve("template.yaml")),
                                    cloud,
                                    "cv-bench-" + UUID.randomUUID().toString().substring(0, 8),
                                    LocalRun.demoParameters(),
                                    new PrintStream(OutputStream.nullOutputStream()))
                            .provision();
            try {
                run(stack, cloud, System.out, runs, dayRuns);
            } finally {
                new AwsClients(cloud.clientEnvironment())
                        .dynamoDb()
                        .deleteTable(r -> r.tableName(stack.physicalId("FiguresTable")));
            }
        }
    }

    static void run(LocalStack stack, LocalCloud cloud, PrintStream out) {
        run(stack, cloud, out, 100, 3);
    }

    static void run(LocalStack stack, LocalCloud cloud, PrintStream out, int runs, int dayRuns) {
        DynamoDbClient dynamo = new AwsClients(cloud.clientEnvironment()).dynamoDb();
        String table = stack.physicalId("FiguresTable");
        String campaign = "viral-" + UUID.randomUUID().toString().substring(0, 6);
        LocalDate last = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = last.minusDays(DAYS - 1);
        long perDayPage = 1_000_000L / (DAYS * PAGES.size());
        Map<Measure, Long> share = new LinkedHashMap<>();
        share.put(Measure.GRANTED, perDayPage * 60 / 100);
        share.put(Measure.REFUSED, perDayPage * 35 / 100);
        share.put(Measure.REFUSED_GPC, perDayPage * 5 / 100);
        share.put(Measure.WITHDRAWN, perDayPage * 2 / 100);
        List<WriteRequest> puts = new ArrayList<>();
        // roll-up items: shard -> period -> cell -> count, as the figures function's ADDs leave
        // them
        Map<String, Map<String, Long>> rollUps = new TreeMap<>();
        long captures = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (String page : PAGES) {
                captures += perDayPage;
                for (String purpose : PURPOSES) {
                    for (Map.Entry<Measure, Long> m : share.entrySet()) {
                        long count = m.getValue() / DynamoFigures.SHARDS;
                        String cell = DynamoFigures.cell(page, purpose, m.getKey());
                        for (int shard = 0; shard < DynamoFigures.SHARDS; shard++) {
                            puts.add(put(campaign, shard, day, page, purpose, m.getKey(), count));
                            for (String period :
                                    List.of(
                                            DynamoFigures.DAY_PERIOD + day,
                                            DynamoFigures.MONTH_PERIOD + YearMonth.from(day))) {
                                rollUps.computeIfAbsent(
                                                DynamoFigures.rollUpPk(campaign, shard)
                                                        + "\n"
                                                        + period,
                                                k -> new TreeMap<>())
                                        .merge(cell, count, Long::sum);
                            }
                        }
                    }
                }
            }
        }
        int counters = puts.size();
        rollUps.forEach(
                (key, cells) -> {
                    Map<String, AttributeValue> item = new LinkedHashMap<>();
                    String[] pkSk = key.split("\n", 2);
                    item.put(DynamoFigures.PK, AttributeValue.fromS(pkSk[0]));
                    item.put(DynamoFigures.SK, AttributeValue.fromS(pkSk[1]));
                    cells.forEach(
                            (cell, n) -> item.put(cell, AttributeValue.fromN(Long.toString(n))));
                    puts.add(
                            WriteRequest.builder()
                                    .putRequest(PutRequest.builder().item(item).build())
                                    .build());
                });
        long seeding = System.nanoTime();
        for (int from = 0; from < puts.size(); from += 25) {
            List<WriteRequest> batch = puts.subList(from, Math.min(puts.size(), from + 25));
            dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
        }
        out.println();
        out.printf(
                "Consent figures: campaign of %,d captures over %d days (%s to %s), %,d day counter"
                        + " items and %,d roll-up items (seeded in %.1f s)%n",
                captures,
                DAYS,
                first,
                last,
                counters,
                rollUps.size(),
                (System.nanoTime() - seeding) / 1e9);
        DynamoFigures figures = new DynamoFigures(dynamo, table, Clock.systemUTC());
        String fromRollUps =
                time(
                        out,
                        "stats --campaign, from the roll-ups (BatchGetItem)",
                        runs,
                        () -> figures.totals(campaign, first, last));
        String fromDays =
                time(
                        out,
                        "stats --campaign, from the day counters (8 queries; before the roll-ups)",
                        dayRuns,
                        () -> figures.read(campaign, first, last));
        out.printf(
                "  the same table both ways: %s (granted total %s)%n",
                fromRollUps.equals(fromDays) ? "yes" : "NO", fromRollUps.split(";", 2)[0]);
    }

    /** Times reading and suppressing; returns the shown table as text, to compare. */
    private static String time(
            PrintStream out, String what, int runs, Supplier<List<Figures.Count>> read) {
        double[] millis = new double[runs];
        String shown = "";
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            FigureTable table =
                    FigureTable.of(
                            read.get(),
                            c -> c.page() + " · " + c.purposeId(),
                            SmallCells.DEFAULT_K);
            millis[i] = (System.nanoTime() - start) / 1e6;
            StringBuilder text = new StringBuilder(table.totalText(Measure.GRANTED));
            for (int r = 0; r < table.rows().size(); r++) {
                text.append(';').append(table.rows().get(r));
                for (Measure m : FigureTable.MEASURES) {
                    text.append(',').append(table.text(r, m));
                }
            }
            shown = text.toString();
        }
        Arrays.sort(millis);
        out.printf(
                "  %s: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d runs%n",
                what,
                millis[runs / 2],
                millis[Math.min(runs - 1, (int) Math.ceil(runs * 0.99) - 1)],
                millis[runs - 1],
                runs);
        return shown;
    }

    private static WriteRequest put(
            String campaign,
            int shard,
            LocalDate day,
            String page,
            String purpose,
            Measure measure,
            long count) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(
                DynamoFigures.PK,
                AttributeValue.fromS(
                        DynamoFigures.COUNT_PREFIX
                                + URLEncoder.encode(campaign, StandardCharsets.UTF_8)
                                + "#"
                                + shard));
        item.put(
                DynamoFigures.SK,
                AttributeValue.fromS(day + "|" + page + "|" + purpose + "|" + measure.label()));
        item.put(DynamoFigures.COUNT, AttributeValue.fromN(Long.toString(count)));
        item.put(DynamoFigures.CAMPAIGN, AttributeValue.fromS(campaign));
        item.put(DynamoFigures.PAGE, AttributeValue.fromS(page));
        item.put(DynamoFigures.PURPOSE_ID, AttributeValue.fromS(purpose));
        item.put(DynamoFigures.DAY, AttributeValue.fromS(day.toString()));
        item.put(DynamoFigures.MEASURE, AttributeValue.fromS(measure.label()));
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
