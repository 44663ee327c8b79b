package dev.consentvault.local;

import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.HttpWebhooks;
import dev.consentvault.aws.SecretsManagerSigningSecrets;
import dev.consentvault.core.propagation.Processor;
import dev.consentvault.core.propagation.Processors;
import dev.consentvault.core.propagation.WebhookSignature;
import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.gateway.LocalGateway;
import dev.consentvault.local.gateway.LocalOutbox;
import dev.consentvault.local.gateway.Route;
import dev.consentvault.local.gateway.StaticFiles;
import dev.consentvault.local.template.SamTemplate;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole system on one machine: local cloud, provisioning from template.yaml, the API on
 * http://127.0.0.1:3000, the SQS and DynamoDB stream event sources, the schedules, and the TTL
 * reaper feeding the retention auditor, until Ctrl-C.
 */
public final class LocalRun {

    public static final String STACK_NAME = "consent-vault-local";

    /**
     * The template's required parameters for a local stack: the demo page's brand, and the origins
     * of the local run on its default port. A deploy has no such defaults: it must name its own.
     */
    public static Map<String, Object> demoParameters() {
        return Map.of(
                "ControllerName", "Example Brand Ltd",
                "ControllerContact", "privacy@example.com",
                "ControllerPolicyUrl", "https://example.com/privacy",
                "AllowedOrigins", "http://127.0.0.1:3000,http://localhost:3000",
                "SesIdentity", "example.com",
                "SenderAddress", "privacy@example.com");
    }

    /**
     * The demo parameters, with overrides from {@code LOCAL_PARAMETERS} ("Name=Value,Name=Value",
     * as sam deploy's --parameter-overrides), e.g. CaptureRateLimit=60 to see the API's 429s.
     */
    static Map<String, Object> parameters() {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>(demoParameters());
        String overrides = System.getenv().getOrDefault("LOCAL_PARAMETERS", "");
        for (String pair : overrides.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return parameters;
    }

    private LocalRun() {}

    public static void main(String[] args) throws Exception {
        try {
            run();
        } catch (StartupException e) {
            // a reason to give the developer, not a stack trace
            System.err.println("[local-run] cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        Path root = projectRoot();
        int port = port(System.getenv().getOrDefault("PORT", "3000"));
        System.err.println("[local-run] starting the local cloud...");
        LocalCloud cloud;
        try {
            cloud = LocalCloud.resolve(root, System.getenv());
        } catch (IllegalStateException cannotStart) {
            throw new StartupException(cannotStart.getMessage());
        }
        System.err.println("[local-run] local cloud: " + cloud.description());
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        Map<String, Object> parameters = new LinkedHashMap<>(parameters());
        // every processor is told through the fake processor this run hosts
        parameters.put(
                "ProcessorWebhooks",
                FakeProcessor.webhooks(
                        "http://127.0.0.1:" + port,
                        Processors.load(null, null).all().stream().map(Processor::id).toList()));
        LocalStack stack =
                new Provisioner(template, cloud, STACK_NAME, parameters, System.err).provision();
        LocalGateway gateway;
        try {
            gateway =
                    LocalGateway.start(
                            stack,
                            cloud.clientEnvironment(),
                            new InetSocketAddress("127.0.0.1", port),
                            StaticFiles.demo(root));
        } catch (BindException taken) {
            cloud.close();
            throw portTaken(port);
        }
        HttpWebhooks acks = new HttpWebhooks(Duration.ofSeconds(2), Duration.ofSeconds(10));
        FakeProcessor fakeProcessor =
                new FakeProcessor(
                        new SecretsManagerSigningSecrets(
                                () -> new AwsClients(cloud.clientEnvironment()).secretsManager(),
                                STACK_NAME + "/processors/"),
                        Clock.systemUTC(),
                        (body, signature) ->
                                acks.post(
                                        "http://127.0.0.1:" + port + "/v1/processor-acks",
                                        body,
                                        Map.of(
                                                WebhookSignature.HEADER,
                                                signature,
                                                "Content-Type",
                                                "application/json")));
        gateway.mount(FakeProcessor.PATH, fakeProcessor);
        long reapEvery =
                Long.parseLong(System.getenv().getOrDefault("TTL_REAP_INTERVAL_SECONDS", "60"));
        Map<String, LocalFunction> streamConsumers =
                TtlReaper.streamConsumers(stack, cloud.clientEnvironment());
        TtlReaper reaper = new TtlReaper(stack, cloud, streamConsumers, Clock.systemUTC());
        reaper.start(reapEvery);
        List<StreamPoller> streamPollers = StreamPoller.forTemplate(stack, cloud, streamConsumers);
        streamPollers.forEach(poller -> poller.start(Duration.ofSeconds(1)));
        ScheduleRunner schedules =
                ScheduleRunner.forTemplate(
                        stack, ScheduleRunner.scheduledFunctions(stack, cloud.clientEnvironment()));
        schedules.start();
        List<SqsPoller> pollers =
                SqsPoller.forTemplate(
                        stack,
                        cloud,
                        Duration.ofSeconds(
                                Long.parseLong(
                                        System.getenv()
                                                .getOrDefault("SQS_RETRY_DELAY_SECONDS", "5"))));
        pollers.forEach(SqsPoller::start);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stopping.set(true);
                                    System.err.println("[local-run] stopping");
                                    reaper.close();
                                    streamPollers.forEach(StreamPoller::close);
                                    schedules.close();
                                    pollers.forEach(SqsPoller::close);
                                    gateway.close();
                                    cloud.close();
                                    stopped.countDown();
                                },
                                "local-run-stop"));
        for (Route route : gateway.routes()) {
            System.err.println(
                    "[local-run] " + route.routeKey() + " -> " + route.functionLogicalId());
        }
        for (SqsPoller poller : pollers) {
            System.err.println(
                    "[local-run] "
                            + poller.queueUrl()
                            + " -> "
                            + poller.functionLogicalId()
                            + " (SQS poller)");
        }
        for (StreamPoller poller : streamPollers) {
            System.err.println(
                    "[local-run] "
                            + poller.streamArn()
                            + " -> "
                            + poller.functionLogicalId()
                            + " (stream poller, every 1 s)");
        }
        for (ScheduleRunner.Schedule schedule : schedules.schedules()) {
            System.err.println(
                    "[local-run] "
                            + schedule.expression()
                            + " -> "
                            + schedule.function().logicalId()
                            + " (schedule)");
        }
        System.err.println(
                "[local-run] TTL reaper: expired items deleted every "
                        + reapEvery
                        + " s and handed to the streams' consumers ("
                        + String.join(", ", streamConsumers.keySet())
                        + ")");
        System.err.println(
                "[local-run] fake processor (deliveries, modes): http://127.0.0.1:"
                        + gateway.port()
                        + FakeProcessor.PATH);
        System.err.println(
                "[local-run] demo landing page: http://127.0.0.1:" + gateway.port() + "/");
        System.err.println(
                "[local-run] messages sent (confirmation links, codes): http://127.0.0.1:"
                        + gateway.port()
                        + LocalOutbox.PAGE_PATH);
        System.err.println(
                "[local-run] API ready on http://127.0.0.1:"
                        + gateway.port()
                        + "  (Ctrl-C to stop)");
        watch(cloud, stopping);
        stopped.await();
    }

    /**
     * Ends the run, once and with one line, when the local cloud stops answering: without it every
     * poller would fail against it forever. Three missed checks a second apart, so a busy cloud is
     * not taken for a dead one.
     */
    private static void watch(LocalCloud cloud, AtomicBoolean stopping) {
        Thread monitor =
                new Thread(
                        () -> {
                            int missed = 0;
                            while (!stopping.get()) {
                                try {
                                    Thread.sleep(1000);
                                } catch (InterruptedException e) {
                                    return;
                                }
                                missed = cloud.reachable() ? 0 : missed + 1;
                                if (missed == 3 && !stopping.get()) {
                                    System.err.println(
                                            "[local-run] the local cloud ("
                                                    + cloud.description()
                                                    + ") stopped answering, so the local run stops."
                                                    + " Start it again with infrastructure/run-local"
                                                    + " (local data does not survive a restart).");
                                    System.exit(1);
                                }
                            }
                        },
                        "local-cloud-monitor");
        monitor.setDaemon(true);
        monitor.start();
    }

    private static int port(String value) throws StartupException {
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new StartupException(
                    "PORT must be a TCP port number (1-65535), e.g. PORT=3001 infrastructure/run-local");
        }
        // checked before the local cloud starts, so a taken port fails in a second, not after
        // provisioning
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException taken) {
            throw portTaken(port);
        }
        return port;
    }

    private static StartupException portTaken(int port) {
        return new StartupException(
                "port "
                        + port
                        + " on 127.0.0.1 is already in use (another local run?). Stop that program,"
                        + " or pick another port: PORT="
                        + (port == 65535 ? 3001 : port + 1)
                        + " infrastructure/run-local");
    }

    /** A reason the local run cannot start that the developer can act on. */
    private static final class StartupException extends Exception {
        StartupException(String message) {
            super(message, null, false, false);
        }
    }

    /** The directory holding template.yaml: the working directory or one of its parents. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml"))
                    && Files.isDirectory(dir.resolve("infrastructure"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "run from inside the Consent Vault checkout (template.yaml not found)");
    }
}
