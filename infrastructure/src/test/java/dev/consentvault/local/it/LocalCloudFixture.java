package dev.consentvault.local.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.core.config.Settings;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import dev.consentvault.functions.handler.RequestDispatcherHandler;
import dev.consentvault.functions.handler.RequestSweeperHandler;
import dev.consentvault.functions.handler.SendMessagesHandler;
import dev.consentvault.functions.handler.ViewReceiptHandler;
import dev.consentvault.functions.handler.WithdrawConsentHandler;
import dev.consentvault.local.LocalFunction;
import dev.consentvault.local.LocalRun;
import dev.consentvault.local.LocalStack;
import dev.consentvault.local.Provisioner;
import dev.consentvault.local.StreamPoller;
import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.gateway.LocalOutbox;
import dev.consentvault.local.template.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One local cloud per test JVM, provisioned from template.yaml under a stack name of its own, so
 * each run starts from empty tables.
 */
public final class LocalCloudFixture {

    /**
     * The capture's write patience in this stack (CaptureWritePatienceMs; the template's default is
     * 1000): a loaded machine's moto can take over a second for a transaction, which would hold a
     * capture (202) where a test expects it written (201). Tests of the hold path build their
     * handler with {@link #captureHandlerWithDeployedPatience}.
     */
    public static final String TEST_WRITE_PATIENCE_MS = "6000";

    private static LocalCloudFixture instance;

    public final Path root;
    public final LocalCloud cloud;
    public final LocalStack stack;
    public final String provisioningOutput;
    private final DynamoDbClient dynamo;
    private StreamPoller dispatcher;
    private StreamPoller sender;

    private LocalCloudFixture() {
        root = LocalRun.projectRoot();
        cloud = LocalCloud.resolve(root, System.getenv());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        stack =
                new Provisioner(
                                SamTemplate.load(root.resolve("template.yaml")),
                                cloud,
                                "cv-it-" + UUID.randomUUID().toString().substring(0, 8),
                                parameters(),
                                new PrintStream(progress, true))
                        .provision();
        provisioningOutput = progress.toString();
        dynamo = new AwsClients(cloud.clientEnvironment()).dynamoDb();
        // a reused local cloud should not keep every test run's tables (moto copies them on each
        // transaction)
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    for (String table :
                                            List.of(
                                                    "ConsentTable",
                                                    "AuditTable",
                                                    "PrivacyRequestsTable")) {
                                        try {
                                            dynamo.deleteTable(
                                                    r -> r.tableName(stack.physicalId(table)));
                                        } catch (RuntimeException alreadyGone) {
                                            // the cloud stopped first
                                        }
                                    }
                                },
                                "it-stack-cleanup"));
    }

    private static Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>(LocalRun.demoParameters());
        parameters.put("CaptureWritePatienceMs", TEST_WRITE_PATIENCE_MS);
        return parameters;
    }

    public static synchronized LocalCloudFixture get() {
        if (instance == null) {
            instance = new LocalCloudFixture();
        }
        return instance;
    }

    public Map<String, String> functionEnvironment(String logicalId) {
        return stack.functionEnvironment(logicalId, cloud.clientEnvironment());
    }

    public String consentTable() {
        return stack.physicalId("ConsentTable");
    }

    public String keysTable() {
        return stack.physicalId("ReceiptKeysTable");
    }

    /**
     * A capture handler as Lambda would build it (its DynamoDB and KMS clients the JSON-protocol
     * ones, {@link Wiring#forCapture}), with extra SDK interceptors (counters, faults).
     */
    public CaptureConsentHandler captureHandler(ExecutionInterceptor... interceptors) {
        return new CaptureConsentHandler(
                Wiring.forCapture(
                        functionEnvironment("CaptureConsentFunction"),
                        List.of(interceptors),
                        Clock.systemUTC()));
    }

    /**
     * A capture handler with the deployed write patience (the template's default, 1 s), for tests
     * that prove a throttled, failing or hung write is held and answered 202 in time.
     */
    public CaptureConsentHandler captureHandlerWithDeployedPatience(
            ExecutionInterceptor... interceptors) {
        Map<String, String> env =
                new LinkedHashMap<>(functionEnvironment("CaptureConsentFunction"));
        env.put(
                "CAPTURE_WRITE_PATIENCE_MS",
                Long.toString(Settings.DEFAULT_CAPTURE_WRITE_PATIENCE.toMillis()));
        return new CaptureConsentHandler(
                Wiring.forCapture(env, List.of(interceptors), Clock.systemUTC()));
    }

    /** The API services as the named function builds them, on a clock the test may move. */
    public Wiring api(String functionLogicalId, Clock clock, ExecutionInterceptor... interceptors) {
        return new Wiring(functionEnvironment(functionLogicalId), List.of(interceptors), clock);
    }

    /**
     * The outbox dispatcher fed from the privacy-requests table's stream as its event source would,
     * with extra SDK interceptors. It reads from the stream's start, so its first poll catches up
     * with what earlier tests wrote.
     */
    public StreamPoller dispatcher(ExecutionInterceptor... interceptors) {
        String id = "RequestDispatcherFunction";
        RequestDispatcherHandler handler =
                new RequestDispatcherHandler(
                        api(id, Clock.systemUTC(), interceptors).requestDispatch());
        return StreamPoller.forTemplate(
                        stack, cloud, Map.of(id, LocalFunction.hosting(stack, id, handler)))
                .get(0);
    }

    /**
     * The messages sender fed from the consent table's stream as its event source would (inserts of
     * OUTBOX# messages), with extra SDK interceptors. It reads from the stream's start.
     */
    public StreamPoller sender(ExecutionInterceptor... interceptors) {
        String id = "SendMessagesFunction";
        SendMessagesHandler handler =
                new SendMessagesHandler(api(id, Clock.systemUTC(), interceptors).outboxSender());
        return StreamPoller.forTemplate(
                        stack, cloud, Map.of(id, LocalFunction.hosting(stack, id, handler)))
                .get(0);
    }

    /**
     * Confirms a receipt's pending purposes as the person would, with the link and the code its
     * messages in the outbox carry (opened as the sender opens them, without sending them).
     */
    public void confirmAll(String receiptId, String receiptToken) {
        Wiring wiring = api("ConfirmConsentFunction", Clock.systemUTC());
        dev.consentvault.core.notify.Outbox outbox = wiring.outbox();
        dev.consentvault.core.consent.Confirmations confirmations = wiring.confirmations();
        for (Map<String, AttributeValue> raw : scanConsentTable()) {
            if (!raw.get("pk").s().startsWith("OUTBOX#") || !raw.containsKey("channel")) {
                continue;
            }
            dev.consentvault.core.notify.OutboundMessage message =
                    outbox.open(dev.consentvault.core.notify.OutboxItem.of(outboxItem(raw)));
            if (!receiptId.equals(message.params().get("receiptId"))) {
                continue;
            }
            switch (message.kind()) {
                case CONFIRM_EMAIL -> {
                    String link = message.params().get("link");
                    confirmations
                            .confirmByLink(receiptId, link.substring(link.lastIndexOf('/') + 1))
                            .orElseThrow();
                }
                case CONFIRM_SMS ->
                        confirmations
                                .confirmByCode(
                                        receiptId,
                                        receiptToken,
                                        ("{\"code\": \"" + message.params().get("code") + "\"}")
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .orElseThrow();
                default -> {}
            }
        }
    }

    private static dev.consentvault.core.store.StoredItem outboxItem(
            Map<String, AttributeValue> raw) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String name : List.of("channel", "kind", "locale", "createdAt")) {
            if (raw.containsKey(name)) {
                attributes.put(name, raw.get(name).s());
            }
        }
        attributes.put("sealed", raw.get("sealed").b().asByteArray());
        attributes.put("expiresAt", Long.parseLong(raw.get("expiresAt").n()));
        return new dev.consentvault.core.store.StoredItem(
                raw.get("pk").s(), raw.get("sk").s(), attributes);
    }

    /** The outbox sweeper as its function builds it, on a clock the test may move. */
    public RequestSweeperHandler sweeper(Clock clock, ExecutionInterceptor... interceptors) {
        return new RequestSweeperHandler(
                api("RequestSweeperFunction", clock, interceptors).requestDispatch());
    }

    /**
     * Queues what the API and the CLI filed, as the stack's dispatcher does within a second;
     * returns how many stream records it read.
     */
    public synchronized int dispatchFiled() {
        if (dispatcher == null) {
            dispatcher = dispatcher(new ExecutionInterceptor[0]);
        }
        return dispatcher.pollOnce();
    }

    /**
     * Confirms a receipt's pending email purposes as the person would: the sender sends what the
     * captures queued, the link sent to {@code email} is read back from the local outbox (what the
     * local cloud's SES accepted) and used (POST) through the confirmation function's service.
     * Afterwards the email is confirmed on the receipt and its purposes are GRANTED.
     */
    public synchronized void confirmEmailThroughOutbox(String receiptId, String email)
            throws java.io.IOException {
        if (sender == null) {
            sender = sender(new ExecutionInterceptor[0]);
        }
        sender.pollOnce();
        String prefix = "/v1/receipts/" + receiptId + "/confirmations/";
        String link = null;
        for (com.fasterxml.jackson.databind.JsonNode m :
                new LocalOutbox(cloud.endpoint()).messages()) {
            if (m.path("to").asText().equals(email)) {
                for (com.fasterxml.jackson.databind.JsonNode l : m.path("links")) {
                    if (l.asText().contains(prefix)) {
                        link = l.asText();
                    }
                }
                if (link != null) {
                    break;
                }
            }
        }
        if (link == null) {
            throw new AssertionError("no confirmation link was sent for receipt " + receiptId);
        }
        String token = link.substring(link.indexOf(prefix) + prefix.length()).split("[?#]")[0];
        api("ConfirmConsentFunction", Clock.systemUTC())
                .confirmations()
                .confirmByLink(receiptId, token)
                .orElseThrow(() -> new AssertionError("the link confirmed nothing: " + receiptId));
    }

    public ViewReceiptHandler viewHandler(Clock clock) {
        return new ViewReceiptHandler(api("ViewReceiptFunction", clock).receipts());
    }

    public WithdrawConsentHandler withdrawHandler(Clock clock) {
        return new WithdrawConsentHandler(api("WithdrawConsentFunction", clock).receipts());
    }

    /** Every item of one of the template's tables, raw. */
    public List<Map<String, AttributeValue>> scan(String tableLogicalId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(
                        r -> r.tableName(stack.physicalId(tableLogicalId)).consistentRead(true))
                .items()
                .forEach(items::add);
        return items;
    }

    /** A sample event from events/ for the given path parameters and bearer token. */
    public APIGatewayV2HTTPEvent receiptEvent(
            String file, String receiptId, String token, String body) {
        APIGatewayV2HTTPEvent event = bearerEvent(file, token, body);
        event.setPathParameters(Map.of("receiptId", receiptId));
        return event;
    }

    /**
     * A sample event from events/ with the given bearer token (none when null) and body (the
     * sample's when null).
     */
    public APIGatewayV2HTTPEvent bearerEvent(String file, String token, String body) {
        APIGatewayV2HTTPEvent event =
                EventLoader.loadApiGatewayHttpEvent(root.resolve("events/" + file).toString());
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        if (token == null) {
            headers.remove("authorization");
        } else {
            headers.put("authorization", "Bearer " + token);
        }
        event.setHeaders(headers);
        if (body != null) {
            event.setBody(body);
        }
        return event;
    }

    /**
     * Marks identifiers ("email", "phone") confirmed on a receipt, as the double opt-in's
     * confirmation does once the person followed the link or typed the code sent to them.
     */
    public void confirm(String receiptId, String... fields) {
        dynamo.updateItem(
                r ->
                        r.tableName(consentTable())
                                .key(
                                        Map.of(
                                                "pk",
                                                AttributeValue.fromS("RECEIPT#" + receiptId),
                                                "sk",
                                                AttributeValue.fromS("RECEIPT")))
                                .updateExpression("SET verified = :v")
                                .expressionAttributeValues(
                                        Map.of(
                                                ":v",
                                                AttributeValue.fromL(
                                                        List.of(fields).stream()
                                                                .map(AttributeValue::fromS)
                                                                .toList()))));
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** Messages on one of the template's queues, visible or in flight. */
    public int queueDepth(String queueLogicalId) {
        Map<software.amazon.awssdk.services.sqs.model.QueueAttributeName, String> a =
                new AwsClients(cloud.clientEnvironment())
                        .sqs()
                        .getQueueAttributes(
                                r ->
                                        r.queueUrl(stack.physicalId(queueLogicalId))
                                                .attributeNames(
                                                        software.amazon.awssdk.services.sqs.model
                                                                .QueueAttributeName
                                                                .APPROXIMATE_NUMBER_OF_MESSAGES,
                                                        software.amazon.awssdk.services.sqs.model
                                                                .QueueAttributeName
                                                                .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes();
        return a.values().stream().mapToInt(Integer::parseInt).sum();
    }

    /** Every item of the consent table, raw, as DynamoDB holds it. */
    public List<Map<String, AttributeValue>> scanConsentTable() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(r -> r.tableName(consentTable()).consistentRead(true))
                .items()
                .forEach(items::add);
        return items;
    }

    public int consentItemCount() {
        return scanConsentTable().size();
    }

    /** The sample event from events/, with another body and extra headers. */
    public APIGatewayV2HTTPEvent captureEvent(String body, Map<String, String> extraHeaders) {
        APIGatewayV2HTTPEvent event =
                EventLoader.loadApiGatewayHttpEvent(
                        root.resolve("events/capture-consent.json").toString());
        Map<String, String> headers = new LinkedHashMap<>(event.getHeaders());
        headers.remove("idempotency-key");
        headers.putAll(extraHeaders);
        event.setHeaders(headers);
        event.setBody(body);
        return event;
    }
}
