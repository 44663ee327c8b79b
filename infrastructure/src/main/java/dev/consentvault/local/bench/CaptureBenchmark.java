package dev.consentvault.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.consentvault.aws.AwsClients;
import dev.consentvault.aws.DynamoPrivacyRequestStore;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.Deadlines;
import dev.consentvault.core.privacy.Erasure;
import dev.consentvault.core.privacy.Filing;
import dev.consentvault.core.privacy.PrivacyRequest;
import dev.consentvault.core.privacy.QueueMessages;
import dev.consentvault.core.privacy.RequestSubject;
import dev.consentvault.core.privacy.RequestType;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import dev.consentvault.local.AwsRequestCounter;
import dev.consentvault.local.LocalRun;
import dev.consentvault.local.LocalStack;
import dev.consentvault.local.Provisioner;
import dev.consentvault.local.cloud.LocalCloud;
import dev.consentvault.local.template.SamTemplate;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Prints figures, asserts nothing: cold start (fresh JVM on the Lambda artifact → handler ready →
 * first capture answered), warm captures per second with p50/p99 against the local cloud, AWS
 * requests per capture, the time and requests to erase a subject with 1,000 items, and each Lambda
 * artifact's size, and per function ({@link FunctionTables}) cold start, warm latency, AWS requests
 * and the jars sam build ships. Run with {@code infrastructure/benchmark [captures] [cold runs]
 * [API calls]}.
 */
public final class CaptureBenchmark {

    private CaptureBenchmark() {}

    /** A marketing-email capture for a new person each time. */
    static String body() {
        return body("bench." + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    private static String body(String email) {
        return body(email, true);
    }

    /**
     * @param ageConfirmed false for commits before the age of consent was asked, whose strict
     *     reader refuses the field (the capture is otherwise the same)
     */
    private static String body(String email, boolean ageConfirmed) {
        return "{\"subject\":{\"email\":\""
                + email
                + "\"},\"purposes\":{\"marketing-email\":true},"
                + "\"noticeVersion\":\"2026-11-01\",\"source\":{\"page\":\"bench\"},\"jurisdiction\":\"EU\""
                + (ageConfirmed ? ",\"ageConfirmed\":true}" : "}");
    }

    public static void main(String[] args) throws Exception {
        // "cost": only the write units and cost per capture (a quick run)
        boolean costOnly = args.length > 0 && args[0].equals("cost");
        // "cold": only the cold-start tables, the capture function's and every function's (a
        // quicker run to compare commits)
        boolean coldOnly = args.length > 0 && args[0].equals("cold");
        if (costOnly || coldOnly) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        int captures = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int coldRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int apiCalls = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path root = LocalRun.projectRoot();
        PrintStream out = System.out;
        out.println(
                "Consent Vault capture benchmark ("
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, Java "
                        + Runtime.version()
                        + ")");
        try (LocalCloud cloud = LocalCloud.resolve(root, System.getenv())) {
            out.println("local cloud: " + cloud.description());
            LocalStack stack =
                    new Provisioner(
                                    SamTemplate.load(root.resolve("template.yaml")),
                                    cloud,
                                    "cv-bench-" + UUID.randomUUID().toString().substring(0, 8),
                                    LocalRun.demoParameters(),
                                    new PrintStream(OutputStream.nullOutputStream()))
                            .provision();
            Map<String, String> env =
                    stack.functionEnvironment("CaptureConsentFunction", cloud.clientEnvironment());
            // captures with a double opt-in link to the confirmation page: its events carry no
            // request host to build the link from, so the base the local run serves
            if (env.getOrDefault("PUBLIC_BASE_URL", "").isBlank()) {
                env.put("PUBLIC_BASE_URL", "http://127.0.0.1:3000");
            }
            try {
                if (coldOnly) {
                    coldStarts(root, env, coldRuns, out);
                    // "cold 0 <capture runs> <per-function runs>"
                    FunctionTables.coldStarts(
                            root,
                            stack,
                            cloud.clientEnvironment(),
                            args.length > 2 ? apiCalls : coldRuns,
                            out);
                    return;
                }
                CaptureCost.report(env, costOnly ? Math.min(captures, 100) : 50, out);
                if (costOnly) {
                    return;
                }
                artifacts(root, out);
                FunctionTables.samArtifact(root, out);
                coldStarts(root, env, coldRuns, out);
                FunctionTables.coldStarts(root, stack, cloud.clientEnvironment(), coldRuns, out);
                warm(env, captures, out);
                FunctionTables.warmApi(root, stack, cloud.clientEnvironment(), apiCalls, out);
                erasure(stack, cloud, out);
                StatsBenchmark.run(stack, cloud, out);
            } finally {
                DynamoDbClient dynamo = new AwsClients(cloud.clientEnvironment()).dynamoDb();
                for (String table :
                        List.of("ConsentTable", "PrivacyRequestsTable", "FiguresTable")) {
                    dynamo.deleteTable(r -> r.tableName(stack.physicalId(table)));
                }
            }
        }
    }

    private static void artifacts(Path root, PrintStream out) throws IOException {
        out.println();
        out.println("Lambda artifacts (shaded jar = what is deployed):");
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(root.resolve("functions"))) {
            for (Path module : modules) {
                Path target = module.resolve("target");
                if (!Files.isDirectory(target)) {
                    continue;
                }
                try (DirectoryStream<Path> jars =
                        Files.newDirectoryStream(target, "*-lambda.jar")) {
                    for (Path jar : jars) {
                        out.printf(
                                "  %-40s %8.2f MiB%n",
                                jar.getFileName(), Files.size(jar) / 1048576.0);
                    }
                }
            }
        }
    }

    /** One way of starting the capture function: which artifact, primed or not. */
    private record Variant(
            String name, Path jar, boolean primed, boolean ageConfirmed, boolean sdkClients) {

        Variant(String name, Path jar, boolean primed) {
            this(name, jar, primed, true, false);
        }

        Variant withoutAge() {
            return new Variant(name, jar, primed, false, sdkClients);
        }
    }

    private static Path lambdaJar(Path module) throws IOException {
        try (DirectoryStream<Path> jars =
                Files.newDirectoryStream(module.resolve("target"), "*-lambda.jar")) {
            return jars.iterator().next();
        }
    }

    /**
     * Fresh JVMs with Lambda-like flags, the variants interleaved run by run so that the machine's
     * load falls on all alike. {@code BENCH_BASELINE} names checkouts of earlier commits
     * (comma-separated), each built with {@code ./mvnw package}, to measure their capture function
     * in the same run.
     */
    private static void coldStarts(Path root, Map<String, String> env, int runs, PrintStream out)
            throws Exception {
        List<Variant> variants = new java.util.ArrayList<>();
        String baseline = System.getenv("BENCH_BASELINE");
        if (baseline != null && !baseline.isBlank()) {
            for (String checkout : baseline.split(",")) {
                variants.add(
                        new Variant(
                                "before (" + Path.of(checkout).getFileName() + ")",
                                lambdaJar(Path.of(checkout, "functions/lambda-functions")),
                                false));
            }
        }
        Path jar = lambdaJar(root.resolve("functions/lambda-functions"));
        Variant unprimedVariant = new Variant("now, no SnapStart", jar, false);
        Variant primedVariant = new Variant("now, primed (SnapStart)", jar, true);
        // JSON_CLIENTS=false: the AWS SDK's DynamoDB and KMS clients, as before issue 13
        Variant unprimedSdk = new Variant("now, no SnapStart, SDK", jar, false, true, true);
        Variant primedSdk = new Variant("now, primed, SDK clients", jar, true, true, true);
        variants.add(unprimedVariant);
        variants.add(primedVariant);
        variants.add(unprimedSdk);
        variants.add(primedSdk);
        out.println();
        out.printf(
                "Cold start of the capture function: median of %d fresh JVMs per row"
                        + " (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC) on the Lambda jar%n",
                runs);
        // an earlier commit may refuse today's capture body: find the one it takes, in a JVM of
        // its own that is not counted
        for (int v = 0; v < variants.size(); v++) {
            if (variants.get(v).name().startsWith("before")) {
                try {
                    probe(root, variants.get(v), env);
                } catch (IllegalStateException refused) {
                    variants.set(v, variants.get(v).withoutAge());
                }
            }
        }
        Map<Variant, long[][]> figures = new java.util.LinkedHashMap<>();
        variants.forEach(v -> figures.put(v, new long[6][runs]));
        for (int i = 0; i < runs; i++) {
            for (Variant variant : variants) {
                long[] run = probe(root, variant, env);
                for (int f = 0; f < 6; f++) {
                    figures.get(variant)[f][i] = run[f];
                }
            }
        }
        // what a person waits for in each run (init + first answer; primed: the first answer),
        // kept per run so that variants can be compared round by round
        Map<Variant, long[]> waits = new java.util.LinkedHashMap<>();
        figures.forEach(
                (variant, f) -> {
                    long[] w = new long[runs];
                    for (int i = 0; i < runs; i++) {
                        w[i] = variant.primed() ? f[2][i] : f[0][i] + f[2][i];
                    }
                    waits.put(variant, w);
                });
        out.printf(
                "  %-26s %9s %12s %11s %16s %15s %13s %8s %8s%n",
                "",
                "init ms",
                "(+priming)",
                "restore ms",
                "first answer ms",
                "init+first ms",
                "(min-max)",
                "classes",
                "CPU ms");
        Map<Variant, long[]> medians = new java.util.LinkedHashMap<>();
        figures.forEach(
                (variant, f) -> {
                    long[] m = new long[6];
                    for (int k = 0; k < 6; k++) {
                        long[] sorted = f[k].clone();
                        Arrays.sort(sorted);
                        m[k] = sorted[runs / 2];
                    }
                    medians.put(variant, m);
                    long[] w = waits.get(variant).clone();
                    Arrays.sort(w);
                    out.printf(
                            "  %-26s %9d %12s %11s %16d %15d %13s %8d %8s%n",
                            variant.name(),
                            m[0],
                            variant.primed() ? "+" + m[1] : "",
                            variant.primed() ? Long.toString(m[5]) : "",
                            m[2],
                            variant.primed() ? m[2] : m[0] + m[2],
                            w[0] + "-" + w[runs - 1],
                            m[3],
                            variant.primed() ? "n/a" : Long.toString(m[4]));
                });
        long[] unprimed = medians.get(unprimedVariant);
        long[] primed = medians.get(primedVariant);
        out.printf(
                "  primed first answer / unprimed first answer: %.2f %s%n",
                (double) primed[2] / unprimed[2],
                roundByRound(figures.get(primedVariant)[2], figures.get(unprimedVariant)[2]));
        out.printf(
                "  primed restore hooks + first answer / unprimed first answer: %.2f%n",
                (double) (primed[5] + primed[2]) / unprimed[2]);
        out.printf(
                "  primed first answer on the SDK's clients / unprimed: %.2f %s;"
                        + " / unprimed on the SDK's clients: %.2f%n",
                (double) medians.get(primedSdk)[2] / unprimed[2],
                roundByRound(figures.get(primedSdk)[2], figures.get(unprimedVariant)[2]),
                (double) medians.get(primedSdk)[2] / medians.get(unprimedSdk)[2]);
        for (Variant variant : variants) {
            if (variant.name().startsWith("before")) {
                long[] before = medians.get(variant);
                out.printf(
                        "  without SnapStart, init+first answer now / %s: %.2f %s%n",
                        variant.name(),
                        (double) (unprimed[0] + unprimed[2]) / (before[0] + before[2]),
                        roundByRound(waits.get(unprimedVariant), waits.get(variant)));
                out.printf(
                        "  without SnapStart, CPU to first answer now / %s: %.2f %s%n",
                        variant.name(),
                        (double) unprimed[4] / before[4],
                        roundByRound(figures.get(unprimedVariant)[4], figures.get(variant)[4]));
            }
        }
        out.println(
                "  (init: JVM start to handler built; first answer: that request's latency; with"
                        + " SnapStart a person waits for the restore plus the first answer, init and"
                        + " priming ran at publish; restore: the afterRestore hook, which unwraps the"
                        + " index key again while it generates a fresh data key; CPU: all threads' CPU time from JVM start to the"
                        + " answer, which a busy machine disturbs least)");
    }

    /** The ratio of two variants measured in the same rounds: its median and range over rounds. */
    private static String roundByRound(long[] now, long[] before) {
        double[] ratios = new double[now.length];
        for (int i = 0; i < now.length; i++) {
            ratios[i] = (double) now[i] / before[i];
        }
        Arrays.sort(ratios);
        return String.format(
                "(round by round: median %.2f, %.2f-%.2f)",
                ratios[ratios.length / 2], ratios[0], ratios[ratios.length - 1]);
    }

    /**
     * {init ms, priming ms, first answer ms, classes loaded, CPU ms to the answer, restore hooks
     * ms} of one fresh JVM.
     */
    private static long[] probe(Path root, Variant variant, Map<String, String> env)
            throws Exception {
        String classpath =
                variant.jar() + File.pathSeparator + root.resolve("infrastructure/target/classes");
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-XX:+TieredCompilation",
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UseSerialGC"));
        // BENCH_CLASS_LOG=<dir>: each JVM writes the classes it loads there (-Xlog:class+load)
        String classLog = System.getenv("BENCH_CLASS_LOG");
        if (classLog != null && !classLog.isBlank()) {
            command.add(
                    "-Xlog:class+load:file="
                            + Path.of(classLog)
                                    .resolve(
                                            variant.name().replaceAll("[^A-Za-z0-9]+", "-")
                                                    + "-"
                                                    + System.nanoTime()
                                                    + ".log"));
        }
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName()));
        if (variant.primed()) {
            command.add("primed");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        if (variant.sdkClients()) {
            builder.environment().put(Wiring.JSON_CLIENTS, "false");
        }
        builder.environment()
                .put(
                        ColdStartProbe.BODY,
                        body(
                                "bench."
                                        + UUID.randomUUID().toString().substring(0, 8)
                                        + "@example.com",
                                variant.ageConfirmed()));
        builder.redirectErrorStream(true);
        long started = System.currentTimeMillis();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        String probe =
                output.lines()
                        .filter(l -> l.startsWith("PROBE"))
                        .filter(l -> l.contains("status=201"))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "cold start probe failed:\n" + output));
        long ready = field(probe, "ready");
        long primed = field(probe, "primed");
        long restored = field(probe, "restored");
        return new long[] {
            ready - started,
            primed - ready,
            field(probe, "answered") - restored,
            field(probe, "classes"),
            field(probe, "cpu"),
            restored - primed
        };
    }

    private static long field(String probe, String name) {
        return Long.parseLong(probe.replaceAll(".*\\b" + name + "=(\\d+).*", "$1"));
    }

    private static void warm(Map<String, String> env, int captures, PrintStream out) {
        AwsRequestCounter counter = new AwsRequestCounter();
        CaptureConsentHandler handler =
                new CaptureConsentHandler(
                        Wiring.forCapture(env, List.of(counter), Clock.systemUTC()));
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream()));
        int warmup = Math.min(200, captures);
        for (int i = 0; i < warmup; i++) {
            capture(handler);
        }
        counter.reset();
        long[] latencies = new long[captures];
        long started = System.nanoTime();
        for (int i = 0; i < captures; i++) {
            long t = System.nanoTime();
            capture(handler);
            latencies[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonLog.redirect(System.out);
        Arrays.sort(latencies);
        out.println();
        out.printf(
                "Warm captures (one container, sequential, %d after %d warm-up):%n",
                captures, warmup);
        out.printf(
                "  throughput %.1f captures/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                captures / seconds,
                latencies[captures / 2] / 1e6,
                latencies[(int) Math.ceil(captures * 0.99) - 1] / 1e6,
                latencies[captures - 1] / 1e6);
        out.printf(
                "  AWS requests: %s (%.3f DynamoDB and %.4f KMS per capture)%n",
                counter.snapshot(),
                counter.service("DynamoDb") / (double) captures,
                counter.service("Kms") / (double) captures);
        out.println(
                "  note: these are figures against the local cloud on loopback, not against AWS");
    }

    /** Time and AWS requests to erase one subject holding 1,000 items (500 captures of 2 items). */
    private static void erasure(LocalStack stack, LocalCloud cloud, PrintStream out) {
        Map<String, String> captureEnv =
                stack.functionEnvironment("CaptureConsentFunction", cloud.clientEnvironment());
        // the confirmation link needs a base: these events carry no request host (as main's)
        if (captureEnv.getOrDefault("PUBLIC_BASE_URL", "").isBlank()) {
            captureEnv.put("PUBLIC_BASE_URL", "http://127.0.0.1:3000");
        }
        CaptureConsentHandler handler = new CaptureConsentHandler(captureEnv);
        // a purpose that needs no confirmation, as ErasureBudgetIT: since double opt-in an email
        // waiting for its confirmation is not in the index an erasure searches
        String body =
                "{\"subject\":{\"email\":\"erase."
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "@example.com\",\"phone\":\"+34600000001\",\"name\":\"Bench\"},"
                        + "\"purposes\":{\"contest-entry\":true},"
                        + "\"noticeVersion\":\"2026-11-01\",\"source\":{\"page\":\"bench\"},"
                        + "\"jurisdiction\":\"EU\",\"ageConfirmed\":true}";
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream()));
        String receiptId = null;
        for (int i = 0; i < 500; i++) {
            var answer =
                    handler.handleRequest(
                            APIGatewayV2HTTPEvent.builder()
                                    .withRawPath("/v1/consents")
                                    .withHeaders(Map.of("content-type", "application/json"))
                                    .withBody(body)
                                    .build(),
                            null);
            if (answer.getHeaders() == null || answer.getHeaders().get("location") == null) {
                throw new IllegalStateException(
                        "the erasure's seed capture answered " + answer.getStatusCode());
            }
            receiptId = answer.getHeaders().get("location").substring("/v1/receipts/".length());
        }
        Map<String, String> env =
                stack.functionEnvironment("DeletionProcessorFunction", cloud.clientEnvironment());
        AwsRequestCounter counter = new AwsRequestCounter();
        Wiring api = new Wiring(env, List.of(counter), Clock.systemUTC());
        // a staff erasure of a verified email (a token alone erases only its own receipt)
        String lastReceipt = receiptId;
        DynamoDbClient dynamo = new AwsClients(cloud.clientEnvironment()).dynamoDb();
        String emailKey =
                dynamo.getItem(
                                r ->
                                        r.tableName(stack.physicalId("ConsentTable"))
                                                .key(
                                                        Map.of(
                                                                "pk",
                                                                AttributeValue.fromS(
                                                                        "RECEIPT#" + lastReceipt),
                                                                "sk",
                                                                AttributeValue.fromS("RECEIPT"))))
                        .item()
                        .get("emailKey")
                        .s();
        String requestId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        new DynamoPrivacyRequestStore(dynamo, stack.physicalId("PrivacyRequestsTable"))
                .create(
                        PrivacyRequest.received(
                                requestId,
                                RequestType.DELETION,
                                new RequestSubject(null, emailKey, null),
                                new Filing("EU", "staff:benchmark", null),
                                new Deadlines(Deadlines.DEFAULT_ACKNOWLEDGEMENT),
                                now),
                        null);
        Erasure erasure = api.erasure();
        counter.reset();
        long started = System.nanoTime();
        erasure.process(
                QueueMessages.deletion(
                        new QueueMessages.Deletion(requestId, null, emailKey, null)));
        double millis = (System.nanoTime() - started) / 1e6;
        JsonLog.redirect(System.out);
        out.println();
        out.println("Erasure of one subject with 1,000 items (500 receipts x 2 items):");
        out.printf(
                "  %.0f ms; AWS requests %s (floor: 20 BatchWriteItem for the receipt keys + 40 for the items + the index query pages)%n",
                millis, counter.snapshot());
    }

    private static void capture(CaptureConsentHandler handler) {
        APIGatewayV2HTTPEvent event =
                APIGatewayV2HTTPEvent.builder()
                        .withVersion("2.0")
                        .withRouteKey("POST /v1/consents")
                        .withRawPath("/v1/consents")
                        .withHeaders(
                                Map.of(
                                        "content-type",
                                        "application/json",
                                        "idempotency-key",
                                        UUID.randomUUID().toString()))
                        .withBody(body())
                        .build();
        int status = handler.handleRequest(event, null).getStatusCode();
        if (status != 201) {
            throw new IllegalStateException("capture answered " + status);
        }
    }
}
