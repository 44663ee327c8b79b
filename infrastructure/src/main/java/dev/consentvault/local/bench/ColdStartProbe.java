package dev.consentvault.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import java.util.Map;
import java.util.UUID;

/**
 * Runs in a fresh JVM whose classpath is the Lambda artifact (plus this class), as a Lambda cold
 * start would: builds the handler from the environment, answers one capture, and prints when each
 * happened.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    public static void main(String[] args) {
        CaptureConsentHandler handler = new CaptureConsentHandler();
        long ready = System.currentTimeMillis();
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
                        .withBody(CaptureBenchmark.body())
                        .build();
        int status = handler.handleRequest(event, null).getStatusCode();
        long answered = System.currentTimeMillis();
        System.out.println("PROBE ready=" + ready + " answered=" + answered + " status=" + status);
    }
}
