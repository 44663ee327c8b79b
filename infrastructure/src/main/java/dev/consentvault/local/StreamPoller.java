package dev.consentvault.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.local.cloud.LocalCloud;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB stream event source for the local run: reads the table's stream from the local cloud
 * (DescribeStream, GetShardIterator at the template's StartingPosition, GetRecords) and hands the
 * records to the function through its {@link StreamEventSource} — filter, batch size, partial batch
 * responses, retries, on-failure destination. The REMOVE records of items the {@link TtlReaper}
 * deleted come from the reaper, which alone can mark a TTL expiry as the service's (moto's records
 * carry no userIdentity); an application's delete is passed on from here.
 */
public final class StreamPoller implements AutoCloseable {

    private static final JsonLog LOG = new JsonLog("stream-poller");

    private final StreamEventSource source;
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String tableName;
    private final LocalCloud cloud;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private volatile boolean running;
    private Thread thread;

    private StreamPoller(
            StreamEventSource source,
            DynamoDbStreamsClient streams,
            String streamArn,
            LocalCloud cloud) {
        this.source = source;
        this.streams = streams;
        this.streamArn = streamArn;
        // arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL
        this.tableName = streamArn.split(":table/", 2)[1].split("/stream/", 2)[0];
        this.cloud = cloud;
        ShardIteratorType start = ShardIteratorType.fromValue(source.startingPosition());
        for (Shard shard :
                streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            iterators.put(
                    shard.shardId(),
                    streams.getShardIterator(
                                    r ->
                                            r.streamArn(streamArn)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(start))
                            .shardIterator());
        }
    }

    /**
     * One poller per DynamoDB event source of the template whose function is among {@code
     * functions} (see {@link TtlReaper#streamConsumers}).
     */
    public static List<StreamPoller> forTemplate(
            LocalStack stack, LocalCloud cloud, Map<String, LocalFunction> functions) {
        AwsClients aws = new AwsClients(cloud.clientEnvironment());
        DynamoDbStreamsClient streams = aws.configure(DynamoDbStreamsClient.builder()).build();
        List<StreamPoller> pollers = new ArrayList<>();
        for (StreamEventSource source :
                StreamEventSource.forTemplate(stack, functions, aws.sqs())) {
            String arn = stack.attributes().get(source.tableId() + ".StreamArn");
            if (arn == null) {
                throw new IllegalStateException(
                        source.functionLogicalId()
                                + " reads the stream of "
                                + source.tableId()
                                + ", which has none: declare its StreamSpecification");
            }
            pollers.add(new StreamPoller(source, streams, arn, cloud));
        }
        return pollers;
    }

    public String functionLogicalId() {
        return source.functionLogicalId();
    }

    public String streamArn() {
        return streamArn;
    }

    /** Reads what the stream holds since the last poll and delivers it; returns how many came. */
    public synchronized int pollOnce() {
        int read = 0;
        for (Map.Entry<String, String> shard : iterators.entrySet()) {
            List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
            String iterator = shard.getValue();
            while (true) {
                String from = iterator;
                var page = streams.getRecords(r -> r.shardIterator(from).limit(1000));
                page.records().stream()
                        .filter(
                                r ->
                                        r.eventName() != OperationType.REMOVE
                                                || !TtlReaper.reaped(
                                                        tableName, r.dynamodb().keys()))
                        .map(this::lambdaRecord)
                        .forEach(records::add);
                read += page.records().size();
                if (page.nextShardIterator() == null) {
                    break;
                }
                iterator = page.nextShardIterator();
                if (page.records().isEmpty()) {
                    break;
                }
            }
            shard.setValue(iterator);
            if (!records.isEmpty()) {
                source.deliver(records);
            }
        }
        return read;
    }

    public void start(Duration interval) {
        running = true;
        thread =
                new Thread(
                        () -> {
                            while (running) {
                                try {
                                    pollOnce();
                                    Thread.sleep(interval.toMillis());
                                } catch (InterruptedException e) {
                                    return;
                                } catch (RuntimeException e) {
                                    if (!running) {
                                        return; // stopped mid-call
                                    }
                                    if (!cloud.reachable()) {
                                        continue; // the cloud is gone: the local run says so once
                                    }
                                    LOG.error(
                                            "poll-failed",
                                            Map.of(
                                                    "function",
                                                    source.functionLogicalId(),
                                                    "error",
                                                    e.getClass().getSimpleName()));
                                }
                            }
                        },
                        "stream-poller-" + source.functionLogicalId());
        thread.setDaemon(true);
        thread.start();
    }

    /** The record as Lambda hands it to the function. */
    private DynamodbEvent.DynamodbStreamRecord lambdaRecord(Record record) {
        StreamRecord dynamodb = new StreamRecord();
        dynamodb.setKeys(image(record.dynamodb().keys()));
        if (record.dynamodb().hasNewImage()) {
            dynamodb.setNewImage(image(record.dynamodb().newImage()));
        }
        if (record.dynamodb().hasOldImage()) {
            dynamodb.setOldImage(image(record.dynamodb().oldImage()));
        }
        if (record.dynamodb().approximateCreationDateTime() != null) {
            dynamodb.setApproximateCreationDateTime(
                    Date.from(record.dynamodb().approximateCreationDateTime()));
        }
        dynamodb.setSequenceNumber(record.dynamodb().sequenceNumber());
        dynamodb.setSizeBytes(record.dynamodb().sizeBytes());
        dynamodb.setStreamViewType(
                com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                        .fromValue(record.dynamodb().streamViewTypeAsString()));
        DynamodbEvent.DynamodbStreamRecord lambda = new DynamodbEvent.DynamodbStreamRecord();
        lambda.setEventID(record.eventID());
        lambda.setEventName(record.eventNameAsString());
        lambda.setEventVersion(record.eventVersion());
        lambda.setEventSource("aws:dynamodb");
        lambda.setAwsRegion(LocalCloud.REGION);
        lambda.setDynamodb(dynamodb);
        lambda.setEventSourceARN(streamArn);
        if (record.userIdentity() != null) {
            Identity identity = new Identity();
            identity.setType(record.userIdentity().type());
            identity.setPrincipalId(record.userIdentity().principalId());
            lambda.setUserIdentity(identity);
        }
        return lambda;
    }

    static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
            image(Map<String, AttributeValue> image) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
                converted = new LinkedHashMap<>();
        image.forEach((name, value) -> converted.put(name, attribute(value)));
        return converted;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue
            attribute(AttributeValue value) {
        var converted =
                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> converted.setS(value.s());
            case N -> converted.setN(value.n());
            case B -> converted.setB(ByteBuffer.wrap(value.b().asByteArray()));
            case BOOL -> converted.setBOOL(value.bool());
            case NUL -> converted.setNULL(true);
            case SS -> converted.setSS(value.ss());
            case NS -> converted.setNS(value.ns());
            case BS ->
                    converted.setBS(
                            value.bs().stream()
                                    .map(b -> ByteBuffer.wrap(b.asByteArray()))
                                    .toList());
            case M -> converted.setM(image(value.m()));
            case L -> converted.setL(value.l().stream().map(StreamPoller::attribute).toList());
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        }
        return converted;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
