package dev.consentvault.local.cloud;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * moto in server mode. Installed at the version pinned in {@code
 * infrastructure/moto-requirements.txt} into {@code infrastructure/.venv} (once; again only when
 * the pin changes), started through {@code infrastructure/local_moto.py} on 127.0.0.1:4566, and
 * stopped with the JVM. A moto already answering on that port is reused and left running.
 */
final class MotoServer implements LocalCloud {

    static final URI ENDPOINT = URI.create("http://127.0.0.1:4566");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;

    private MotoServer(Process process) {
        this.process = process;
    }

    static MotoServer start(Path projectRoot) {
        if (answers()) {
            return new MotoServer(null);
        }
        Path infrastructure = projectRoot.resolve("infrastructure");
        Path venv = infrastructure.resolve(".venv");
        Path requirements = infrastructure.resolve("moto-requirements.txt");
        try {
            ensureInstalled(venv, requirements);
            Path log =
                    Files.createDirectories(infrastructure.resolve("target")).resolve("moto.log");
            // local_moto.py is moto_server with a cheaper transaction rollback (see the file)
            Process process =
                    new ProcessBuilder(
                                    venv.resolve("bin/python").toString(),
                                    infrastructure.resolve("local_moto.py").toString(),
                                    "-H",
                                    "127.0.0.1",
                                    "-p",
                                    "4566")
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            MotoServer server = new MotoServer(process);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-stop"));
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!answers()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "moto server exited at start (code "
                                    + process.exitValue()
                                    + "); see "
                                    + log
                                    + ". Is port 4566 taken by another program?");
                }
                if (System.nanoTime() > deadline) {
                    server.close();
                    throw new IllegalStateException(
                            "moto server did not answer on "
                                    + ENDPOINT
                                    + " within "
                                    + START_TIMEOUT.toSeconds()
                                    + " s; see "
                                    + log);
                }
                Thread.sleep(100);
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting moto", e);
        }
    }

    private static void ensureInstalled(Path venv, Path requirements)
            throws IOException, InterruptedException {
        String pin = sha256(Files.readAllBytes(requirements));
        Path stamp = venv.resolve(".installed-requirements");
        if (Files.exists(stamp)
                && Files.readString(stamp).strip().equals(pin)
                && Files.isExecutable(venv.resolve("bin/moto_server"))) {
            return;
        }
        String python = findPython();
        System.err.println(
                "[local-cloud] installing moto into " + venv + " (first run only, about 30 s)");
        run(List.of(python, "-m", "venv", venv.toString()));
        run(
                List.of(
                        venv.resolve("bin/python").toString(),
                        "-m",
                        "pip",
                        "install",
                        "--quiet",
                        "--disable-pip-version-check",
                        "-r",
                        requirements.toString()));
        Files.writeString(stamp, pin + "\n");
    }

    private static String findPython() throws InterruptedException {
        for (String candidate : List.of("python3", "python")) {
            try {
                Process probe =
                        new ProcessBuilder(
                                        candidate,
                                        "-c",
                                        "import sys; assert sys.version_info >= (3, 9)")
                                .redirectErrorStream(true)
                                .start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException notFound) {
                // try the next name
            }
        }
        throw new IllegalStateException(
                "python3 (3.9 or newer) was not found on PATH. The local cloud runs moto,"
                        + " which needs it: install Python 3, or start moto or LocalStack yourself and set AWS_ENDPOINT_URL.");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(
                    "command failed (exit "
                            + process.exitValue()
                            + "): "
                            + String.join(" ", command));
        }
    }

    /** True when moto (or another local cloud) is already serving on the port. */
    static boolean answers() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) ENDPOINT.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(300);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean reachable() {
        return (process == null || process.isAlive()) && LocalCloud.super.reachable();
    }

    @Override
    public URI endpoint() {
        return ENDPOINT;
    }

    @Override
    public String description() {
        return (process == null ? "moto (already running)" : "moto (started here)")
                + " on "
                + ENDPOINT;
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
