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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How fast {@code stats} answers for a campaign of a million captures: the counters such a campaign
 * leaves over 30 days (2 pages, 5 purposes, 4 measures, 8 shards: 9,600 items whose counts add up
 * to a million decisions per purpose) are written straight into the figures table, then {@code
 * stats}' work (8 queries, the shards summed, the table suppressed) is timed. Prints figures,
 * asserts nothing.
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
                run(stack, cloud, System.out);
            } finally {
                new AwsClients(cloud.clientEnvironment())
                        .dynamoDb()
                        .deleteTable(r -> r.tableName(stack.physicalId("FiguresTable")));
            }
        }
    }

    static void run(LocalStack stack, LocalCloud cloud, PrintStream out) {
        DynamoDbClient dynamo = new AwsClients(cloud.clientEnvironment()).dynamoDb();
        String table = stack.physicalId("FiguresTable");
        String campaign = "viral-" + UUID.randomUUID().toString().substring(0, 6);
        LocalDate last = LocalDate.now();
        LocalDate first = last.minusDays(DAYS - 1);
        long perDayPage = 1_000_000L / (DAYS * PAGES.size());
        Map<Measure, Long> share = new LinkedHashMap<>();
        share.put(Measure.GRANTED, perDayPage * 60 / 100);
        share.put(Measure.REFUSED, perDayPage * 35 / 100);
        share.put(Measure.REFUSED_GPC, perDayPage * 5 / 100);
        share.put(Measure.WITHDRAWN, perDayPage * 2 / 100);
        List<WriteRequest> puts = new ArrayList<>();
        long captures = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (String page : PAGES) {
                captures += perDayPage;
                for (String purpose : PURPOSES) {
                    for (Map.Entry<Measure, Long> m : share.entrySet()) {
                        for (int shard = 0; shard < DynamoFigures.SHARDS; shard++) {
                            long count = m.getValue() / DynamoFigures.SHARDS;
                            puts.add(put(campaign, shard, day, page, purpose, m.getKey(), count));
                        }
                    }
                }
            }
        }
        long seeding = System.nanoTime();
        for (int from = 0; from < puts.size(); from += 25) {
            List<WriteRequest> batch = puts.subList(from, Math.min(puts.size(), from + 25));
            dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
        }
        out.println();
        out.printf(
                "Consent figures: campaign of %,d captures over %d days, %,d counter items (seeded in %.1f s)%n",
                captures, DAYS, puts.size(), (System.nanoTime() - seeding) / 1e9);
        DynamoFigures figures = new DynamoFigures(dynamo, table, Clock.systemUTC());
        int runs = 20;
        double[] millis = new double[runs];
        long granted = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            List<Figures.Count> counts = figures.read(campaign, first, last);
            FigureTable shown =
                    FigureTable.of(
                            counts, c -> c.page() + " · " + c.purposeId(), SmallCells.DEFAULT_K);
            millis[i] = (System.nanoTime() - start) / 1e6;
            granted = Long.parseLong(shown.totalText(Measure.GRANTED));
        }
        Arrays.sort(millis);
        out.printf(
                "  stats --campaign (8 queries, shards summed, suppressed): p50 %.0f ms, p90 %.0f ms,"
                        + " max %.0f ms over %d runs; granted total %,d%n",
                millis[runs / 2], millis[runs * 9 / 10], millis[runs - 1], runs, granted);
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
