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
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.kms.KmsClient;

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
}
