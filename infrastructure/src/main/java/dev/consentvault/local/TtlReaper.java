package dev.consentvault.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.template.SamTemplate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * DynamoDB TTL for the local run (moto never expires items): deletes what is past its TTL attribute
 * in every table whose template enables TTL, and hands each removal to the functions the template
 * subscribes to that table's stream, as the stream record AWS would emit — REMOVE, keys, and the
 * {@code userIdentity} of the DynamoDB service principal — through the event source's filter, batch
 * size, partial batch responses, retries and on-failure destination ({@link StreamEventSource}).
 * moto's own stream has no such identity, so {@link StreamPoller} leaves the REMOVE records of what
 * the reaper deleted to the reaper. With old images on the stream the record carries the expired
 * item, as on AWS. Its clock can be moved by tests.
 */
public final class TtlReaper implements AutoCloseable {

    private static final JsonLog LOG = new JsonLog("ttl-reaper");

    /**
     * The items being deleted here: moto's stream also shows their REMOVE, without the service's
     * identity, so {@link StreamPoller} leaves those to the reaper and passes on every other REMOVE
     * (an application's delete) as AWS would.
     */
    private static final Set<String> REAPING = ConcurrentHashMap.newKeySet();

    private final LocalStack stack;
    private final Clock clock;
    private final DynamoDbClient dynamo;
    private final LocalCloud cloud;
    private final List<StreamEventSource> sources;
    private final AtomicLong sequence = new AtomicLong(100_000_000_000L);
    private ScheduledExecutorService schedule;

    public TtlReaper(
            LocalStack stack, LocalCloud cloud, Map<String, LocalFunction> functions, Clock clock) {
        this.stack = stack;
        this.clock = clock;
        this.cloud = cloud;
        AwsClients aws = new AwsClients(cloud.clientEnvironment());
        this.dynamo = aws.dynamoDb();
        this.sources = StreamEventSource.forTemplate(stack, functions, aws.sqs());
    }

    /** The functions subscribed to a table stream in the template, built for hosting. */
    public static Map<String, LocalFunction> streamConsumers(
            LocalStack stack, Map<String, String> cloudEnvironment) {
        Map<String, LocalFunction> consumers = new LinkedHashMap<>();
        for (SamTemplate.FunctionEvent event : stack.template().functionEvents("DynamoDB")) {
            consumers.computeIfAbsent(
                    event.functionId(), id -> LocalFunction.create(stack, id, cloudEnvironment));
        }
        return consumers;
    }

    public void start(long intervalSeconds) {
        schedule = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ttl-reaper"));
        schedule.scheduleWithFixedDelay(
                () -> {
                    try {
                        reapOnce();
                    } catch (RuntimeException e) {
                        // stopping, or the cloud is gone (the local run says so once)
                        if (!schedule.isShutdown() && cloud.reachable()) {
                            LOG.error("reap-failed", Map.of("error", e.getClass().getSimpleName()));
                        }
                    }
                },
                intervalSeconds,
                intervalSeconds,
                TimeUnit.SECONDS);
    }

    /** One pass over every TTL-enabled table; returns how many items were deleted. */
    public int reapOnce() {
        int deleted = 0;
        for (Map.Entry<String, Map<String, Object>> table :
                stack.template().resourcesOfType("AWS::DynamoDB::Table").entrySet()) {
            Map<String, Object> properties = SamTemplate.properties(table.getValue());
            if (properties.get("TimeToLiveSpecification") instanceof Map<?, ?> ttl
                    && Boolean.TRUE.equals(ttl.get("Enabled"))) {
                deleted += reap(table.getKey(), (String) ttl.get("AttributeName"), properties);
            }
        }
        return deleted;
    }

    private int reap(String tableId, String ttlAttribute, Map<String, Object> properties) {
        String name = stack.physicalId(tableId);
        List<String> keyNames =
                ((List<?>) properties.get("KeySchema"))
                        .stream().map(k -> (String) ((Map<?, ?>) k).get("AttributeName")).toList();
        long now = clock.instant().getEpochSecond();
        Map<String, AttributeValue> nowValue =
                Map.of(":now", AttributeValue.fromN(Long.toString(now)));
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (Map<String, AttributeValue> item :
                dynamo.scanPaginator(
                                r ->
                                        r.tableName(name)
                                                .consistentRead(true)
                                                .filterExpression("#ttl <= :now")
                                                .expressionAttributeNames(
                                                        Map.of("#ttl", ttlAttribute))
                                                .expressionAttributeValues(nowValue))
                        .items()) {
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            keyNames.forEach(k -> key.put(k, item.get(k)));
            String reaping = reapingKey(name, key);
            REAPING.add(reaping);
            try {
                // conditional: an item given a later expiry since the scan stays
                dynamo.deleteItem(
                        r ->
                                r.tableName(name)
                                        .key(key)
                                        .conditionExpression("#ttl <= :now")
                                        .expressionAttributeNames(Map.of("#ttl", ttlAttribute))
                                        .expressionAttributeValues(nowValue));
                records.add(streamRecord(tableId, key, oldImage(properties) ? item : null));
            } catch (ConditionalCheckFailedException changed) {
                // no longer expired
                REAPING.remove(reaping);
            }
        }
        if (!records.isEmpty()) {
            LOG.info("reaped", Map.of("table", name, "items", records.size()));
            deliver(tableId, records);
        }
        return records.size();
    }

    /** True (once) when the reaper deleted this item: its REMOVE record is the reaper's. */
    static boolean reaped(String tableName, Map<String, AttributeValue> keys) {
        return REAPING.remove(reapingKey(tableName, keys));
    }

    private static String reapingKey(String tableName, Map<String, AttributeValue> keys) {
        return tableName + "|" + new TreeMap<>(keys);
    }

    /** AWS puts the expired item in the record when the stream carries old images. */
    private static boolean oldImage(Map<String, Object> properties) {
        return properties.get("StreamSpecification") instanceof Map<?, ?> stream
                && String.valueOf(stream.get("StreamViewType")).contains("OLD_IMAGE");
    }

    private DynamodbEvent.DynamodbStreamRecord streamRecord(
            String tableId, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
                keys = new LinkedHashMap<>();
        key.forEach(
                (k, v) -> {
                    var value =
                            new com.amazonaws.services.lambda.runtime.events.models.dynamodb
                                    .AttributeValue();
                    if (v.s() != null) {
                        value.setS(v.s());
                    } else {
                        value.setN(v.n());
                    }
                    keys.put(k, value);
                });
        StreamRecord dynamodb = new StreamRecord();
        dynamodb.setKeys(keys);
        dynamodb.setApproximateCreationDateTime(Date.from(clock.instant()));
        dynamodb.setSequenceNumber(Long.toString(sequence.incrementAndGet()));
        dynamodb.setSizeBytes((long) keys.toString().length());
        if (item != null) {
            dynamodb.setOldImage(StreamPoller.image(item));
            dynamodb.setStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        } else {
            dynamodb.setStreamViewType(StreamViewType.KEYS_ONLY);
        }
        Identity identity = new Identity();
        identity.setType("Service");
        identity.setPrincipalId("dynamodb.amazonaws.com");
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(UUID.randomUUID().toString().replace("-", ""));
        record.setEventName("REMOVE");
        record.setEventVersion("1.1");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion(LocalCloud.REGION);
        record.setDynamodb(dynamodb);
        record.setUserIdentity(identity);
        record.setEventSourceARN(stack.attributes().get(tableId + ".StreamArn"));
        return record;
    }

    /** Hands the removals of one table to the event sources reading its stream. */
    private void deliver(String tableId, List<DynamodbEvent.DynamodbStreamRecord> records) {
        for (StreamEventSource source : sources) {
            if (source.tableId().equals(tableId)) {
                source.deliver(records);
            }
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
