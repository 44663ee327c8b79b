package dev.consentvault.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import dev.consentvault.functions.handler.ListPurposesHandler;
import dev.consentvault.functions.handler.PrivacyRequestHandler;
import dev.consentvault.functions.handler.ViewReceiptHandler;
import dev.consentvault.functions.handler.WithdrawConsentHandler;
import dev.consentvault.local.AwsRequestCounter;
import dev.consentvault.local.LocalStack;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The per-function tables of the benchmark: cold start of every function of the template on its
 * sample event, warm latency and AWS requests of each API function, and the jars {@code sam build}
 * ships. Prints figures, asserts nothing.
 */
final class FunctionTables {

    /** A function of the template, the sample event that drives it, and whether it primes. */
    private record Fn(String logicalId, String event, boolean primes) {}

    private static final List<Fn> FUNCTIONS =
            List.of(
                    new Fn("CaptureConsentFunction", "capture-consent.json", true),
                    new Fn("ViewReceiptFunction", "view-receipt.json", true),
                    new Fn("WithdrawConsentFunction", "withdraw-consent.json", true),
                    new Fn("PrivacyRequestFunction", "privacy-request-deletion.json", true),
                    // a link page, a link token and a session that do not exist: one read, 404
                    new Fn("ConfirmConsentFunction", "confirm-consent-page.json", true),
                    new Fn("AccessLinksFunction", "access-session.json", true),
                    new Fn("MyDataFunction", "my-data.json", true),
                    new Fn("ListPurposesFunction", "list-purposes.json", true),
                    // a deletion and a complaint for requests that do not exist: each processor
                    // settles them without writing, as it does a redelivered message
                    new Fn("DeletionProcessorFunction", "deletion-requests.json", false),
                    new Fn("ComplaintProcessorFunction", "complaints.json", false),
                    new Fn("RequestDispatcherFunction", "request-dispatch.json", false),
                    new Fn("RequestSweeperFunction", "request-sweep.json", false),
                    new Fn("RetentionAuditFunction", "retention-audit-ttl-delete.json", false));

    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionTables() {}

    /**
     * Every function in fresh JVMs on the Lambda jar, unprimed and (where the handler primes)
     * primed, the functions and variants interleaved run by run.
     */
    static void coldStarts(
            Path root, LocalStack stack, Map<String, String> cloudEnv, int runs, PrintStream out)
            throws Exception {
        if (runs < 1) {
            // "cold 0 <capture runs> 0": the capture function's table alone
            return;
        }
        Path jar;
        try (Stream<Path> jars =
                Files.list(root.resolve("functions/lambda-functions/target"))
                        .filter(p -> p.getFileName().toString().endsWith("-lambda.jar"))) {
            jar = jars.findFirst().orElseThrow();
        }
        // the serializer the Lambda Java runtime reads events with (and the joda-time it loads);
        // the runtime brings them, so they are not in the artifact
        String classpath =
                String.join(
                        File.pathSeparator,
                        jar.toString(),
                        root.resolve("infrastructure/target/classes").toString(),
                        jarOf(LambdaEventSerializers.class),
                        jarOf(org.joda.time.DateTime.class));
        // the first checkout in BENCH_BASELINE: the same functions, unprimed, from its own jar
        String baselines = System.getenv("BENCH_BASELINE");
        Path baselineJar = null;
        String baselineClasspath = null;
        if (baselines != null && !baselines.isBlank()) {
            Path checkout = Path.of(baselines.split(",")[0]);
            try (Stream<Path> jars =
                    Files.list(checkout.resolve("functions/lambda-functions/target"))
                            .filter(p -> p.getFileName().toString().endsWith("-lambda.jar"))) {
                baselineJar = jars.findFirst().orElseThrow();
            }
            baselineClasspath = classpath.replace(jar.toString(), baselineJar.toString());
        }
        Map<String, long[][]> before = new LinkedHashMap<>();
        Map<String, String> beforeAnswers = new HashMap<>();
        Map<String, long[][]> unprimed = new LinkedHashMap<>();
        Map<String, long[][]> primed = new LinkedHashMap<>();
        Map<String, String> answers = new HashMap<>();
        for (Fn fn : FUNCTIONS) {
            unprimed.put(fn.logicalId(), new long[4][runs]);
            if (fn.primes()) {
                primed.put(fn.logicalId(), new long[4][runs]);
            }
        }
        for (int i = 0; i < runs; i++) {
            for (Fn fn : FUNCTIONS) {
                String handler =
                        String.valueOf(
                                        stack.template()
                                                .functionProperties(fn.logicalId())
                                                .get("Handler"))
                                .split("::", 2)[0];
                Map<String, String> env = stack.functionEnvironment(fn.logicalId(), cloudEnv);
                Path event = root.resolve("events").resolve(fn.event());
                if (baselineJar != null && holds(baselineJar, handler)) {
                    String[] was =
                            probe(baselineClasspath, env, handler, event, false, fn.logicalId());
                    put(before.computeIfAbsent(fn.logicalId(), k -> new long[4][runs]), i, was);
                    beforeAnswers.put(fn.logicalId(), was[4]);
                }
                String[] run = probe(classpath, env, handler, event, false, fn.logicalId());
                put(unprimed.get(fn.logicalId()), i, run);
                answers.put(fn.logicalId(), run[4]);
                if (fn.primes()) {
                    put(
                            primed.get(fn.logicalId()),
                            i,
                            probe(classpath, env, handler, event, true, fn.logicalId()));
                }
            }
        }
        out.println();
        out.printf(
                "Cold start per function: median of %d fresh JVMs (-XX:TieredStopAtLevel=1"
                        + " -XX:+UseSerialGC) on the Lambda jar, each on its sample event from"
                        + " events/%n",
                runs);
        out.printf(
                "  %-27s %-9s| %-35s | %-26s | %-24s%n",
                "",
                "",
                "no SnapStart",
                "primed (SnapStart)",
                before.isEmpty() ? "" : "before, no SnapStart");
        out.printf(
                "  %-27s %-9s| %8s %8s %9s %7s | %9s %8s %7s | %s%n",
                "function",
                "answer",
                "ready ms",
                "first ms",
                "ready+1st",
                "classes",
                "+priming",
                "first ms",
                "classes",
                before.isEmpty()
                        ? ""
                        : String.format("%-9s %9s %6s", "answer", "ready+1st", "now/before"));
        for (Fn fn : FUNCTIONS) {
            long[] u = medians(unprimed.get(fn.logicalId()));
            String primedColumns =
                    fn.primes()
                            ? primedColumns(medians(primed.get(fn.logicalId())))
                            : String.format("%9s %8s %7s", "n/a", "n/a", "n/a");
            String beforeColumns = "";
            if (before.containsKey(fn.logicalId())) {
                long[] b = medians(before.get(fn.logicalId()));
                beforeColumns =
                        String.format(
                                "%-9s %9d %6.2f",
                                beforeAnswers.get(fn.logicalId()),
                                b[0] + b[2],
                                (double) (u[0] + u[2]) / (b[0] + b[2]));
            } else if (!before.isEmpty()) {
                beforeColumns = "(not in that commit)";
            }
            out.printf(
                    "  %-27s %-9s| %8d %8d %9d %7d | %s | %s%n",
                    fn.logicalId(),
                    answers.get(fn.logicalId()),
                    u[0],
                    u[2],
                    u[0] + u[2],
                    u[3],
                    primedColumns,
                    beforeColumns);
        }
        out.println(
                "  (ready: JVM start to handler built; first: reading the event and answering it;"
                        + " primed: SnapStart's hooks ran first, priming at publish, so a person waits"
                        + " for the restore plus 'first'; n/a: the handler has no priming; N-retry:"
                        + " records the batch answer hands back for redelivery; before: the first"
                        + " checkout in BENCH_BASELINE, same events, interleaved)");
    }

    /** Whether the jar has this handler class (an earlier commit may not). */
    private static boolean holds(Path jar, String className) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getEntry(className.replace('.', '/') + ".class") != null;
        }
    }

    private static String jarOf(Class<?> type) throws java.net.URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String primedColumns(long[] p) {
        return String.format("%9s %8d %7d", "+" + p[1], p[2], p[3]);
    }

    private static void put(long[][] figures, int run, String[] probe) {
        for (int f = 0; f < 4; f++) {
            figures[f][run] = Long.parseLong(probe[f]);
        }
    }

    private static long[] medians(long[][] figures) {
        long[] m = new long[4];
        for (int f = 0; f < 4; f++) {
            long[] sorted = figures[f].clone();
            Arrays.sort(sorted);
            m[f] = sorted[sorted.length / 2];
        }
        return m;
    }

    /** {ready ms, priming ms, first answer ms, classes, answer} of one fresh JVM. */
    private static String[] probe(
            String classpath,
            Map<String, String> env,
            String handler,
            Path event,
            boolean primed,
            String logicalId)
            throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+TieredCompilation",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-cp",
                        classpath,
                        FunctionProbe.class.getName(),
                        handler,
                        event.toString(),
                        primed ? "primed" : "unprimed",
                        logicalId);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        long started = System.currentTimeMillis();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        String line =
                output.lines()
                        .filter(l -> l.startsWith("PROBE "))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                logicalId + " probe failed:\n" + output));
        Map<String, String> f =
                Arrays.stream(line.substring("PROBE ".length()).split(" "))
                        .map(kv -> kv.split("=", 2))
                        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        long ready = Long.parseLong(f.get("ready"));
        long restored = Long.parseLong(f.get("restored"));
        return new String[] {
            String.valueOf(ready - started),
            String.valueOf(restored - ready),
            String.valueOf(Long.parseLong(f.get("answered")) - restored),
            f.get("classes"),
            f.get("answer")
        };
    }

    /** One API operation measured warm: its handler, counter, latencies and answers. */
    private static final class Operation {
        final String name;
        final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
        final AwsRequestCounter counter;
        final long[] latencies;
        final Map<Integer, Integer> statuses = new TreeMap<>();

        Operation(
                String name,
                RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                AwsRequestCounter counter,
                int calls) {
            this.name = name;
            this.handler = handler;
            this.counter = counter;
            this.latencies = new long[calls];
        }

        APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event, int measured) {
            long t = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
            long took = System.nanoTime() - t;
            if (measured >= 0) {
                latencies[measured] = took;
                statuses.merge(response.getStatusCode(), 1, Integer::sum);
            }
            return response;
        }
    }

    /**
     * Each API function warm in this JVM (one container per function), sequential: {@code calls}
     * measured after {@code warmup}, every call on a receipt of its own (captured first), so view,
     * withdraw and the deletion request take their ordinary path, not an error's.
     */
    static void warmApi(
            Path root, LocalStack stack, Map<String, String> cloudEnv, int calls, PrintStream out)
            throws IOException {
        int warmup = Math.min(50, calls);
        Map<String, AwsRequestCounter> counters = new LinkedHashMap<>();
        for (String op : List.of("capture", "view", "withdraw", "privacy", "purposes")) {
            counters.put(op, new AwsRequestCounter());
        }
        Operation capture =
                new Operation(
                        "capture (POST /v1/consents)",
                        new CaptureConsentHandler(
                                wiring(
                                        stack,
                                        cloudEnv,
                                        "CaptureConsentFunction",
                                        counters.get("capture"))),
                        counters.get("capture"),
                        calls);
        Operation view =
                new Operation(
                        "view (GET /v1/receipts/{id})",
                        new ViewReceiptHandler(
                                wiring(
                                        stack,
                                        cloudEnv,
                                        "ViewReceiptFunction",
                                        counters.get("view"))),
                        counters.get("view"),
                        calls);
        Operation withdraw =
                new Operation(
                        "withdraw (POST …/withdrawals)",
                        new WithdrawConsentHandler(
                                wiring(
                                        stack,
                                        cloudEnv,
                                        "WithdrawConsentFunction",
                                        counters.get("withdraw"))),
                        counters.get("withdraw"),
                        calls);
        Operation privacy =
                new Operation(
                        "privacy request (deletion)",
                        new PrivacyRequestHandler(
                                wiring(
                                        stack,
                                        cloudEnv,
                                        "PrivacyRequestFunction",
                                        counters.get("privacy"))),
                        counters.get("privacy"),
                        calls);
        // the catalogue is rendered from settings: this function has no AWS client to count
        Operation purposes =
                new Operation(
                        "purposes (GET /v1/purposes)",
                        new ListPurposesHandler(
                                stack.functionEnvironment("ListPurposesFunction", cloudEnv)),
                        null,
                        calls);
        String captureSample = sample(root, "capture-consent.json");
        String viewSample = sample(root, "view-receipt.json");
        String withdrawSample = sample(root, "withdraw-consent.json");
        String privacySample = sample(root, "privacy-request-deletion.json");
        String purposesSample = sample(root, "list-purposes.json");
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream()));
        try {
            int total = warmup + calls;
            List<String[]> receipts = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                if (i == warmup) {
                    counters.get("capture").reset();
                }
                APIGatewayV2HTTPEvent event = event(captureSample);
                Map<String, String> headers = new HashMap<>(event.getHeaders());
                headers.put("idempotency-key", UUID.randomUUID().toString());
                event.setHeaders(headers);
                event.setBody(CaptureBenchmark.body());
                APIGatewayV2HTTPResponse response = capture.call(event, i - warmup);
                String id =
                        response.getHeaders().get("location").substring("/v1/receipts/".length());
                String token = JSON.readTree(response.getBody()).path("receiptToken").asText();
                receipts.add(new String[] {id, token});
            }
            for (int i = 0; i < total; i++) {
                if (i == warmup) {
                    counters.get("view").reset();
                    counters.get("withdraw").reset();
                    counters.get("privacy").reset();
                }
                String id = receipts.get(i)[0];
                String token = receipts.get(i)[1];
                view.call(onReceipt(viewSample, "/v1/receipts/" + id, id, token, null), i - warmup);
                withdraw.call(
                        onReceipt(
                                withdrawSample,
                                "/v1/receipts/" + id + "/withdrawals",
                                id,
                                token,
                                "{\"purposes\":[\"marketing-email\"]}"),
                        i - warmup);
                privacy.call(
                        onReceipt(
                                privacySample,
                                "/v1/privacy-requests",
                                null,
                                token,
                                "{\"type\":\"deletion\",\"receiptId\":\"" + id + "\"}"),
                        i - warmup);
                purposes.call(event(purposesSample), i - warmup);
            }
        } finally {
            JsonLog.redirect(System.out);
        }
        out.println();
        out.printf(
                "Warm API functions (one container each, sequential, %d calls after %d warm-up,"
                        + " each on a receipt of its own):%n",
                calls, warmup);
        out.printf(
                "  %-30s %-10s %8s %8s   %s%n",
                "function", "answers", "p50 ms", "p99 ms", "AWS requests per call");
        for (Operation op : List.of(capture, view, withdraw, privacy, purposes)) {
            long[] sorted = op.latencies.clone();
            Arrays.sort(sorted);
            out.printf(
                    "  %-30s %-10s %8.2f %8.2f   %s%n",
                    op.name,
                    op.statuses.entrySet().stream()
                            .map(e -> e.getKey() + "x" + e.getValue())
                            .collect(Collectors.joining(",")),
                    sorted[calls / 2] / 1e6,
                    sorted[(int) Math.ceil(calls * 0.99) - 1] / 1e6,
                    op.counter == null ? "none (no AWS client)" : perCall(op.counter, calls));
        }
        out.println(
                "  note: against the local cloud on loopback, not AWS; the privacy request's figures"
                        + " leave out the dispatch, which the stream triggers after the answer");
    }

    private static Wiring wiring(
            LocalStack stack, Map<String, String> cloudEnv, String logicalId, AwsRequestCounter c) {
        return new Wiring(
                stack.functionEnvironment(logicalId, cloudEnv), List.of(c), Clock.systemUTC());
    }

    private static String perCall(AwsRequestCounter counter, int calls) {
        return counter.snapshot().entrySet().stream()
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / (double) calls))
                .collect(Collectors.joining(", "));
    }

    private static String sample(Path root, String file) throws IOException {
        return Files.readString(root.resolve("events").resolve(file));
    }

    private static APIGatewayV2HTTPEvent event(String json) {
        return LambdaEventSerializers.serializerFor(
                        APIGatewayV2HTTPEvent.class, FunctionTables.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static APIGatewayV2HTTPEvent onReceipt(
            String sample, String path, String receiptId, String token, String body) {
        APIGatewayV2HTTPEvent event = event(sample);
        event.setRawPath(path);
        if (receiptId != null) {
            event.setPathParameters(Map.of("receiptId", receiptId));
        }
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("authorization", "Bearer " + token);
        event.setHeaders(headers);
        if (body != null) {
            event.setBody(body);
        }
        return event;
    }

    /**
     * The jars {@code sam build} ships in each function's {@code lib/}: read from CI's build
     * directory ({@code .ci/run} builds into {@code .aws-sam/ci/build}), or {@code
     * BENCH_SAM_BUILD}.
     */
    static void samArtifact(Path root, PrintStream out) throws IOException {
        String override = System.getenv("BENCH_SAM_BUILD");
        Path build =
                override == null || override.isBlank()
                        ? root.resolve(".aws-sam/ci/build")
                        : Path.of(override);
        out.println();
        out.println("Deployment artifact as sam build ships it (" + build + "):");
        if (!Files.isDirectory(build)) {
            out.println(
                    "  not built: run .ci/run (it runs sam build into .aws-sam/ci/build), or"
                            + " `./mvnw -B install -DskipTests && sam build --build-dir"
                            + " .aws-sam/ci/build` (sam's Maven builder needs the modules in ~/.m2),"
                            + " then run this again");
            return;
        }
        out.printf("  %-27s %6s %12s %14s%n", "function", "jars", "lib/ MiB", "function MiB");
        List<Path> functions;
        try (Stream<Path> dirs = Files.list(build)) {
            functions = dirs.filter(d -> Files.isDirectory(d.resolve("lib"))).sorted().toList();
        }
        for (Path function : functions) {
            List<Path> jars = jars(function.resolve("lib"));
            out.printf(
                    "  %-27s %6d %12.2f %14.2f%n",
                    function.getFileName(),
                    jars.size(),
                    size(jars) / 1048576.0,
                    size(function) / 1048576.0);
        }
        if (!functions.isEmpty()) {
            List<Path> jars = new ArrayList<>(jars(functions.get(0).resolve("lib")));
            jars.sort((a, b) -> Long.compare(sizeOf(b), sizeOf(a)));
            out.println("  largest jars (the same in every function):");
            jars.stream()
                    .limit(8)
                    .forEach(
                            j ->
                                    out.printf(
                                            "    %-50s %8.2f MiB%n",
                                            j.getFileName(), sizeOf(j) / 1048576.0));
        }
    }

    private static List<Path> jars(Path lib) throws IOException {
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList();
        }
    }

    private static long size(List<Path> files) {
        return files.stream().mapToLong(FunctionTables::sizeOf).sum();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(FunctionTables::sizeOf).sum();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
