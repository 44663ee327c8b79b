package dev.consentvault.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.UUID;

/**
 * Runs in a fresh JVM whose classpath is the Lambda artifact (plus this class), as a Lambda cold
 * start would: builds the handler from the environment, answers one capture, and prints when each
 * happened and how many classes were loaded by then. With {@code primed}, it first runs SnapStart's
 * hooks as Lambda does at publish and at restore (priming, then fresh secrets), so the capture is
 * the first invocation after a restore.
 */
public final class ColdStartProbe {

    /** The environment variable that carries the capture's body (a new person each run). */
    static final String BODY = "PROBE_BODY";

    private ColdStartProbe() {}

    public static void main(String[] args) {
        CaptureConsentHandler handler = new CaptureConsentHandler();
        long ready = System.currentTimeMillis();
        long primed = ready;
        if (args.length > 0 && args[0].equals("primed")) {
            handler.beforeCheckpoint(null);
            primed = System.currentTimeMillis();
            handler.afterRestore(null);
        }
        long restored = System.currentTimeMillis();
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
                        .withBody(System.getenv(BODY))
                        .build();
        int status = handler.handleRequest(event, null).getStatusCode();
        long answered = System.currentTimeMillis();
        System.out.println(
                "PROBE ready="
                        + ready
                        + " primed="
                        + primed
                        + " restored="
                        + restored
                        + " answered="
                        + answered
                        + " classes="
                        + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount()
                        // every thread's CPU time, JVM start to answer: what a busy machine slows
                        // least (the wall-clock figures also wait for other processes' turns)
                        + " cpu="
                        + ((com.sun.management.OperatingSystemMXBean)
                                                ManagementFactory.getOperatingSystemMXBean())
                                        .getProcessCpuTime()
                                / 1_000_000
                        + " status="
                        + status);
    }
}
