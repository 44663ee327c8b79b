package dev.consentvault.aws;

import dev.consentvault.core.figures.Figures;
import dev.consentvault.core.figures.Increment;
import dev.consentvault.core.figures.Measure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
 *   APPLIED#{stream event id}       APPLIED                             "counted" (7 days)
 * </pre>
 *
 * Components are URL-encoded in keys (no separator can occur inside one) and kept in clear as
 * attributes. A stream record's shard comes from its event id, so a busy campaign's writes spread
 * over {@link #SHARDS} partitions; a reader sums the shards. Counting a record is one transaction:
 * its marker (put where none is) and its counters' {@code ADD}, so a redelivered record changes
 * nothing.
 */
public final class DynamoFigures implements Figures {

    public static final int SHARDS = 8;
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String COUNT_PREFIX = "COUNT#";
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
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(
                TransactWriteItem.builder()
                        .put(
                                Put.builder()
                                        .tableName(table)
                                        .item(marker)
                                        .conditionExpression("attribute_not_exists(#pk)")
                                        .expressionAttributeNames(Map.of("#pk", PK))
                                        .build())
                        .build());
        int shard = Math.floorMod(eventId.hashCode(), SHARDS);
        for (Increment increment : increments) {
            items.add(TransactWriteItem.builder().update(add(increment, shard)).build());
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
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

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
