package dev.consentvault.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.template.Intrinsics;
import dev.consentvault.local.template.SamTemplate;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates on the local cloud what template.yaml declares (KMS keys and aliases, DynamoDB tables
 * with keys, indexes, TTL, streams and encryption, SQS queues with their dead-letter queues,
 * Secrets Manager secrets, S3 buckets with default encryption, versioning, public access block and
 * policy), reading the template itself: there is no second list to keep in step. Idempotent: what
 * exists is reused, so it can run at every start.
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
    private final software.amazon.awssdk.services.sesv2.SesV2Client ses;
    private final SecretsManagerClient secrets;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final S3Client s3;
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
        this.ses = aws.sesV2();
        this.secrets = aws.secretsManager();
        this.s3 = aws.s3();
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
        template.resourcesOfType("AWS::SES::EmailIdentity").forEach(this::emailIdentity);
        template.resourcesOfType("AWS::SecretsManager::Secret").forEach(this::secret);
        template.resourcesOfType("AWS::S3::Bucket").forEach(this::bucket);
        template.resourcesOfType("AWS::S3::BucketPolicy").forEach(this::bucketPolicy);
        return new LocalStack(
                template, stackName, intrinsics, Map.copyOf(physicalIds), Map.copyOf(attributes));
    }

    /**
     * The sender's SES identity. The local cloud verifies it as it is created (AWS asks for DNS
     * records or a click first); one that exists already is reused, as a second stack would.
     */
    private void emailIdentity(String logicalId, Map<String, Object> resource) {
        String identity =
                intrinsics.resolveString(SamTemplate.properties(resource).get("EmailIdentity"));
        try {
            ses.createEmailIdentity(r -> r.emailIdentity(identity));
            progress.println("[provision] " + logicalId + ": SES identity " + identity);
        } catch (software.amazon.awssdk.services.sesv2.model.AlreadyExistsException exists) {
            progress.println(
                    "[provision] " + logicalId + ": SES identity " + identity + " (exists)");
        }
        physicalIds.put(logicalId, identity);
    }

    /**
     * A Secrets Manager secret under its declared name; a GenerateSecretString one gets random
     * letters and digits of its PasswordLength, as CloudFormation would generate them.
     */
    private void secret(String logicalId, Map<String, Object> resource) {
        Map<String, Object> properties = SamTemplate.properties(resource);
        String name = intrinsics.resolveString(properties.get("Name"));
        String arn;
        try {
            arn = secrets.describeSecret(r -> r.secretId(name)).arn();
            progress.println("[provision] secret " + name + ": exists");
        } catch (
                software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException
                        absent) {
            @SuppressWarnings("unchecked")
            Map<String, Object> generate =
                    (Map<String, Object>) properties.getOrDefault("GenerateSecretString", Map.of());
            int length =
                    Integer.parseInt(String.valueOf(generate.getOrDefault("PasswordLength", 32)));
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < length; i++) {
                value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            arn = secrets.createSecret(r -> r.name(name).secretString(value.toString())).arn();
            progress.println("[provision] secret " + name + ": created");
        }
        physicalIds.put(logicalId, arn);
        attributes.put(logicalId + ".Id", arn);
    }

    /**
     * A bucket with what the template sets of its default encryption (SSE-KMS under the stack's
     * key), versioning, public access block and lifecycle: moto keeps and applies them.
     */
    @SuppressWarnings("unchecked")
    private void bucket(String logicalId, Map<String, Object> resource) {
        Map<String, Object> p =
                (Map<String, Object>) intrinsics.resolve(SamTemplate.properties(resource));
        String name =
                String.valueOf(
                        p.getOrDefault("BucketName", (stackName + "-" + logicalId).toLowerCase()));
        boolean exists;
        try {
            s3.headBucket(r -> r.bucket(name));
            exists = true;
        } catch (NoSuchBucketException e) {
            exists = false;
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            exists = false;
        }
        if (!exists) {
            s3.createBucket(r -> r.bucket(name));
        }
        if (p.get("BucketEncryption") instanceof Map<?, ?> encryption) {
            List<ServerSideEncryptionRule> rules = new ArrayList<>();
            for (Object rule : (List<?>) encryption.get("ServerSideEncryptionConfiguration")) {
                Map<?, ?> r = (Map<?, ?>) rule;
                Map<?, ?> byDefault = (Map<?, ?>) r.get("ServerSideEncryptionByDefault");
                rules.add(
                        ServerSideEncryptionRule.builder()
                                .bucketKeyEnabled(Boolean.TRUE.equals(r.get("BucketKeyEnabled")))
                                .applyServerSideEncryptionByDefault(
                                        d ->
                                                d.sseAlgorithm(
                                                                String.valueOf(
                                                                        byDefault.get(
                                                                                "SSEAlgorithm")))
                                                        .kmsMasterKeyID(
                                                                (String)
                                                                        byDefault.get(
                                                                                "KMSMasterKeyID")))
                                .build());
            }
            s3.putBucketEncryption(
                    r -> r.bucket(name).serverSideEncryptionConfiguration(c -> c.rules(rules)));
        }
        if (p.get("VersioningConfiguration") instanceof Map<?, ?> versioning) {
            s3.putBucketVersioning(
                    r ->
                            r.bucket(name)
                                    .versioningConfiguration(
                                            v ->
                                                    v.status(
                                                            String.valueOf(
                                                                    versioning.get("Status")))));
        }
        if (p.get("PublicAccessBlockConfiguration") instanceof Map<?, ?> block) {
            s3.putPublicAccessBlock(
                    r ->
                            r.bucket(name)
                                    .publicAccessBlockConfiguration(
                                            b ->
                                                    b.blockPublicAcls(
                                                                    Boolean.TRUE.equals(
                                                                            block.get(
                                                                                    "BlockPublicAcls")))
                                                            .blockPublicPolicy(
                                                                    Boolean.TRUE.equals(
                                                                            block.get(
                                                                                    "BlockPublicPolicy")))
                                                            .ignorePublicAcls(
                                                                    Boolean.TRUE.equals(
                                                                            block.get(
                                                                                    "IgnorePublicAcls")))
                                                            .restrictPublicBuckets(
                                                                    Boolean.TRUE.equals(
                                                                            block.get(
                                                                                    "RestrictPublicBuckets")))));
        }
        progress.println("[provision] bucket " + name + (exists ? ": exists" : ": created"));
        physicalIds.put(logicalId, name);
        attributes.put(logicalId + ".Arn", "arn:aws:s3:::" + name);
        attributes.put(logicalId + ".BucketName", name);
    }

    /**
     * The bucket's policy, but for statements that deny requests without TLS: the local cloud
     * speaks plain HTTP on 127.0.0.1, and moto enforces them (every call would be refused).
     */
    @SuppressWarnings("unchecked")
    private void bucketPolicy(String logicalId, Map<String, Object> resource) {
        Map<String, Object> p = SamTemplate.properties(resource);
        String bucket = intrinsics.resolveString(p.get("Bucket"));
        Map<String, Object> document =
                new LinkedHashMap<>(
                        (Map<String, Object>) intrinsics.resolve(p.get("PolicyDocument")));
        List<Object> statements = new ArrayList<>((List<Object>) document.get("Statement"));
        int declared = statements.size();
        statements.removeIf(statement -> String.valueOf(statement).contains("aws:SecureTransport"));
        document.put("Statement", statements);
        if (!statements.isEmpty()) {
            try {
                String policy = new ObjectMapper().writeValueAsString(document);
                s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(logicalId + ": policy is not JSON", e);
            }
        }
        progress.println(
                "[provision] bucket policy "
                        + logicalId
                        + ": "
                        + statements.size()
                        + " of "
                        + declared
                        + " statements set (TLS-only statements apply on AWS; the local cloud is"
                        + " plain HTTP)");
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
