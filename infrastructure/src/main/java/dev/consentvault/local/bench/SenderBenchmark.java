package dev.consentvault.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.core.notify.OutboxSender;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import dev.consentvault.local.LocalRun;
import dev.consentvault.local.LocalStack;
import dev.consentvault.local.Provisioner;
import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.template.SamTemplate;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Prints figures, asserts nothing: how fast the outbox sender sends confirmation messages against
 * the local cloud (moto's SES and SNS). Captures with an email and an SMS purpose fill the outbox;
 * the sender, built as its function builds it, then sends each message (consistent read, open under
 * the cached data key, render, SES SendEmail or SNS Publish, delete). Messages per second over the
 * whole run, and p50/p99 of one message. Run with {@code infrastructure/benchmark-sender
 * [captures]} (each capture makes two messages).
 */
public final class SenderBenchmark {

    private SenderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int captures = args.length > 0 ? Integer.parseInt(args[0]) : 250;
        Path root = LocalRun.projectRoot();
        PrintStream out = System.out;
        out.println(
                "Consent Vault sender benchmark ("
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, Java "
                        + Runtime.version()
                        + ")");
        try (LocalCloud cloud = LocalCloud.resolve(root, System.getenv())) {
            out.println("local cloud: " + cloud.description());
            LocalStack stack =
                    new Provisioner(
                                    SamTemplate.load(root.resolve("template.yaml")),
                                    cloud,
                                    "cv-bench-" + UUID.randomUUID().toString().substring(0, 8),
                                    LocalRun.demoParameters(),
                                    new PrintStream(OutputStream.nullOutputStream()))
                            .provision();
            DynamoDbClient dynamo = new AwsClients(cloud.clientEnvironment()).dynamoDb();
            try {
                CaptureConsentHandler capture =
                        new CaptureConsentHandler(
                                stack.functionEnvironment(
                                        "CaptureConsentFunction", cloud.clientEnvironment()));
                for (int i = 0; i < captures; i++) {
                    APIGatewayV2HTTPEvent event =
                            APIGatewayV2HTTPEvent.builder()
                                    .withRouteKey("POST /v1/consents")
                                    .withHeaders(
                                            Map.of(
                                                    "content-type",
                                                    "application/json",
                                                    "x-forwarded-proto",
                                                    "http",
                                                    "host",
                                                    "127.0.0.1:3000"))
                                    .withBody(body(i))
                                    .build();
                    if (capture.handleRequest(event, null).getStatusCode() != 201) {
                        throw new IllegalStateException("capture failed");
                    }
                }
                List<String> outbox = new ArrayList<>();
                dynamo.scanPaginator(r -> r.tableName(stack.physicalId("ConsentTable")))
                        .items()
                        .forEach(
                                item -> {
                                    if (item.get("pk").s().startsWith("OUTBOX#")) {
                                        outbox.add(item.get("pk").s());
                                    }
                                });
                OutboxSender sender =
                        new Wiring(
                                        stack.functionEnvironment(
                                                "SendMessagesFunction", cloud.clientEnvironment()),
                                        List.of(),
                                        Clock.systemUTC())
                                .outboxSender();
                // the container's first message opens its data key (one KMS Decrypt); the figures
                // are for the messages after, as a warm function sends them
                sender.send(outbox.remove(0));
                long[] nanos = new long[outbox.size()];
                long started = System.nanoTime();
                for (int i = 0; i < outbox.size(); i++) {
                    long t = System.nanoTime();
                    sender.send(outbox.get(i));
                    nanos[i] = System.nanoTime() - t;
                }
                long total = System.nanoTime() - started;
                Arrays.sort(nanos);
                out.println();
                out.printf(
                        "Sender, warm, one message at a time (email and SMS alike), %d messages:%n",
                        nanos.length);
                out.printf("  messages/s  %8.1f%n", nanos.length / (total / 1e9));
                out.printf("  p50 ms      %8.2f%n", nanos[nanos.length / 2] / 1e6);
                out.printf("  p99 ms      %8.2f%n", nanos[(int) (nanos.length * 0.99)] / 1e6);
            } finally {
                for (String table : List.of("ConsentTable", "PrivacyRequestsTable")) {
                    dynamo.deleteTable(r -> r.tableName(stack.physicalId(table)));
                }
            }
        }
    }

    private static String body(int i) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return "{\"subject\":{\"email\":\"bench."
                + id
                + "@example.com\",\"phone\":\"+3460"
                + String.format("%07d", i)
                + "\"},\"purposes\":{\"marketing-email\":true,\"marketing-sms\":true},"
                + "\"noticeVersion\":\"2026-11-01\",\"source\":{\"page\":\"bench\"},"
                + "\"jurisdiction\":\"EU\",\"locale\":\"es-ES\",\"ageConfirmed\":true}";
    }
}
