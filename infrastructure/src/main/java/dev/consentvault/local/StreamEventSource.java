package dev.consentvault.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.template.SamTemplate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One DynamoDB stream event source of the template, as Lambda's event source mapping runs it:
 * FilterCriteria (EventBridge patterns: nested fields, lists of values, {@code exists}, {@code
 * prefix}), batches of BatchSize, partial batch responses (processing resumes at the first failed
 * record), bisection on a function error, retries, then the on-failure destination. Locally a batch
 * is retried twice, not MaximumRetryAttempts times, so a failure shows in seconds.
 */
public final class StreamEventSource {

    private static final JsonLog LOG = new JsonLog("stream-event-source");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOCAL_RETRIES = 2;

    private final LocalStack stack;
    private final String tableId;
    private final LocalFunction function;
    private final Map<String, Object> event;
    private final List<JsonNode> filters;
    private final SqsClient sqs;

    private StreamEventSource(
            LocalStack stack,
            String tableId,
            LocalFunction function,
            Map<String, Object> event,
            SqsClient sqs) {
        this.stack = stack;
        this.tableId = tableId;
        this.function = function;
        this.event = event;
        this.sqs = sqs;
        this.filters = filters(function.logicalId(), event);
    }

    /** The template's DynamoDB event sources whose function is among {@code functions}. */
    public static List<StreamEventSource> forTemplate(
            LocalStack stack, Map<String, LocalFunction> functions, SqsClient sqs) {
        List<StreamEventSource> sources = new ArrayList<>();
        for (SamTemplate.FunctionEvent subscription : stack.template().functionEvents("DynamoDB")) {
            LocalFunction function = functions.get(subscription.functionId());
            if (function != null
                    && subscription.properties().get("Stream") instanceof Map<?, ?> ref
                    && ref.get("Fn::GetAtt") instanceof List<?> att) {
                sources.add(
                        new StreamEventSource(
                                stack,
                                String.valueOf(att.get(0)),
                                function,
                                subscription.properties(),
                                sqs));
            }
        }
        return sources;
    }

    /** The logical id of the table whose stream this source reads. */
    public String tableId() {
        return tableId;
    }

    public String functionLogicalId() {
        return function.logicalId();
    }

    /** "TRIM_HORIZON" or "LATEST", as the template says. */
    public String startingPosition() {
        return String.valueOf(event.getOrDefault("StartingPosition", "LATEST"));
    }

    /** Filters, batches and delivers stream records of this source's table, in order. */
    public void deliver(List<DynamodbEvent.DynamodbStreamRecord> records) {
        List<DynamodbEvent.DynamodbStreamRecord> matching =
                records.stream().filter(this::matches).toList();
        Object size = event.get("BatchSize");
        int batchSize = size == null ? 100 : Integer.parseInt(String.valueOf(size));
        for (int from = 0; from < matching.size(); from += batchSize) {
            invoke(matching.subList(from, Math.min(matching.size(), from + batchSize)));
        }
    }

    private void invoke(List<DynamodbEvent.DynamodbStreamRecord> batch) {
        List<DynamodbEvent.DynamodbStreamRecord> pending = batch;
        for (int attempt = 0; attempt <= LOCAL_RETRIES && !pending.isEmpty(); attempt++) {
            DynamodbEvent dynamodbEvent = new DynamodbEvent();
            dynamodbEvent.setRecords(pending);
            Set<String> failed = new LinkedHashSet<>();
            try {
                StreamsEventResponse response =
                        function.invoke(dynamodbEvent, UUID.randomUUID().toString());
                if (response != null && response.getBatchItemFailures() != null) {
                    response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
                }
            } catch (RuntimeException e) {
                if (Boolean.TRUE.equals(event.get("BisectBatchOnFunctionError"))
                        && pending.size() > 1) {
                    int half = pending.size() / 2;
                    invoke(pending.subList(0, half));
                    invoke(pending.subList(half, pending.size()));
                    return;
                }
                pending.forEach(r -> failed.add(r.getDynamodb().getSequenceNumber()));
            }
            // with partial batch responses, processing resumes from the first failed record
            int first = -1;
            for (int i = 0; i < pending.size(); i++) {
                if (failed.contains(pending.get(i).getDynamodb().getSequenceNumber())) {
                    first = i;
                    break;
                }
            }
            pending = first < 0 ? List.of() : pending.subList(first, pending.size());
        }
        if (!pending.isEmpty()) {
            onFailure(pending);
        }
    }

    /** What Lambda sends an SQS on-failure destination: where the batch was, never the records. */
    private void onFailure(List<DynamodbEvent.DynamodbStreamRecord> pending) {
        Object destination =
                event.get("DestinationConfig") instanceof Map<?, ?> config
                                && config.get("OnFailure") instanceof Map<?, ?> onFailure
                        ? onFailure.get("Destination")
                        : null;
        LOG.warn(
                "stream-batch-failed",
                Map.of("function", function.logicalId(), "records", pending.size()));
        if (destination == null) {
            return;
        }
        String arn = stack.intrinsics().resolveString(destination);
        String queueName = arn.substring(arn.lastIndexOf(':') + 1);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("requestContext")
                .put("condition", "RetryAttemptsExhausted")
                .put(
                        "functionArn",
                        "arn:aws:lambda:"
                                + LocalCloud.REGION
                                + ":"
                                + stack.accountId()
                                + ":function:"
                                + function.logicalId())
                .put("approximateInvokeCount", LOCAL_RETRIES + 1);
        body.putObject("DDBStreamBatchInfo")
                .put("startSequenceNumber", pending.get(0).getDynamodb().getSequenceNumber())
                .put(
                        "endSequenceNumber",
                        pending.get(pending.size() - 1).getDynamodb().getSequenceNumber())
                .put("batchSize", pending.size())
                .put("streamArn", pending.get(0).getEventSourceARN());
        body.put("timestamp", Instant.now().toString());
        sqs.sendMessage(
                r ->
                        r.queueUrl(sqs.getQueueUrl(q -> q.queueName(queueName)).queueUrl())
                                .messageBody(body.toString()));
    }

    private boolean matches(DynamodbEvent.DynamodbStreamRecord record) {
        if (filters.isEmpty()) {
            return true;
        }
        JsonNode json = json(record);
        return filters.stream().anyMatch(pattern -> matches(pattern, json));
    }

    private static List<JsonNode> filters(String functionId, Map<String, Object> event) {
        List<JsonNode> patterns = new ArrayList<>();
        if (event.get("FilterCriteria") instanceof Map<?, ?> criteria
                && criteria.get("Filters") instanceof List<?> filters) {
            for (Object filter : filters) {
                String pattern = String.valueOf(((Map<?, ?>) filter).get("Pattern"));
                try {
                    JsonNode parsed = JSON.readTree(pattern);
                    validate(functionId, parsed);
                    patterns.add(parsed);
                } catch (IOException e) {
                    throw new IllegalStateException(
                            functionId + ": filter pattern is not JSON: " + pattern, e);
                }
            }
        }
        return patterns;
    }

    /** Refuses, at start, the pattern operators this local event source does not evaluate. */
    private static void validate(String functionId, JsonNode pattern) {
        pattern.fields()
                .forEachRemaining(
                        field -> {
                            JsonNode value = field.getValue();
                            if (value.isObject()) {
                                validate(functionId, value);
                            } else if (value.isArray()) {
                                for (JsonNode allowed : value) {
                                    if (allowed.isObject()
                                            && !(allowed.size() == 1
                                                    && (allowed.has("exists")
                                                            || allowed.path("prefix")
                                                                    .isTextual()))) {
                                        throw new IllegalStateException(
                                                functionId
                                                        + ": the local run evaluates filter values,"
                                                        + " \"exists\" and \"prefix\" only, not "
                                                        + allowed);
                                    }
                                }
                            } else {
                                throw new IllegalStateException(
                                        functionId + ": a filter field takes a list: " + field);
                            }
                        });
    }

    private static boolean matches(JsonNode pattern, JsonNode event) {
        var fields = pattern.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode value = event == null ? null : event.get(field.getKey());
            boolean ok =
                    field.getValue().isObject()
                            ? value != null && value.isObject() && matches(field.getValue(), value)
                            : anyOf((ArrayNode) field.getValue(), value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyOf(ArrayNode allowed, JsonNode value) {
        for (JsonNode candidate : allowed) {
            if (candidate.has("prefix")) {
                if (value != null
                        && value.isTextual()
                        && value.asText().startsWith(candidate.get("prefix").asText())) {
                    return true;
                }
            } else if (candidate.isObject()) {
                if (candidate.get("exists").asBoolean() == (value != null)) {
                    return true;
                }
            } else if (value != null && value.isArray()) {
                for (JsonNode element : value) {
                    if (candidate.equals(element)) {
                        return true;
                    }
                }
            } else if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** The record as Lambda's filters see it: the stream record's JSON. */
    private static JsonNode json(DynamodbEvent.DynamodbStreamRecord record) {
        ObjectNode json = JSON.createObjectNode();
        json.put("eventName", record.getEventName());
        json.put("eventSource", record.getEventSource());
        json.put("awsRegion", record.getAwsRegion());
        ObjectNode dynamodb = json.putObject("dynamodb");
        image(dynamodb, "Keys", record.getDynamodb().getKeys());
        image(dynamodb, "NewImage", record.getDynamodb().getNewImage());
        image(dynamodb, "OldImage", record.getDynamodb().getOldImage());
        return json;
    }

    private static void image(ObjectNode parent, String name, Map<String, AttributeValue> image) {
        if (image != null) {
            ObjectNode node = parent.putObject(name);
            image.forEach((attribute, value) -> node.set(attribute, attribute(value)));
        }
    }

    private static JsonNode attribute(AttributeValue value) {
        ObjectNode json = JSON.createObjectNode();
        if (value.getS() != null) {
            json.put("S", value.getS());
        } else if (value.getN() != null) {
            json.put("N", value.getN());
        } else if (value.getBOOL() != null) {
            json.put("BOOL", value.getBOOL());
        } else if (value.getNULL() != null) {
            json.put("NULL", true);
        } else if (value.getB() != null) {
            json.put("B", base64(value.getB()));
        } else if (value.getSS() != null) {
            value.getSS().forEach(json.putArray("SS")::add);
        } else if (value.getNS() != null) {
            value.getNS().forEach(json.putArray("NS")::add);
        } else if (value.getBS() != null) {
            ArrayNode set = json.putArray("BS");
            value.getBS().forEach(b -> set.add(base64(b)));
        } else if (value.getM() != null) {
            ObjectNode map = json.putObject("M");
            value.getM().forEach((k, v) -> map.set(k, attribute(v)));
        } else if (value.getL() != null) {
            ArrayNode list = json.putArray("L");
            value.getL().forEach(v -> list.add(attribute(v)));
        }
        return json;
    }

    private static String base64(ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        byte[] raw = new byte[copy.remaining()];
        copy.get(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
