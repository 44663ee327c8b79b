package dev.consentvault.functions.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.consentvault.core.TimeBudget;
import dev.consentvault.core.log.JsonLog;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SqsBatchTest {

    /** A Lambda context with {@code millis} left, counting down as Lambda's does. */
    private static Context remaining(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        return (Context)
                Proxy.newProxyInstance(
                        Context.class.getClassLoader(),
                        new Class<?>[] {Context.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "getRemainingTimeInMillis" ->
                                            (int) (deadline - System.currentTimeMillis());
                                    case "getAwsRequestId" -> "test-invocation";
                                    default -> null;
                                });
    }

    private static SQSEvent batch(int messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(
                IntStream.rangeClosed(1, messages)
                        .mapToObj(
                                i -> {
                                    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                                    message.setMessageId("m" + i);
                                    message.setBody("body " + i);
                                    return message;
                                })
                        .toList());
        return event;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void aMessageThatWouldOverrunIsReportedNotStarted() {
        List<String> processed = new ArrayList<>();
        SqsBatch batch =
                new SqsBatch(
                        new JsonLog("test"),
                        body -> {
                            processed.add(body);
                            sleep(Duration.ofMillis(700));
                        });
        long started = System.nanoTime();

        // 2 s to the timeout: a 1 s budget, room for one 0.7 s message, not for a second
        SQSBatchResponse response = batch.process(batch(3), remaining(2000));

        assertEquals(List.of("body 1"), processed);
        assertEquals(List.of("m2", "m3"), failed(response), "they come back later");
        assertTrue(
                Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(2000))
                        < 0,
                "the batch answered before the function's timeout");
    }

    @Test
    void eachMessageRunsWithinTheInvocationsBudget() {
        List<Duration> seen = new ArrayList<>();
        SqsBatch batch =
                new SqsBatch(
                        new JsonLog("test"),
                        body -> seen.add(TimeBudget.current().orElseThrow().remaining()));

        SQSBatchResponse response = batch.process(batch(2), remaining(30_000));

        assertEquals(List.of(), failed(response));
        assertEquals(2, seen.size());
        seen.forEach(
                left ->
                        assertTrue(
                                left.compareTo(Duration.ofSeconds(29)) <= 0
                                        && left.compareTo(Duration.ofSeconds(28)) > 0,
                                "the function's 30 s less the safety margin: " + left));
        assertTrue(TimeBudget.current().isEmpty(), "the budget ends with the invocation");
    }

    @Test
    void aFailedMessageIsReportedAndTheRestGoOn() {
        SqsBatch batch =
                new SqsBatch(
                        new JsonLog("test"),
                        body -> {
                            if (body.equals("body 1")) {
                                throw new IllegalStateException("refused");
                            }
                        });

        assertEquals(List.of("m1"), failed(batch.process(batch(3), remaining(30_000))));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
