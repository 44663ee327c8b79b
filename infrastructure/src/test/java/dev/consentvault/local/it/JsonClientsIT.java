package dev.consentvault.local.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.KmsKeyService;
import dev.consentvault.core.config.Settings;
import dev.consentvault.core.crypto.DataKey;
import dev.consentvault.core.crypto.DecryptionFailedException;
import dev.consentvault.local.AwsRequestCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The capture function's JSON-protocol clients ({@link AwsClients#jsonDynamoDb()}, {@link
 * AwsClients#jsonKms()}) against the SDK's own on the same local cloud: what one writes the other
 * reads, field for field; the same modelled exceptions with the same codes and reasons; the same
 * requests seen by the interceptors; data keys that open either way.
 */
class JsonClientsIT {

    private final LocalCloudFixture cloud = LocalCloudFixture.get();
    private final AwsRequestCounter jsonCount = new AwsRequestCounter();
    private final AwsRequestCounter sdkCount = new AwsRequestCounter();
    private final DynamoDbClient json =
            new AwsClients(cloud.cloud.clientEnvironment(), List.of(jsonCount)).jsonDynamoDb();
    private final DynamoDbClient sdk =
            new AwsClients(cloud.cloud.clientEnvironment(), List.of(sdkCount)).dynamoDb();
    private final String table = cloud.consentTable();

    /** An item with every kind of attribute DynamoDB has. */
    private static Map<String, AttributeValue> everyKind(String pk) {
        return Map.ofEntries(
                Map.entry("pk", AttributeValue.fromS(pk)),
                Map.entry("sk", AttributeValue.fromS("JSON-CLIENT")),
                Map.entry("s", AttributeValue.fromS("ñandú 数据 \"quoted\" \\ /")),
                Map.entry("n", AttributeValue.fromN("-12.5e3")),
                Map.entry(
                        "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, -1, 42}))),
                Map.entry("ss", AttributeValue.fromSs(List.of("a", "b"))),
                Map.entry("ns", AttributeValue.fromNs(List.of("1", "2.5"))),
                Map.entry(
                        "bs",
                        AttributeValue.fromBs(
                                List.of(
                                        SdkBytes.fromByteArray(new byte[] {1}),
                                        SdkBytes.fromByteArray(new byte[] {2, 3})))),
                Map.entry(
                        "l",
                        AttributeValue.fromL(
                                List.of(AttributeValue.fromS("x"), AttributeValue.fromN("7")))),
                Map.entry(
                        "m",
                        AttributeValue.fromM(
                                Map.of(
                                        "inner",
                                        AttributeValue.fromM(
                                                Map.of("flag", AttributeValue.fromBool(false)))))),
                Map.entry("nul", AttributeValue.fromNul(true)),
                Map.entry("bool", AttributeValue.fromBool(true)));
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("JSON-CLIENT"));
    }

    @Test
    void whatOneClientWritesTheOtherReadsFieldForField() {
        String byJson = "TEST#json-" + UUID.randomUUID();
        String bySdk = "TEST#sdk-" + UUID.randomUUID();
        json.putItem(r -> r.tableName(table).item(everyKind(byJson)));
        sdk.putItem(r -> r.tableName(table).item(everyKind(bySdk)));

        assertEquals(
                everyKind(byJson),
                sdk.getItem(r -> r.tableName(table).key(key(byJson)).consistentRead(true)).item());
        assertEquals(
                everyKind(bySdk),
                json.getItem(r -> r.tableName(table).key(key(bySdk)).consistentRead(true)).item());
        assertEquals(
                Map.of(),
                json.getItem(r -> r.tableName(table).key(key("TEST#absent")).consistentRead(true))
                        .item(),
                "an item that is not there reads as none, as with the SDK");
    }

    @Test
    void updatesQueriesAndPagesAnswerAsTheSdkDoes() {
        String pk = "TEST#pages-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            String sk = "S" + i;
            json.putItem(
                    r ->
                            r.tableName(table)
                                    .item(
                                            Map.of(
                                                    "pk", AttributeValue.fromS(pk),
                                                    "sk", AttributeValue.fromS(sk),
                                                    "n", AttributeValue.fromN("0"))));
        }
        Function<DynamoDbClient, Map<String, AttributeValue>> increment =
                client ->
                        client.updateItem(
                                        r ->
                                                r.tableName(table)
                                                        .key(
                                                                Map.of(
                                                                        "pk",
                                                                        AttributeValue.fromS(pk),
                                                                        "sk",
                                                                        AttributeValue.fromS("S0")))
                                                        .updateExpression("ADD n :one")
                                                        .expressionAttributeValues(
                                                                Map.of(
                                                                        ":one",
                                                                        AttributeValue.fromN("1")))
                                                        .returnValues(ReturnValue.ALL_NEW))
                                .attributes();
        assertEquals("1", increment.apply(json).get("n").n());
        assertEquals("2", increment.apply(sdk).get("n").n());

        List<String> jsonPages = pages(json, pk);
        List<String> sdkPages = pages(sdk, pk);
        assertEquals(sdkPages, jsonPages);
        assertEquals(3, jsonPages.size(), "five items, two a page: " + jsonPages);
    }

    /** Each page of a query for {@code pk}, two items a page, as "count:items". */
    private List<String> pages(DynamoDbClient client, String pk) {
        List<String> pages = new ArrayList<>();
        client.queryPaginator(
                        r ->
                                r.tableName(table)
                                        .keyConditionExpression("pk = :pk")
                                        .expressionAttributeValues(
                                                Map.of(":pk", AttributeValue.fromS(pk)))
                                        .limit(2))
                .forEach(page -> pages.add(page.count() + ":" + page.items()));
        return pages;
    }

    @Test
    void refusalsAreTheSdksExceptionsWithTheSameCodesAndReasons() {
        String pk = "TEST#refused-" + UUID.randomUUID();
        json.putItem(r -> r.tableName(table).item(key(pk)));
        jsonCount.reset();

        for (DynamoDbClient client : List.of(json, sdk)) {
            ConditionalCheckFailedException conditional =
                    assertThrows(
                            ConditionalCheckFailedException.class,
                            () ->
                                    client.putItem(
                                            r ->
                                                    r.tableName(table)
                                                            .item(key(pk))
                                                            .conditionExpression(
                                                                    "attribute_not_exists(pk)")));
            assertEquals(400, conditional.statusCode());
            assertEquals(
                    "ConditionalCheckFailedException", conditional.awsErrorDetails().errorCode());

            TransactionCanceledException cancelled =
                    assertThrows(
                            TransactionCanceledException.class,
                            () ->
                                    client.transactWriteItems(
                                            r ->
                                                    r.transactItems(
                                                            put(key(pk), true),
                                                            put(key(pk + "-other"), false))));
            assertEquals(
                    List.of("ConditionalCheckFailed", "None"),
                    cancelled.cancellationReasons().stream().map(c -> c.code()).toList());
            assertEquals("TransactionCanceledException", cancelled.awsErrorDetails().errorCode());

            AwsServiceException missing =
                    assertThrows(
                            ResourceNotFoundException.class,
                            () -> client.getItem(r -> r.tableName("no-such-table").key(key(pk))));
            assertEquals(400, missing.statusCode());
        }
        assertEquals(
                sdkCount.snapshot(),
                jsonCount.snapshot(),
                "the interceptors saw the same requests from both");
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, boolean onlyIfNew) {
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (onlyIfNew) {
            put.conditionExpression("attribute_not_exists(pk)");
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    @Test
    void dataKeysOpenEitherWayAndAForeignContextIsRefused() {
        Map<String, String> env = cloud.functionEnvironment("CaptureConsentFunction");
        String keyId = env.get(Settings.KMS_KEY_ID);
        AwsClients aws = new AwsClients(cloud.cloud.clientEnvironment());
        KmsClient jsonKms = aws.jsonKms();
        KmsKeyService viaJson = new KmsKeyService(jsonKms, keyId);
        KmsKeyService viaSdk = new KmsKeyService(aws.kms(), keyId);
        Map<String, String> context = Map.of("service", "consent-vault", "table", table);

        DataKey fromJson = viaJson.generateDataKey(context);
        DataKey fromSdk = viaSdk.generateDataKey(context);
        assertEquals(32, fromJson.plaintext().length);
        assertArrayEquals(fromJson.plaintext(), viaSdk.decrypt(fromJson.wrapped(), context));
        assertArrayEquals(fromSdk.plaintext(), viaJson.decrypt(fromSdk.wrapped(), context));

        assertThrows(
                DecryptionFailedException.class,
                () -> viaJson.decrypt(fromSdk.wrapped(), Map.of("table", "another-table")),
                "KMS's InvalidCiphertextException, as the SDK's client gives it");
        assertEquals("kms", jsonKms.serviceName());
    }

    @Test
    void aSnapStartFunctionCapturesOnTheJsonClientsWithContainerCredentials() throws Exception {
        // as Lambda gives a SnapStart function its credentials: an endpoint, no keys
        com.sun.net.httpserver.HttpServer credentials =
                com.sun.net.httpserver.HttpServer.create(
                        new java.net.InetSocketAddress(
                                java.net.InetAddress.getLoopbackAddress(), 0),
                        0);
        java.util.concurrent.atomic.AtomicInteger asked =
                new java.util.concurrent.atomic.AtomicInteger();
        credentials.createContext(
                "/credentials",
                exchange -> {
                    asked.incrementAndGet();
                    byte[] body =
                            ("{\"AccessKeyId\":\"test\",\"SecretAccessKey\":\"test\","
                                            + "\"Token\":\"session\",\"Expiration\":\""
                                            + java.time.Instant.now().plusSeconds(3600)
                                            + "\"}")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        credentials.start();
        try {
            Map<String, String> env =
                    new java.util.HashMap<>(cloud.functionEnvironment("CaptureConsentFunction"));
            env.remove("AWS_ACCESS_KEY_ID");
            env.remove("AWS_SECRET_ACCESS_KEY");
            env.remove("AWS_SESSION_TOKEN");
            env.put(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    "http://127.0.0.1:" + credentials.getAddress().getPort() + "/credentials");
            env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "token");
            dev.consentvault.functions.Wiring wiring =
                    dev.consentvault.functions.Wiring.forCapture(
                            env, List.of(), java.time.Clock.systemUTC());
            assertEquals(true, wiring.jsonClients());
            var handler = new dev.consentvault.functions.handler.CaptureConsentHandler(wiring);

            var response =
                    handler.handleRequest(
                            cloud.captureEvent(new Captures().emailOnly(), Map.of()), null);

            assertEquals(201, response.getStatusCode(), response.getBody());
            assertEquals(1, asked.get(), "asked once, then kept until near expiry");
        } finally {
            credentials.stop(0);
        }
    }
}
