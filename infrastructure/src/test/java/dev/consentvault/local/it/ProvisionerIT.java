package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.local.LocalRun;
import dev.consentvault.local.LocalStack;
import dev.consentvault.local.Provisioner;
import dev.consentvault.local.template.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The local cloud holds what template.yaml declares, and provisioning again changes nothing. */
class ProvisionerIT {

    private final LocalCloudFixture cloud = LocalCloudFixture.get();

    @Test
    void theConsentTableIsAsTheTemplateDeclaresIt() {
        var dynamo = cloud.dynamo();
        TableDescription table =
                dynamo.describeTable(r -> r.tableName(cloud.consentTable())).table();
        assertEquals(cloud.stack.stackName() + "-consents", table.tableName());
        assertEquals(2, table.globalSecondaryIndexes().size());
        assertNotNull(table.latestStreamArn(), "stream for the retention auditor");
        assertEquals(
                TimeToLiveStatus.ENABLED,
                dynamo.describeTimeToLive(r -> r.tableName(cloud.consentTable()))
                        .timeToLiveDescription()
                        .timeToLiveStatus());
        assertEquals(
                "expiresAt",
                dynamo.describeTimeToLive(r -> r.tableName(cloud.consentTable()))
                        .timeToLiveDescription()
                        .attributeName());
        assertNotNull(table.sseDescription(), "encrypted with the project's KMS key");
    }

    @Test
    void theReceiptKeysTableKeepsOnlyTheShortRecoveryWindowTheTemplateAsksFor() {
        var dynamo = cloud.dynamo();
        String keys = cloud.keysTable();
        assertEquals(cloud.stack.stackName() + "-receipt-keys", keys);
        TableDescription table = dynamo.describeTable(r -> r.tableName(keys)).table();
        assertNotNull(table.sseDescription(), "encrypted with the project's KMS key");
        assertEquals(
                TimeToLiveStatus.ENABLED,
                dynamo.describeTimeToLive(r -> r.tableName(keys))
                        .timeToLiveDescription()
                        .timeToLiveStatus());
        var pitr =
                dynamo.describeContinuousBackups(r -> r.tableName(keys))
                        .continuousBackupsDescription()
                        .pointInTimeRecoveryDescription();
        assertEquals("ENABLED", pitr.pointInTimeRecoveryStatusAsString());
        assertEquals(1, pitr.recoveryPeriodInDays(), "the template's default: one day");
    }

    @Test
    void theKeyRotatesAndProvisioningTwiceReusesEverything() {
        KmsClient kms = new AwsClients(cloud.cloud.clientEnvironment()).kms();
        String keyId = cloud.stack.physicalId("ConsentKey");
        assertTrue(kms.getKeyRotationStatus(r -> r.keyId(keyId)).keyRotationEnabled());

        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        LocalStack again =
                new Provisioner(
                                SamTemplate.load(cloud.root.resolve("template.yaml")),
                                cloud.cloud,
                                cloud.stack.stackName(),
                                LocalRun.demoParameters(),
                                new PrintStream(progress, true))
                        .provision();
        assertEquals(keyId, again.physicalId("ConsentKey"));
        assertEquals(cloud.consentTable(), again.physicalId("ConsentTable"));
        assertTrue(progress.toString().contains(": exists"), progress.toString());
        assertTrue(!progress.toString().contains("created"), progress.toString());
    }

    @Test
    void noResourceCarriesAnAwsReservedTagKeyAndTheKeySaysWhereItCameFrom() {
        AwsClients aws = new AwsClients(cloud.cloud.clientEnvironment());
        List<String> keys = new ArrayList<>();
        Map<String, String> keyTags = new LinkedHashMap<>();
        for (String logicalId : cloud.stack.template().resourcesOfType("AWS::KMS::Key").keySet()) {
            for (Tag tag :
                    aws.kms()
                            .listResourceTags(r -> r.keyId(cloud.stack.physicalId(logicalId)))
                            .tags()) {
                keys.add(tag.tagKey());
                keyTags.put(logicalId + " " + tag.tagKey(), tag.tagValue());
            }
        }
        for (String logicalId :
                cloud.stack.template().resourcesOfType("AWS::DynamoDB::Table").keySet()) {
            String arn =
                    cloud.dynamo()
                            .describeTable(r -> r.tableName(cloud.stack.physicalId(logicalId)))
                            .table()
                            .tableArn();
            cloud.dynamo()
                    .listTagsOfResource(r -> r.resourceArn(arn))
                    .tags()
                    .forEach(tag -> keys.add(tag.key()));
        }
        SqsClient sqs = aws.sqs();
        for (String logicalId :
                cloud.stack.template().resourcesOfType("AWS::SQS::Queue").keySet()) {
            keys.addAll(
                    sqs.listQueueTags(r -> r.queueUrl(cloud.stack.physicalId(logicalId)))
                            .tags()
                            .keySet());
        }

        assertTrue(
                keys.stream().noneMatch(key -> key.toLowerCase(Locale.ROOT).startsWith("aws:")),
                "reserved tag keys: " + keys);
        assertEquals("ConsentKey", keyTags.get("ConsentKey " + Provisioner.LOGICAL_ID_TAG));
        assertEquals(cloud.stack.stackName(), keyTags.get("ConsentKey " + Provisioner.STACK_TAG));
    }

    @Test
    void theAccountInArnsWeBuildIsTheCloudsOwnAndQueueUrlsPointAtItsEndpoint() {
        String account = cloud.stack.accountId();
        assertEquals(account, cloud.cloud.accountId());
        assertEquals(
                account,
                cloud.stack.attributes().get("ConsentKey.Arn").split(":")[4],
                "the key ARN the cloud returned");
        assertEquals(
                account,
                cloud.stack.attributes().get("ConsentTable.Arn").split(":")[4],
                "the table ARN the cloud returned");
        String logGroupArn =
                cloud.stack
                        .intrinsics()
                        .resolveString(Map.of("Fn::GetAtt", List.of("ApiAccessLogGroup", "Arn")));
        assertTrue(logGroupArn.contains(":" + account + ":log-group:"), logGroupArn);

        URI endpoint = cloud.cloud.endpoint();
        for (String logicalId :
                cloud.stack.template().resourcesOfType("AWS::SQS::Queue").keySet()) {
            URI queue = URI.create(cloud.stack.physicalId(logicalId));
            assertEquals(
                    endpoint.getHost() + ":" + endpoint.getPort(),
                    queue.getHost() + ":" + queue.getPort(),
                    "queue URL reachable through the cloud's endpoint: " + queue);
        }
    }
}
