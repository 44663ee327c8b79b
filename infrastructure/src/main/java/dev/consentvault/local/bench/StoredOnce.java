package dev.consentvault.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.aws.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The load test's check, on a raw scan of the consent table: every sign-up the API accepted (201
 * written, 202 held) is stored exactly once. Waits first for the capture buffer queue to drain.
 * Exits 1 if any sign-up is lost or stored twice.
 *
 * <p>Usage: {@code StoredOnce ACCEPTED_JSONL [STACK]} with AWS_ENDPOINT_URL pointing at the local
 * run's cloud; STACK defaults to the local run's, consent-vault-local.
 */
public final class StoredOnce {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredOnce() {}

    /** One accepted answer: its Idempotency-Key, receipt id and status. */
    private record Accepted(String key, String receiptId, int status) {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String stack = args.length > 1 ? args[1] : "consent-vault-local";
        AwsClients aws = new AwsClients(System.getenv());
        List<Accepted> accepted = new ArrayList<>();
        long abandoned = 0;
        String startedAt = "";
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                if (n.has("abandonedInFlight")) {
                    abandoned = n.get("abandonedInFlight").asLong();
                    startedAt = n.path("startedAt").asText();
                    continue;
                }
                accepted.add(
                        new Accepted(
                                n.path("key").asText(),
                                n.path("receiptId").asText(),
                                n.path("status").asInt()));
            }
        }
        long drained = drain(aws.sqs(), stack + "-capture-buffer");
        Map<String, Integer> receipts = new HashMap<>();
        Set<String> sinceStart = new java.util.HashSet<>();
        String since = startedAt;
        DynamoDbClient dynamo = aws.dynamoDb();
        long scanned =
                dynamo
                        .scanPaginator(r -> r.tableName(stack + "-consents").consistentRead(true))
                        .items()
                        .stream()
                        .peek(
                                i -> {
                                    if (i.get("sk").s().equals("RECEIPT")) {
                                        String id = i.get("pk").s().substring("RECEIPT#".length());
                                        receipts.merge(id, 1, Integer::sum);
                                        // ISO-8601 instants in UTC compare as text
                                        if (i.get("capturedAt").s().compareTo(since) >= 0) {
                                            sinceStart.add(id);
                                        }
                                    }
                                })
                        .count();
        Map<String, List<Accepted>> byKey =
                accepted.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Accepted::key, LinkedHashMap::new, Collectors.toList()));
        int lost = 0;
        int twice = 0;
        for (List<Accepted> answers : byKey.values()) {
            Set<String> ids = answers.stream().map(Accepted::receiptId).collect(Collectors.toSet());
            int stored = ids.stream().mapToInt(id -> receipts.getOrDefault(id, 0)).sum();
            if (stored == 0) {
                lost++;
            } else if (stored > 1) {
                twice++;
            }
        }
        Map<Integer, Long> statuses =
                accepted.stream()
                        .collect(Collectors.groupingBy(Accepted::status, Collectors.counting()));
        System.out.printf(
                "raw scan of %s-consents (%d items, after %d s for the capture buffer to drain):%n",
                stack, scanned, drained);
        System.out.printf(
                "  accepted answers %d %s, distinct sign-ups (Idempotency-Keys) %d%n",
                accepted.size(), statuses, byKey.size());
        Set<String> answered =
                accepted.stream().map(Accepted::receiptId).collect(Collectors.toSet());
        // receipts captured since the load test started that no answer gave
        long unanswered = sinceStart.stream().filter(id -> !answered.contains(id)).count();
        System.out.printf(
                "  stored exactly once %d, lost %d, stored twice %d%n",
                byKey.size() - lost - twice, lost, twice);
        // a receipt captured during the test that no answer gave is a request abandoned in flight
        // when its stage ended (recorded, its answer never read) - or a second receipt for a
        // sign-up
        System.out.printf(
                "  receipts no answer gave %d, requests abandoned in flight %d%s%n",
                unanswered,
                abandoned,
                unanswered > abandoned
                        ? ": more receipts than requests, a sign-up stored twice"
                        : "");
        System.exit(lost == 0 && twice == 0 ? 0 : 1);
    }

    /** Waits until the capture buffer queue is empty; returns the seconds it took. */
    private static long drain(SqsClient sqs, String queue) throws InterruptedException {
        String url = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
        long started = System.nanoTime();
        while (true) {
            Map<QueueAttributeName, String> a =
                    sqs.getQueueAttributes(
                                    r ->
                                            r.queueUrl(url)
                                                    .attributeNames(
                                                            QueueAttributeName
                                                                    .APPROXIMATE_NUMBER_OF_MESSAGES,
                                                            QueueAttributeName
                                                                    .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                            .attributes();
            int depth =
                    Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                            + Integer.parseInt(
                                    a.get(
                                            QueueAttributeName
                                                    .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            long waited = (System.nanoTime() - started) / 1_000_000_000L;
            if (depth == 0 || waited > 300) {
                return waited;
            }
            Thread.sleep(1000);
        }
    }
}
