package dev.consentvault.local.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ContainerFetchException;
import org.testcontainers.containers.ContainerLaunchException;

/** Which cloud a run gets, and the one line it prints when it does not get LocalStack. */
class LocalCloudResolveTest {

    private static final String TOKEN = "ls-secret-token-1234";

    private final LocalCloud moto = new LocalCloud.ExternalCloud(URI.create("http://moto"));
    private final AtomicInteger dockerAsked = new AtomicInteger();
    private final AtomicInteger localStackStarts = new AtomicInteger();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private Supplier<DockerProbe.Result> docker(boolean answers, String reason) {
        return () -> {
            dockerAsked.incrementAndGet();
            return new DockerProbe.Result(answers, reason);
        };
    }

    private Supplier<LocalCloud> localStackFailing(RuntimeException failure) {
        return () -> {
            localStackStarts.incrementAndGet();
            throw failure;
        };
    }

    private LocalCloud resolve(
            Map<String, String> env,
            Supplier<DockerProbe.Result> docker,
            Supplier<LocalCloud> localStack) {
        return LocalCloud.resolve(
                env, docker, localStack, () -> moto, new PrintStream(console, true));
    }

    private List<String> lines() {
        return console.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void whenLocalStackDoesNotStartTheRunGetsMotoAndOneLineSayingWhy() {
        RuntimeException pullFailed =
                new ContainerLaunchException(
                        "Container startup failed for image localstack/localstack:4.14.0",
                        new ContainerFetchException(
                                "Can't get Docker image",
                                new RuntimeException(
                                        "pull access denied for localstack/localstack, token "
                                                + TOKEN
                                                + "\n refused")));

        LocalCloud cloud =
                resolve(
                        Map.of("LOCALSTACK_AUTH_TOKEN", TOKEN),
                        docker(true, null),
                        localStackFailing(pullFailed));

        assertSame(moto, cloud);
        assertEquals(1, localStackStarts.get());
        List<String> lines = lines();
        assertEquals(1, lines.size(), "one line, no stack trace: " + lines);
        String line = lines.get(0);
        assertTrue(
                line.startsWith(
                        "[local-cloud] LocalStack did not start (Container startup failed for image"
                                + " localstack/localstack:4.14.0: pull access denied"),
                line);
        assertTrue(line.contains("using moto"), line);
        assertFalse(line.contains(TOKEN), "the auth token is not printed: " + line);
        assertFalse(line.contains("\tat "), line);
    }

    @Test
    void whenDockerDoesNotAnswerTheRunGetsMotoWithTheReasonAndLocalStackIsNotTried() {
        LocalCloud cloud =
                resolve(
                        Map.of(),
                        docker(false, "Docker at unix:///x.sock did not answer within 10 s"),
                        localStackFailing(new IllegalStateException("must not be called")));

        assertSame(moto, cloud);
        assertEquals(0, localStackStarts.get());
        assertEquals(
                List.of(
                        "[local-cloud] Docker at unix:///x.sock did not answer within 10 s; using"
                                + " moto"),
                lines());
    }

    @Test
    void withNoDockerAnywhereMotoIsUsedWithoutComment() {
        assertSame(moto, resolve(Map.of(), docker(false, null), localStackFailing(null)));
        assertEquals(List.of(), lines());
    }

    @Test
    void localCloudMotoSkipsDockerAndLocalCloudLocalstackDoesNotFallBack() {
        assertSame(
                moto,
                resolve(
                        Map.of("LOCAL_CLOUD", "moto"),
                        docker(true, null),
                        localStackFailing(null)));
        assertEquals(0, dockerAsked.get());

        IllegalStateException noDocker = new IllegalStateException("no Docker");
        assertSame(
                noDocker,
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                resolve(
                                        Map.of("LOCAL_CLOUD", "LocalStack"),
                                        docker(false, null),
                                        localStackFailing(noDocker))));
        assertEquals(0, dockerAsked.get());

        IllegalArgumentException typo =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                resolve(
                                        Map.of("LOCAL_CLOUD", "motto"),
                                        docker(true, null),
                                        localStackFailing(null)));
        assertTrue(typo.getMessage().contains("moto or localstack"), typo.getMessage());
    }

    @Test
    void anEndpointInTheEnvironmentWinsOverEverything() {
        LocalCloud cloud =
                resolve(
                        Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "LOCAL_CLOUD", "moto"),
                        docker(true, null),
                        localStackFailing(null));
        assertEquals(URI.create("http://127.0.0.1:4566"), cloud.endpoint());
        assertEquals(0, dockerAsked.get());
    }
}
