package dev.consentvault.local;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.template.Intrinsics;
import dev.consentvault.local.template.SamTemplate;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.WarmThroughput;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates on the local cloud what template.yaml declares (KMS keys and aliases, DynamoDB tables
 * with keys, indexes, TTL, streams and encryption, SQS queues with their dead-letter queues),
 * reading the template itself: there is no second list to keep in step. Idempotent: what exists is
 * reused, so it can run at every start.
 */
public final class Provisioner {

    /**
     * Tags that say where a resource came from. Not CloudFormation's own aws:cloudformation:* keys:
     * the aws: prefix is reserved, and AWS and LocalStack refuse it in a request.
     */
    public static final String LOGICAL_ID_TAG = "consent-vault:logical-id";

    public static final String STACK_TAG = "consent-vault:stack";

    private final SamTemplate template;
    private final String stackName;
    private final String accountId;
    private final PrintStream progress;
    private final DynamoDbClient dynamo;
    private final KmsClient kms;
    private final SqsClient sqs;
    private final Map<String, String> physicalIds = new LinkedHashMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Intrinsics intrinsics;

    public Provisioner(
            SamTemplate template,
            LocalCloud cloud,
            String stackName,
            Map<String, Object> parameterOverrides,
            PrintStream progress) {
        this.template = template;
        this.stackName = stackName;
        this.accountId = cloud.accountId();
        this.progress = progress;
        AwsClients aws = new AwsClients(cloud.clientEnvironment());
        this.dynamo = aws.dynamoDb();
        this.kms = aws.kms();
        this.sqs = aws.sqs();
        this.intrinsics =
                new Intrinsics(
                        template,
                        parameterOverrides,
                        stackName,
                        LocalCloud.REGION,
                        accountId,
                        this::ref,
                        this::getAtt);
    }

    /**
     * Provisions everything and returns the stack: physical ids and an evaluator for the template.
     */
    public LocalStack provision() {
        template.resourcesOfType("AWS::KMS::Key").forEach(this::key);
        template.resourcesOfType("AWS::DynamoDB::Table").forEach(this::table);
        // dead-letter queues first: a redrive policy names its DLQ's ARN
        Map<String, Map<String, Object>> queues = template.resourcesOfType("AWS::SQS::Queue");
        queues.forEach(
                (id, queue) -> {
                    if (!SamTemplate.properties(queue).containsKey("RedrivePolicy")) {
                        queue(id, queue);
                    }
                });
        queues.forEach(
                (id, queue) -> {
                    if (SamTemplate.properties(queue).containsKey("RedrivePolicy")) {
                        queue(id, queue);
                    }
                });
        return new LocalStack(
                template, stackName, intrinsics, Map.copyOf(physicalIds), Map.copyOf(attributes));
    }

    private void key(String logicalId, Map<String, Object> resource) {
        Map<String, Object> properties = SamTemplate.properties(resource);
        String aliasLogicalId = null;
        String aliasName = null;
        for (Map.Entry<String, Map<String, Object>> alias :
                template.resourcesOfType("AWS::KMS::Alias").entrySet()) {
            Object target = SamTemplate.properties(alias.getValue()).get("TargetKeyId");
            if (target instanceof Map<?, ?> ref && logicalId.equals(ref.get("Ref"))) {
                aliasLogicalId = alias.getKey();
                aliasName =
                        intrinsics.resolveString(
                                SamTemplate.properties(alias.getValue()).get("AliasName"));
            }
        }
        if (aliasName == null) {
            throw new IllegalStateException(
                    logicalId
                            + ": the local run finds keys by alias; declare an AWS::KMS::Alias for it");
        }
        String wanted = aliasName;
        Optional<String> existing =
                kms.listAliasesPaginator().aliases().stream()
                        .filter(a -> wanted.equals(a.aliasName()))
                        .map(AliasListEntry::targetKeyId)
                        .findFirst();
        String keyId;
        if (existing.isPresent()) {
            keyId = existing.get();
            progress.println("[provision] KMS key " + logicalId + " (" + aliasName + "): exists");
        } else {
            KeyMetadata created =
                    kms.createKey(
                                    r ->
                                            r.description(
                                                            String.valueOf(
                                                                    properties.getOrDefault(
                                                                            "Description",
                                                                            logicalId)))
                                                    .keySpec(
                                                            String.valueOf(
                                                                    properties.getOrDefault(
                                                                            "KeySpec",
                                                                            "SYMMETRIC_DEFAULT")))
                                                    .keyUsage(
                                                            String.valueOf(
                                                                    properties.getOrDefault(
                                                                            "KeyUsage",
                                                                            "ENCRYPT_DECRYPT")))
                                                    .tags(
                                                            Tag.builder()
                                                                    .tagKey(LOGICAL_ID_TAG)
                                                                    .tagValue(logicalId)
                                                                    .build(),
                                                            Tag.builder()
                                                                    .tagKey(STACK_TAG)
                                                                    .tagValue(stackName)
                                                                    .build()))
                            .keyMetadata();
            keyId = created.keyId();
            if (Boolean.TRUE.equals(properties.get("EnableKeyRotation"))) {
                kms.enableKeyRotation(r -> r.keyId(created.keyId()));
            }
            kms.createAlias(r -> r.aliasName(wanted).targetKeyId(created.keyId()));
            progress.println(
                    "[provision] KMS key "
                            + logicalId
                            + " ("
                            + aliasName
                            + "): created, rotation "
                            + (Boolean.TRUE.equals(properties.get("EnableKeyRotation"))
                                    ? "on"
                                    : "off"));
        }
        String arn = kms.describeKey(r -> r.keyId(keyId)).keyMetadata().arn();
        physicalIds.put(logicalId, keyId);
        attributes.put(logicalId + ".Arn", arn);
        attributes.put(logicalId + ".KeyId", keyId);
        physicalIds.put(aliasLogicalId, aliasName);
    }

    private void table(String logicalId, Map<String, Object> resource) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p =
                (Map<String, Object>) intrinsics.resolve(SamTemplate.properties(resource));
        String name =
                p.containsKey("TableName")
                        ? (String) p.get("TableName")
                        : stackName + "-" + logicalId;
        TableDescription table = describe(name).orElse(null);
        if (table == null) {
            CreateTableRequest.Builder create =
                    CreateTableRequest.builder()
                            .tableName(name)
                            .billingMode(
                                    BillingMode.fromValue(
                                            String.valueOf(
                                                    p.getOrDefault(
                                                            "BillingMode", "PAY_PER_REQUEST"))))
                            .attributeDefinitions(attributeDefinitions(p))
                            .keySchema(keySchema(list(p, "KeySchema")));
            List<GlobalSecondaryIndex> indexes =
                    list(p, "GlobalSecondaryIndexes").stream().map(Provisioner::index).toList();
            if (!indexes.isEmpty()) {
                create.globalSecondaryIndexes(indexes);
            }
            if (p.get("StreamSpecification") instanceof Map<?, ?> stream) {
                create.streamSpecification(stream(stream));
            }
            if (p.get("WarmThroughput") instanceof Map<?, ?> warm) {
                create.warmThroughput(warm(warm));
            }
            if (p.get("SSESpecification") instanceof Map<?, ?> sse
                    && Boolean.TRUE.equals(sse.get("SSEEnabled"))) {
                create.sseSpecification(
                        SSESpecification.builder()
                                .enabled(true)
                                .sseType((String) sse.get("SSEType"))
                                .kmsMasterKeyId((String) sse.get("KMSMasterKeyId"))
                                .build());
            }
            dynamo.createTable(create.build());
            dynamo.waiter().waitUntilTableExists(r -> r.tableName(name));
            table = describe(name).orElseThrow();
            progress.println(
                    "[provision] table "
                            + name
                            + ": created ("
                            + indexes.size()
                            + " indexes"
                            + (table.latestStreamArn() != null ? ", stream" : "")
                            + ")");
        } else {
            progress.println("[provision] table " + name + ": exists");
            table = catchUp(name, p, table);
        }
        if (p.get("TimeToLiveSpecification") instanceof Map<?, ?> ttl
                && Boolean.TRUE.equals(ttl.get("Enabled"))) {
            String attribute = (String) ttl.get("AttributeName");
            TimeToLiveStatus status =
                    dynamo.describeTimeToLive(r -> r.tableName(name))
                            .timeToLiveDescription()
                            .timeToLiveStatus();
            if (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING) {
                dynamo.updateTimeToLive(
                        r ->
                                r.tableName(name)
                                        .timeToLiveSpecification(
                                                s -> s.attributeName(attribute).enabled(true)));
            }
        }
        if (p.get("PointInTimeRecoverySpecification") instanceof Map<?, ?> pitr
                && Boolean.TRUE.equals(pitr.get("PointInTimeRecoveryEnabled"))) {
            // the window matters: the receipt keys table keeps its deleted keys only this long
            Integer days =
                    pitr.get("RecoveryPeriodInDays") == null
                            ? null
                            : Integer.valueOf(String.valueOf(pitr.get("RecoveryPeriodInDays")));
            dynamo.updateContinuousBackups(
                    r ->
                            r.tableName(name)
                                    .pointInTimeRecoverySpecification(
                                            s ->
                                                    s.pointInTimeRecoveryEnabled(true)
                                                            .recoveryPeriodInDays(days)));
        }
        physicalIds.put(logicalId, name);
        attributes.put(logicalId + ".Arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            attributes.put(logicalId + ".StreamArn", table.latestStreamArn());
        }
    }

    /**
     * A table a local cloud kept from an earlier run gets the stream and indexes the template has
     * added since.
     */
    private TableDescription catchUp(String name, Map<String, Object> p, TableDescription table) {
        if (p.get("StreamSpecification") instanceof Map<?, ?> stream
                && table.latestStreamArn() == null) {
            dynamo.updateTable(r -> r.tableName(name).streamSpecification(stream(stream)));
            progress.println("[provision] table " + name + ": stream enabled");
        }
        List<String> existing =
                table.globalSecondaryIndexes().stream()
                        .map(GlobalSecondaryIndexDescription::indexName)
                        .toList();
        for (Map<String, Object> gsi : list(p, "GlobalSecondaryIndexes")) {
            if (!existing.contains((String) gsi.get("IndexName"))) {
                GlobalSecondaryIndex index = index(gsi);
                dynamo.updateTable(
                        r ->
                                r.tableName(name)
                                        .attributeDefinitions(attributeDefinitions(p))
                                        .globalSecondaryIndexUpdates(
                                                u ->
                                                        u.create(
                                                                c ->
                                                                        c.indexName(
                                                                                        index
                                                                                                .indexName())
                                                                                .keySchema(
                                                                                        index
                                                                                                .keySchema())
                                                                                .projection(
                                                                                        index
                                                                                                .projection()))));
                progress.println(
                        "[provision] table " + name + ": index " + index.indexName() + " added");
            }
        }
        return describe(name).orElseThrow();
    }

    private static GlobalSecondaryIndex index(Map<String, Object> gsi) {
        Map<?, ?> projection = (Map<?, ?>) gsi.get("Projection");
        return GlobalSecondaryIndex.builder()
                .indexName((String) gsi.get("IndexName"))
                .keySchema(keySchema(list(gsi, "KeySchema")))
                .projection(
                        Projection.builder()
                                .projectionType((String) projection.get("ProjectionType"))
                                .nonKeyAttributes(stringList(projection.get("NonKeyAttributes")))
                                .build())
                .warmThroughput(
                        gsi.get("WarmThroughput") instanceof Map<?, ?> warm ? warm(warm) : null)
                .build();
    }

    private static WarmThroughput warm(Map<?, ?> warm) {
        return WarmThroughput.builder()
                .writeUnitsPerSecond(number(warm.get("WriteUnitsPerSecond")))
                .readUnitsPerSecond(number(warm.get("ReadUnitsPerSecond")))
                .build();
    }

    private static Long number(Object value) {
        return value == null ? null : Long.valueOf(String.valueOf(value));
    }

    private static StreamSpecification stream(Map<?, ?> stream) {
        return StreamSpecification.builder()
                .streamEnabled(true)
                .streamViewType((String) stream.get("StreamViewType"))
                .build();
    }

    private static List<AttributeDefinition> attributeDefinitions(Map<String, Object> p) {
        return list(p, "AttributeDefinitions").stream()
                .map(
                        a ->
                                AttributeDefinition.builder()
                                        .attributeName((String) a.get("AttributeName"))
                                        .attributeType((String) a.get("AttributeType"))
                                        .build())
                .toList();
    }

    private void queue(String logicalId, Map<String, Object> resource) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p =
                (Map<String, Object>) intrinsics.resolve(SamTemplate.properties(resource));
        String name =
                p.containsKey("QueueName")
                        ? (String) p.get("QueueName")
                        : stackName + "-" + logicalId;
        Map<QueueAttributeName, String> queueAttributes = new LinkedHashMap<>();
        for (String attribute :
                List.of(
                        "DelaySeconds",
                        "MaximumMessageSize",
                        "MessageRetentionPeriod",
                        "ReceiveMessageWaitTimeSeconds",
                        "VisibilityTimeout")) {
            if (p.containsKey(attribute)) {
                queueAttributes.put(
                        QueueAttributeName.fromValue(attribute), String.valueOf(p.get(attribute)));
            }
        }
        if (p.get("RedrivePolicy") instanceof Map<?, ?> redrive) {
            queueAttributes.put(
                    QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\":\""
                            + redrive.get("deadLetterTargetArn")
                            + "\",\"maxReceiveCount\":"
                            + redrive.get("maxReceiveCount")
                            + "}");
        }
        String url;
        try {
            url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
            progress.println("[provision] queue " + name + ": exists");
        } catch (QueueDoesNotExistException e) {
            url = sqs.createQueue(r -> r.queueName(name).attributes(queueAttributes)).queueUrl();
            progress.println(
                    "[provision] queue "
                            + name
                            + ": created"
                            + (queueAttributes.containsKey(QueueAttributeName.REDRIVE_POLICY)
                                    ? " (with dead-letter queue)"
                                    : ""));
        }
        String queueUrl = url;
        String arn =
                sqs.getQueueAttributes(
                                r ->
                                        r.queueUrl(queueUrl)
                                                .attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN);
        physicalIds.put(logicalId, url);
        attributes.put(logicalId + ".Arn", arn);
        attributes.put(logicalId + ".QueueName", name);
        attributes.put(logicalId + ".QueueUrl", url);
    }

    private Optional<TableDescription> describe(String name) {
        try {
            return Optional.of(dynamo.describeTable(r -> r.tableName(name)).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Physical id of a logical id; resources the local run does not create get their declared
     * names.
     */
    private String ref(String logicalId) {
        String id = physicalIds.get(logicalId);
        if (id != null) {
            return id;
        }
        Map<String, Object> resource = template.resources().get(logicalId);
        if (resource == null) {
            return null;
        }
        Map<String, Object> properties = SamTemplate.properties(resource);
        for (String nameProperty :
                List.of("LogGroupName", "FunctionName", "QueueName", "TableName")) {
            if (properties.containsKey(nameProperty)) {
                return intrinsics.resolveString(properties.get(nameProperty));
            }
        }
        return stackName + "-" + logicalId;
    }

    private String getAtt(String logicalId, String attribute) {
        String value = attributes.get(logicalId + "." + attribute);
        if (value != null || !attribute.equals("Arn")) {
            return value;
        }
        Map<String, Object> resource = template.resources().get(logicalId);
        if (resource != null && "AWS::Logs::LogGroup".equals(resource.get("Type"))) {
            return "arn:aws:logs:"
                    + LocalCloud.REGION
                    + ":"
                    + accountId
                    + ":log-group:"
                    + ref(logicalId)
                    + ":*";
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> properties, String key) {
        Object value = properties.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static List<String> stringList(Object value) {
        return value == null ? null : ((List<?>) value).stream().map(String::valueOf).toList();
    }

    private static List<KeySchemaElement> keySchema(List<Map<String, Object>> elements) {
        return elements.stream()
                .map(
                        k ->
                                KeySchemaElement.builder()
                                        .attributeName((String) k.get("AttributeName"))
                                        .keyType((String) k.get("KeyType"))
                                        .build())
                .toList();
    }
}
