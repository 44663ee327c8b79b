package dev.consentvault.local.cloud;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, as Testcontainers sees it (DOCKER_HOST, Docker Desktop and
 * rootless sockets, ~/.testcontainers.properties), within a time limit: a socket that accepts and
 * never answers would otherwise hold the start for minutes.
 */
public final class DockerProbe {

    static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    /** {@code reason} says why there is no Docker when that is worth a line (null otherwise). */
    public record Result(boolean answers, String reason) {}

    private DockerProbe() {}

    static Result check(Map<String, String> env, Path home) {
        if (!worthAsking(env, home)) {
            return new Result(false, null);
        }
        String where = env.getOrDefault("DOCKER_HOST", "");
        return ask(
                () -> DockerClientFactory.instance().isDockerAvailable(),
                TIME_LIMIT,
                where.isBlank() ? "Docker" : "Docker at " + where);
    }

    /**
     * Whether any place Testcontainers looks for an engine exists. When none does, the probe is
     * skipped: machines without Docker (CI here) do not pay for it.
     */
    static boolean worthAsking(Map<String, String> env, Path home) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return true; // Docker Desktop's named pipe cannot be checked as a file
        }
        if (!env.getOrDefault("DOCKER_HOST", "").isBlank()
                || env.keySet().stream().anyMatch(name -> name.startsWith("TESTCONTAINERS_"))) {
            return true;
        }
        return candidates(env, home).stream().anyMatch(Files::exists);
    }

    private static List<Path> candidates(Map<String, String> env, Path home) {
        List<Path> places = new ArrayList<>();
        places.add(home.resolve(".testcontainers.properties"));
        places.add(Path.of("/var/run/docker.sock"));
        places.add(home.resolve(".docker/run/docker.sock"));
        places.add(home.resolve(".docker/desktop/docker.sock"));
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            places.add(Path.of(runtime, "docker.sock"));
        }
        try {
            places.add(
                    Path.of(
                                    "/run/user",
                                    String.valueOf(
                                            Files.getAttribute(Path.of("/proc/self"), "unix:uid")))
                            .resolve("docker.sock"));
        } catch (Exception notUnix) {
            // not Linux: rootless Docker is not looked for there
        }
        return places;
    }

    /**
     * Runs the probe on a daemon thread and gives up after the limit; a probe still hanging then is
     * left behind and does not keep the JVM alive.
     */
    static Result ask(BooleanSupplier probe, Duration limit, String what) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread thread =
                new Thread(
                        () -> {
                            try {
                                answer.complete(probe.getAsBoolean());
                            } catch (Throwable e) {
                                answer.completeExceptionally(e);
                            }
                        },
                        "docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS)
                    ? new Result(true, null)
                    : new Result(false, what + " did not answer");
        } catch (TimeoutException e) {
            return new Result(false, what + " did not answer within " + limit.toSeconds() + " s");
        } catch (ExecutionException e) {
            return new Result(false, what + " could not be asked (" + e.getCause() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted while asking " + what);
        }
    }
}
