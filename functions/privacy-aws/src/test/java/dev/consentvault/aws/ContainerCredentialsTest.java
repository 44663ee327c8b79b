package dev.consentvault.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A SnapStart function's credentials, from a container credentials endpoint on loopback: asked with
 * its token, kept until five minutes before they expire, dropped at a checkpoint and after a
 * restore, and never quoted in an error.
 */
class ContainerCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");
    private HttpServer endpoint;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();
    private volatile String answer;
    private volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext(
                "/2021-04-23/credentials",
                exchange -> {
                    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
                    int n = served.incrementAndGet();
                    byte[] body =
                            answer.replace("#", Integer.toString(n))
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        endpoint.start();
        answer = credentials(NOW.plus(Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
    }

    private static String credentials(Instant expiry) {
        return "{\"AccessKeyId\":\"ASIA#\",\"SecretAccessKey\":\"secret-#\","
                + "\"Token\":\"token-#\",\"Expiration\":\""
                + expiry
                + "\"}";
    }

    private Map<String, String> env() {
        return Map.of(
                ContainerCredentials.FULL_URI,
                "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2021-04-23/credentials",
                ContainerCredentials.TOKEN,
                "the-authorization-token");
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void askedWithTheTokenAndKeptUntilShortlyBeforeTheyExpire() {
        ContainerCredentials fresh = ContainerCredentials.fromEnvironment(env(), at(NOW));
        SigV4.Credentials first = fresh.get();
        assertEquals("ASIA1", first.accessKeyId());
        assertEquals("secret-1", first.secretAccessKey());
        assertEquals("token-1", first.sessionToken());
        assertEquals(first, fresh.get(), "kept, not asked again");
        assertEquals(List.of("the-authorization-token"), authorizations);

        ContainerCredentials late =
                ContainerCredentials.fromEnvironment(env(), at(NOW.plus(Duration.ofMinutes(56))));
        assertEquals("ASIA2", late.get().accessKeyId());
        assertEquals("ASIA3", late.get().accessKeyId(), "within 5 minutes of expiry: asked again");
    }

    @Test
    void noneAreKeptInASnapshotNorTakenFromOne() {
        ContainerCredentials credentials = ContainerCredentials.fromEnvironment(env(), at(NOW));
        assertEquals("ASIA1", credentials.get().accessKeyId());
        credentials.beforeCheckpoint(null);
        credentials.afterRestore(null);
        assertEquals("ASIA2", credentials.get().accessKeyId(), "the restored copy asks anew");
    }

    @Test
    void aFailingEndpointIsAClientErrorThatQuotesNoSecret() {
        answer = "{\"AccessKeyId\":\"ASIA#\",\"SecretAccessKey\":\"leaked-secret\",\"Expiration\":";
        AwsClients aws =
                new AwsClients(
                        Map.of(
                                "AWS_ENDPOINT_URL",
                                "http://127.0.0.1:9",
                                "AWS_REGION",
                                "eu-west-1",
                                ContainerCredentials.FULL_URI,
                                env().get(ContainerCredentials.FULL_URI),
                                ContainerCredentials.TOKEN,
                                "t"));
        assertTrue(aws.signsFromEnvironment());
        DynamoDbClient dynamo = aws.jsonDynamoDb();

        SdkClientException failed =
                assertThrows(
                        SdkClientException.class,
                        () -> dynamo.getItem(r -> r.tableName("t").key(Map.of())));
        assertFalse(failed.toString().contains("leaked-secret"), failed.toString());
        assertNull(failed.getCause(), "no parser message that could quote the answer");
    }

    @Test
    void plainHttpOnlyToThisMachineOrTheContainerHost() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ContainerCredentials.fromEnvironment(
                                Map.of(ContainerCredentials.FULL_URI, "http://example.com/creds"),
                                at(NOW)));
        assertNull(ContainerCredentials.fromEnvironment(Map.of(), at(NOW)));
        assertFalse(new AwsClients(Map.of("AWS_REGION", "eu-west-1")).signsFromEnvironment());
    }
}
