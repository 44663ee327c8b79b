package dev.consentvault.local.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentvault.local.LocalRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asking Testcontainers whether Docker answers: only when worth it, and never for long. */
class DockerProbeTest {

    @TempDir Path home;

    @Test
    void aProbeThatNeverAnswersIsGivenUpAfterTheLimit() {
        long start = System.nanoTime();
        DockerProbe.Result result =
                DockerProbe.ask(
                        () -> {
                            try {
                                Thread.sleep(Long.MAX_VALUE);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return true;
                        },
                        Duration.ofSeconds(1),
                        "Docker at unix:///nowhere.sock");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertFalse(result.answers());
        assertEquals("Docker at unix:///nowhere.sock did not answer within 1 s", result.reason());
        assertTrue(millis < 3_000, "gave up after " + millis + " ms");
    }

    @Test
    void aProbeThatAnswersOrFailsSaysSo() {
        assertEquals(
                new DockerProbe.Result(true, null),
                DockerProbe.ask(() -> true, Duration.ofSeconds(5), "Docker"));
        assertEquals(
                new DockerProbe.Result(false, "Docker did not answer"),
                DockerProbe.ask(() -> false, Duration.ofSeconds(5), "Docker"));
        DockerProbe.Result failed =
                DockerProbe.ask(
                        () -> {
                            throw new IllegalStateException("no engine");
                        },
                        Duration.ofSeconds(5),
                        "Docker");
        assertFalse(failed.answers());
        assertTrue(failed.reason().contains("no engine"), failed.reason());
    }

    @Test
    void theProbeRunsOnlyWhenSomePlaceDockerCouldBeExists() throws IOException {
        boolean systemSocket =
                Files.exists(Path.of("/var/run/docker.sock"))
                        || Files.exists(
                                Path.of(
                                        "/run/user",
                                        String.valueOf(
                                                Files.getAttribute(
                                                        Path.of("/proc/self"), "unix:uid")),
                                        "docker.sock"));
        assertEquals(systemSocket, DockerProbe.worthAsking(Map.of(), home));
        if (!systemSocket) {
            long start = System.nanoTime();
            assertEquals(new DockerProbe.Result(false, null), DockerProbe.check(Map.of(), home));
            assertTrue(
                    System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1),
                    "no Docker anywhere: answered at once, without asking Testcontainers");
        }

        assertTrue(DockerProbe.worthAsking(Map.of("DOCKER_HOST", "tcp://10.0.0.2:2375"), home));
        assertTrue(
                DockerProbe.worthAsking(
                        Map.of("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE", "/x.sock"), home));
        Path rootless = Files.createDirectories(home.resolve("xdg"));
        Files.createFile(rootless.resolve("docker.sock"));
        assertTrue(DockerProbe.worthAsking(Map.of("XDG_RUNTIME_DIR", rootless.toString()), home));

        Path desktopHome = Files.createDirectories(home.resolve("desktop-user"));
        Files.createDirectories(desktopHome.resolve(".docker/run"));
        Files.createFile(desktopHome.resolve(".docker/run/docker.sock"));
        assertTrue(DockerProbe.worthAsking(Map.of(), desktopHome));

        Path configuredHome = Files.createDirectories(home.resolve("configured-user"));
        Files.writeString(
                configuredHome.resolve(".testcontainers.properties"),
                "docker.host=tcp://10.0.0.2:2375\n");
        assertTrue(DockerProbe.worthAsking(Map.of(), configuredHome));
    }

    /**
     * The real resolution in a fresh JVM whose DOCKER_HOST is a socket that accepts and never
     * answers: Testcontainers connects, the probe gives up within its limit, and the run gets moto
     * (the moto on 127.0.0.1:4566, started if none answers) with one line saying why.
     */
    @Test
    void aDockerSocketThatNeverAnswersCostsTheLimitAndTheRunGetsMoto() throws Exception {
        Path socket = Files.createTempFile(Path.of("/tmp"), "silent-docker", ".sock");
        Files.delete(socket);
        List<SocketChannel> accepted = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread listener =
                    new Thread(
                            () -> {
                                try {
                                    while (true) {
                                        SocketChannel connection = server.accept();
                                        synchronized (accepted) {
                                            accepted.add(connection);
                                        }
                                    }
                                } catch (IOException closed) {
                                    // the test is over
                                }
                            },
                            "silent-docker");
            listener.setDaemon(true);
            listener.start();

            ProcessBuilder child =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "java")
                                            .toString(),
                                    "-cp",
                                    System.getProperty("java.class.path"),
                                    ResolveLocalCloud.class.getName())
                            .directory(LocalRun.projectRoot().toFile())
                            .redirectErrorStream(true);
            Map<String, String> env = child.environment();
            env.remove("AWS_ENDPOINT_URL");
            env.remove("LOCAL_CLOUD");
            env.put("DOCKER_HOST", "unix://" + socket);
            String gaveUp =
                    "[local-cloud] Docker at unix://"
                            + socket
                            + " did not answer within 10 s; using moto";
            long start = System.nanoTime();
            Process process = child.start();
            StringBuilder output = new StringBuilder();
            long gaveUpAfter = -1;
            try (BufferedReader lines =
                    new BufferedReader(
                            new InputStreamReader(
                                    process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (line.equals(gaveUp)) {
                        gaveUpAfter = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                    }
                }
            }
            // starting moto afterwards may take a while when it has to be installed first
            assertTrue(process.waitFor(180, TimeUnit.SECONDS), output.toString());

            assertEquals(0, process.exitValue(), output.toString());
            assertTrue(gaveUpAfter >= 0, "no line saying why:\n" + output);
            // the limit, plus a JVM start on a busy machine
            assertTrue(gaveUpAfter < 25, "gave up after " + gaveUpAfter + " s:\n" + output);
            assertTrue(output.toString().contains("resolved: moto"), output.toString());
            synchronized (accepted) {
                assertFalse(accepted.isEmpty(), "Testcontainers never tried the socket");
                for (SocketChannel connection : accepted) {
                    connection.close();
                }
            }
        } finally {
            Files.deleteIfExists(socket);
        }
    }
}
