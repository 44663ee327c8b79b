package dev.consentvault.local.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.aws.AwsClients;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Every SDK client of the local run refuses aws:-prefixed tag keys as AWS and LocalStack do, before
 * anything is sent: moto alone would accept them.
 */
class ReservedTagKeysTest {

    /** Nothing listens here: a request that got past the check fails to connect instead. */
    private final AwsClients aws =
            new AwsClients(
                    Map.of(
                            "AWS_ENDPOINT_URL", "http://127.0.0.1:9",
                            "AWS_REGION", "us-east-1",
                            "AWS_ACCESS_KEY_ID", "test",
                            "AWS_SECRET_ACCESS_KEY", "test"));

    @Test
    void aKmsKeyTaggedWithCloudFormationsOwnKeysIsRefused() {
        assertRefused(
                () ->
                        aws.kms()
                                .createKey(
                                        r ->
                                                r.tags(
                                                        Tag.builder()
                                                                .tagKey(
                                                                        "aws:cloudformation:logical-id")
                                                                .tagValue("ConsentKey")
                                                                .build())),
                "aws:cloudformation:logical-id");
    }

    @Test
    void aDynamoDbTableOrTagResourceWithAnAwsKeyInAnyCaseIsRefused() {
        assertRefused(
                () ->
                        aws.dynamoDb()
                                .createTable(
                                        r ->
                                                r.tableName("t")
                                                        .billingMode(BillingMode.PAY_PER_REQUEST)
                                                        .attributeDefinitions(
                                                                AttributeDefinition.builder()
                                                                        .attributeName("pk")
                                                                        .attributeType("S")
                                                                        .build())
                                                        .keySchema(
                                                                KeySchemaElement.builder()
                                                                        .attributeName("pk")
                                                                        .keyType("HASH")
                                                                        .build())
                                                        .tags(t -> t.key("AWS:owner").value("x"))),
                "AWS:owner");
        assertRefused(
                () ->
                        aws.dynamoDb()
                                .tagResource(
                                        r ->
                                                r.resourceArn(
                                                                "arn:aws:dynamodb:us-east-1:123456789012:table/t")
                                                        .tags(t -> t.key("aws:x").value("y"))),
                "aws:x");
    }

    @Test
    void anSqsQueueWithAnAwsKeyInItsTagMapIsRefused() {
        assertRefused(
                () ->
                        aws.sqs()
                                .createQueue(
                                        r ->
                                                r.queueName("q")
                                                        .tags(
                                                                Map.of(
                                                                        "aws:cloudformation:stack-name",
                                                                        "s"))),
                "aws:cloudformation:stack-name");
    }

    @Test
    void theProjectsOwnTagKeysGoThrough() {
        SdkException sent =
                assertThrows(
                        SdkException.class,
                        () ->
                                aws.kms()
                                        .createKey(
                                                r ->
                                                        r.tags(
                                                                Tag.builder()
                                                                        .tagKey(
                                                                                "consent-vault:logical-id")
                                                                        .tagValue("ConsentKey")
                                                                        .build())));
        assertTrue(
                sent instanceof SdkClientException,
                "the request was sent (and found nobody listening): " + sent);
    }

    private static void assertRefused(Executable call, String key) {
        AwsServiceException refused = assertThrows(AwsServiceException.class, call);
        assertEquals(400, refused.statusCode());
        assertEquals("ValidationException", refused.awsErrorDetails().errorCode());
        assertTrue(refused.getMessage().contains("reserved"), refused.getMessage());
        assertTrue(refused.getMessage().contains(key), refused.getMessage());
    }
}
