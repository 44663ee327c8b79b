package dev.consentvault.aws;

import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Increment;
import dev.consentvault.core.figures.Measure;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The figures table.
 *
 * <pre>
 *   pk                              sk                                  what
 *   COUNT#{campaign}#{shard 0..7}   {day}|{page}|{purpose}|{measure}    a counter shard: count
 *   ROLLUP#{campaign}#{shard 0..7}  D#{day} | M#{yyyy-MM}               a day's or a month's counters
 *                                                                       of the shard, one attribute
 *                                                                       c.{page}|{purpose}|{measure}
 *                                                                       per cell
 *   OVERFLOW#{campaign}             D#{day} | M#{yyyy-MM}               that roll-up is incomplete
 *   APPLIED#{stream event id}       APPLIED                             "counted" (7 days)
 * </pre>
 *
 * Components are URL-encoded in keys (no separator can occur inside one) and kept in clear as
 * attributes. A stream record's shard comes from its event id, so a busy campaign's writes spread
 * over {@link #SHARDS} partitions; a reader sums the shards. Counting a record is one transaction:
 * its marker (put where none is), its counters' {@code ADD} and the same {@code ADD} on its day's
 * and its month's roll-up, so a redelivered record changes nothing and the roll-ups never disagree
 * with the counters. {@link #totals} reads roll-ups by key (a 30-day range is about 13 periods × 8
 * shards, whatever the campaign's size). A roll-up item holds a campaign's every page × purpose ×
 * measure, and pages are the landing page's labels: when one would pass DynamoDB's 400 KB item
 * limit, the record is counted without roll-ups and the period is marked OVERFLOW, and {@link
 * #totals} reads that range from the day counters instead.
 */
public final class DynamoFigures implements Figures {

    public static final int SHARDS = 8;
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String COUNT_PREFIX = "COUNT#";
    public static final String ROLLUP_PREFIX = "ROLLUP#";
    public static final String OVERFLOW_PREFIX = "OVERFLOW#";
    public static final String DAY_PERIOD = "D#";
    public static final String MONTH_PERIOD = "M#";
    public static final String CELL_PREFIX = "c.";
    public static final String APPLIED_PREFIX = "APPLIED#";
    public static final String APPLIED_SK = "APPLIED";
    public static final String COUNT = "count";
    public static final String CAMPAIGN = "campaign";
    public static final String PAGE = "page";
    public static final String PURPOSE_ID = "purposeId";
    public static final String DAY = "day";
    public static final String MEASURE = "measure";
    public static final String EXPIRES_AT = "expiresAt";
    private static final Duration MARKER_LIFETIME = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoFigures(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean apply(String eventId, List<Increment> increments) {
        if (increments.isEmpty()) {
            return true;
        }
        Map<String, AttributeValue> marker = new LinkedHashMap<>();
        marker.put(PK, s(APPLIED_PREFIX + eventId));
        marker.put(SK, s(APPLIED_SK));
        marker.put(
                EXPIRES_AT,
                AttributeValue.fromN(
                        Long.toString(clock.instant().plus(MARKER_LIFETIME).getEpochSecond())));
        int shard = Math.floorMod(eventId.hashCode(), SHARDS);
        List<TransactWriteItem> counters = new ArrayList<>();
        for (Increment increment : increments) {
            counters.add(TransactWriteItem.builder().update(add(increment, shard)).build());
        }
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(putMarker(marker));
        items.addAll(counters);
        rollUps(increments, shard)
                .forEach(u -> items.add(TransactWriteItem.builder().update(u).build()));
        try {
            return transact(items, marker);
        } catch (DynamoDbException e) {
            if (!tooLarge(e)) {
                throw e;
            }
        }
        List<TransactWriteItem> flagged = new ArrayList<>();
        flagged.add(putMarker(marker));
        flagged.addAll(counters);
        overflowFlags(increments)
                .forEach(f -> flagged.add(TransactWriteItem.builder().put(f).build()));
        return transact(flagged, marker);
    }

    private TransactWriteItem putMarker(Map<String, AttributeValue> marker) {
        return TransactWriteItem.builder()
                .put(
                        Put.builder()
                                .tableName(table)
                                .item(marker)
                                .conditionExpression("attribute_not_exists(#pk)")
                                .expressionAttributeNames(Map.of("#pk", PK))
                                .build())
                .build();
    }

    /** True when applied now, false when the marker says it was applied before. */
    private boolean transact(List<TransactWriteItem> items, Map<String, AttributeValue> marker) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (tooLarge(e)) {
                throw e;
            }
            boolean counted =
                    dynamo.getItem(
                                    r ->
                                            r.tableName(table)
                                                    .consistentRead(true)
                                                    .key(
                                                            Map.of(
                                                                    PK,
                                                                    marker.get(PK),
                                                                    SK,
                                                                    s(APPLIED_SK))))
                            .hasItem();
            if (counted) {
                return false;
            }
            throw e;
        }
    }

    /**
     * An item would pass 400 KB: DynamoDB cancels the transaction with a ValidationError reason
     * (moto answers a ValidationException).
     */
    private static boolean tooLarge(DynamoDbException e) {
        if (e instanceof TransactionCanceledException cancelled) {
            return cancelled.hasCancellationReasons()
                    && cancelled.cancellationReasons().stream()
                            .anyMatch(r -> "ValidationError".equals(r.code()));
        }
        return e.awsErrorDetails() != null
                && "ValidationException".equals(e.awsErrorDetails().errorCode())
                && String.valueOf(e.awsErrorDetails().errorMessage())
                        .contains("maximum allowed size");
    }

    /** One ADD per roll-up item (a transaction may not touch an item twice). */
    private List<Update> rollUps(List<Increment> increments, int shard) {
        Map<List<String>, Map<String, Long>> cellsByItem = new LinkedHashMap<>();
        for (Increment i : increments) {
            String cell = cell(i.page(), i.purposeId(), i.measure());
            for (String period : periods(i.day())) {
                cellsByItem
                        .computeIfAbsent(
                                List.of(rollUpPk(i.campaign(), shard), period),
                                p -> new LinkedHashMap<>())
                        .merge(cell, 1L, Long::sum);
            }
        }
        List<Update> updates = new ArrayList<>();
        cellsByItem.forEach(
                (key, cells) -> {
                    Map<String, String> names = new LinkedHashMap<>();
                    Map<String, AttributeValue> values = new LinkedHashMap<>();
                    List<String> adds = new ArrayList<>();
                    cells.forEach(
                            (cell, n) -> {
                                int k = names.size();
                                names.put("#c" + k, cell);
                                values.put(":n" + k, AttributeValue.fromN(Long.toString(n)));
                                adds.add("#c" + k + " :n" + k);
                            });
                    updates.add(
                            Update.builder()
                                    .tableName(table)
                                    .key(Map.of(PK, s(key.get(0)), SK, s(key.get(1))))
                                    .updateExpression("ADD " + String.join(", ", adds))
                                    .expressionAttributeNames(names)
                                    .expressionAttributeValues(values)
                                    .build());
                });
        return updates;
    }

    private List<Put> overflowFlags(List<Increment> increments) {
        Map<String, Put> flags = new LinkedHashMap<>();
        for (Increment i : increments) {
            for (String period : periods(i.day())) {
                String pk = OVERFLOW_PREFIX + enc(i.campaign());
                flags.put(
                        pk + "\n" + period,
                        Put.builder()
                                .tableName(table)
                                .item(Map.of(PK, s(pk), SK, s(period)))
                                .build());
            }
        }
        return List.copyOf(flags.values());
    }

    private static List<String> periods(LocalDate day) {
        return List.of(DAY_PERIOD + day, MONTH_PERIOD + YearMonth.from(day));
    }

    /** The roll-up attribute of one page × purpose × measure. */
    public static String cell(String page, String purposeId, Measure measure) {
        return CELL_PREFIX + enc(page) + "|" + enc(purposeId) + "|" + measure.label();
    }

    public static String rollUpPk(String campaign, int shard) {
        return ROLLUP_PREFIX + enc(campaign) + "#" + shard;
    }

    private Update add(Increment i, int shard) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":campaign", s(i.campaign()));
        values.put(":page", s(i.page()));
        values.put(":purpose", s(i.purposeId()));
        values.put(":day", s(i.day().toString()));
        values.put(":measure", s(i.measure().label()));
        return Update.builder()
                .tableName(table)
                .key(
                        Map.of(
                                PK,
                                s(pk(i.campaign(), shard)),
                                SK,
                                s(
                                        i.day()
                                                + "|"
                                                + enc(i.page())
                                                + "|"
                                                + enc(i.purposeId())
                                                + "|"
                                                + i.measure().label())))
                .updateExpression(
                        "ADD #count :one SET #campaign = :campaign, #page = :page,"
                                + " #purpose = :purpose, #day = :day, #measure = :measure")
                .expressionAttributeNames(
                        Map.of(
                                "#count",
                                COUNT,
                                "#campaign",
                                CAMPAIGN,
                                "#page",
                                PAGE,
                                "#purpose",
                                PURPOSE_ID,
                                "#day",
                                DAY,
                                "#measure",
                                MEASURE))
                .expressionAttributeValues(values)
                .build();
    }

    @Override
    public List<Count> read(String campaign, LocalDate from, LocalDate to) {
        Map<String, Count> sums = new LinkedHashMap<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            dynamo.queryPaginator(
                            QueryRequest.builder()
                                    .tableName(table)
                                    .keyConditionExpression(
                                            "#pk = :pk AND #sk BETWEEN :from AND :to")
                                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":pk",
                                                    s(pk(campaign, shard)),
                                                    ":from",
                                                    s(from.toString()),
                                                    ":to",
                                                    s(to + "~")))
                                    .build())
                    .items()
                    .forEach(sum(sums));
        }
        return List.copyOf(sums.values());
    }

    @Override
    public List<Count> readAll(LocalDate from, LocalDate to) {
        Map<String, Count> sums = new LinkedHashMap<>();
        dynamo.scanPaginator(
                        ScanRequest.builder()
                                .tableName(table)
                                .filterExpression(
                                        "begins_with(#pk, :count) AND #day BETWEEN :from AND :to")
                                .expressionAttributeNames(Map.of("#pk", PK, "#day", DAY))
                                .expressionAttributeValues(
                                        Map.of(
                                                ":count",
                                                s(COUNT_PREFIX),
                                                ":from",
                                                s(from.toString()),
                                                ":to",
                                                s(to.toString())))
                                .build())
                .items()
                .forEach(sum(sums));
        return List.copyOf(sums.values());
    }

    /**
     * Whole months from the month roll-ups; a month's part from its days' roll-ups, or from the
     * month's roll-up minus the days left out when that reads fewer items. All by key, in batches
     * of 100. A period marked OVERFLOW sends the whole range to the day counters ({@link #read}).
     */
    @Override
    public List<Count> totals(String campaign, LocalDate from, LocalDate to) {
        Map<String, Integer> signs = new LinkedHashMap<>();
        for (YearMonth month = YearMonth.from(from);
                !month.isAfter(YearMonth.from(to));
                month = month.plusMonths(1)) {
            LocalDate first = from.isAfter(month.atDay(1)) ? from : month.atDay(1);
            LocalDate last = to.isBefore(month.atEndOfMonth()) ? to : month.atEndOfMonth();
            int inside = (int) ChronoUnit.DAYS.between(first, last) + 1;
            int outside = month.lengthOfMonth() - inside;
            if (outside == 0) {
                signs.put(MONTH_PERIOD + month, 1);
            } else if (inside <= outside + 1) {
                first.datesUntil(last.plusDays(1)).forEach(d -> signs.put(DAY_PERIOD + d, 1));
            } else {
                signs.put(MONTH_PERIOD + month, 1);
                month.atDay(1).datesUntil(first).forEach(d -> signs.put(DAY_PERIOD + d, -1));
                last.plusDays(1)
                        .datesUntil(month.atEndOfMonth().plusDays(1))
                        .forEach(d -> signs.put(DAY_PERIOD + d, -1));
            }
        }
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        String overflowPk = OVERFLOW_PREFIX + enc(campaign);
        for (String period : signs.keySet()) {
            keys.add(Map.of(PK, s(overflowPk), SK, s(period)));
            for (int shard = 0; shard < SHARDS; shard++) {
                keys.add(Map.of(PK, s(rollUpPk(campaign, shard)), SK, s(period)));
            }
        }
        Map<String, Long> cells = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : getAll(keys)) {
            if (item.get(PK).s().equals(overflowPk)) {
                return totalsFromDays(campaign, from, to);
            }
            int sign = signs.get(item.get(SK).s());
            item.forEach(
                    (name, value) -> {
                        if (name.startsWith(CELL_PREFIX)) {
                            cells.merge(name, sign * Long.parseLong(value.n()), Long::sum);
                        }
                    });
        }
        List<Count> counts = new ArrayList<>();
        cells.forEach(
                (cell, count) -> {
                    if (count != 0) {
                        String[] parts = cell.substring(CELL_PREFIX.length()).split("\\|", 3);
                        counts.add(
                                new Count(
                                        campaign,
                                        dec(parts[0]),
                                        dec(parts[1]),
                                        from,
                                        Measure.ofLabel(parts[2]),
                                        count));
                    }
                });
        return counts;
    }

    /** BatchGetItem in batches of 100 keys, unprocessed keys asked again. */
    private List<Map<String, AttributeValue>> getAll(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 100) {
            List<Map<String, AttributeValue>> batch =
                    keys.subList(from, Math.min(keys.size(), from + 100));
            Map<String, KeysAndAttributes> asked =
                    Map.of(table, KeysAndAttributes.builder().keys(batch).build());
            for (int attempt = 0; !asked.isEmpty(); attempt++) {
                if (attempt > 0) {
                    pause(attempt);
                }
                Map<String, KeysAndAttributes> ask = asked;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(ask));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                asked = response.unprocessedKeys();
            }
        }
        return items;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1000, 50L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the figures", e);
        }
    }

    private static Consumer<Map<String, AttributeValue>> sum(Map<String, Count> sums) {
        return item -> {
            Count count =
                    new Count(
                            item.get(CAMPAIGN).s(),
                            item.get(PAGE).s(),
                            item.get(PURPOSE_ID).s(),
                            LocalDate.parse(item.get(DAY).s()),
                            Measure.ofLabel(item.get(MEASURE).s()),
                            Long.parseLong(item.get(COUNT).n()));
            sums.merge(
                    count.campaign() + "\n" + item.get(SK).s(),
                    count,
                    (a, b) ->
                            new Count(
                                    a.campaign(),
                                    a.page(),
                                    a.purposeId(),
                                    a.day(),
                                    a.measure(),
                                    a.count() + b.count()));
        };
    }

    static String pk(String campaign, int shard) {
        return COUNT_PREFIX + enc(campaign) + "#" + shard;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String dec(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
