package dev.consentvault.local;

import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.gateway.LocalGateway;
import dev.consentvault.local.gateway.Route;
import dev.consentvault.local.gateway.StaticFiles;
import dev.consentvault.local.template.SamTemplate;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine: local cloud, provisioning from template.yaml, the API on
 * http://127.0.0.1:3000, the SQS and DynamoDB stream event sources, the schedules, and the TTL
 * reaper feeding the retention auditor, until Ctrl-C.
 */
public final class LocalRun {

    public static final String STACK_NAME = "consent-vault-local";

    private LocalRun() {}

    public static void main(String[] args) throws Exception {
        Path root = projectRoot();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        System.err.println("[local-run] starting the local cloud...");
        LocalCloud cloud = LocalCloud.resolve(root, System.getenv());
        System.err.println("[local-run] local cloud: " + cloud.description());
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        LocalStack stack =
                new Provisioner(template, cloud, STACK_NAME, Map.of(), System.err).provision();
        LocalGateway gateway =
                LocalGateway.start(
                        stack,
                        cloud.clientEnvironment(),
                        new InetSocketAddress("127.0.0.1", port),
                        new StaticFiles(
                                List.of(
                                        root.resolve("landing-kit/demo"),
                                        root.resolve("landing-kit"))));
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
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
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
                        + " s and handed to the stream's consumers (RetentionAuditFunction)");
        System.err.println(
                "[local-run] demo landing page: http://127.0.0.1:" + gateway.port() + "/");
        System.err.println(
                "[local-run] API ready on http://127.0.0.1:"
                        + gateway.port()
                        + "  (Ctrl-C to stop)");
        stopped.await();
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
