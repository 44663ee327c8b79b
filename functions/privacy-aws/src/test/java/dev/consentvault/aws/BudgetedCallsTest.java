package dev.consentvault.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.core.TimeBudget;
import dev.consentvault.core.crypto.KeyServiceUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Calls to a service that accepts connections and never answers: within an invocation's budget they
 * end when the budget does, not at the client's timeout; with nothing left they are not sent.
 */
class BudgetedCallsTest {

    private ServerSocket silent;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private AwsClients aws;

    @BeforeEach
    void startSilentService() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor =
                new Thread(
                        () -> {
                            try {
                                while (true) {
                                    connections.add(silent.accept());
                                }
                            } catch (IOException closed) {
                                // the test is over
                            }
                        });
        acceptor.setDaemon(true);
        acceptor.start();
        aws =
                new AwsClients(
                        Map.of(
                                "AWS_ENDPOINT_URL",
                                "http://127.0.0.1:" + silent.getLocalPort(),
                                "AWS_REGION",
                                "eu-west-1",
                                "AWS_ACCESS_KEY_ID",
                                "test",
                                "AWS_SECRET_ACCESS_KEY",
                                "test"));
    }

    @AfterEach
    void stop() throws IOException {
        silent.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }

    @ParameterizedTest(name = "JSON client: {0}")
    @ValueSource(booleans = {false, true})
    void aHungCallEndsWhenTheBudgetDoes(boolean json) {
        DynamoDbClient dynamo = json ? aws.jsonDynamoDb() : aws.dynamoDb();
        // 4 s left before the function's timeout: 3 s after the safety margin
        TimeBudget budget = TimeBudget.ofRemaining(4000);
        long started = System.nanoTime();

        assertThrows(
                ApiCallTimeoutException.class,
                () ->
                        TimeBudget.within(
                                budget, () -> dynamo.getItem(r -> r.tableName("t").key(Map.of()))));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofMillis(2950)) >= 0, "waited for the budget: " + took);
        assertTrue(
                took.compareTo(Duration.ofMillis(4000)) < 0,
                "ended before the function's timeout: " + took);
        assertEquals(1, connections.size(), "the call was sent");
        assertFalse(
                Thread.currentThread().isInterrupted(),
                "the thread can go on to answer (the timeout's interrupt is cleared)");
    }

    @ParameterizedTest(name = "JSON client: {0}")
    @ValueSource(booleans = {false, true})
    void aCallIsNotSentWhenTheBudgetIsSpent(boolean json) {
        KmsKeyService keys = new KmsKeyService(json ? aws.jsonKms() : aws.kms(), "alias/test");
        // less than the safety margin left: nothing may start
        TimeBudget spent = TimeBudget.ofRemaining(900);

        assertThrows(
                KeyServiceUnavailableException.class,
                () ->
                        TimeBudget.within(
                                spent, () -> keys.generateDataKey(Map.of("service", "test"))));
        assertEquals(0, connections.size(), "nothing reached the service");
    }

    @Test
    void theBudgetEndsWithTheInvocation() {
        TimeBudget.within(TimeBudget.ofRemaining(5000), () -> null);
        assertTrue(TimeBudget.current().isEmpty(), "the next invocation starts without it");
    }
}
