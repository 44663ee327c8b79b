package dev.consentvault.local.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.handler.CaptureConsentHandler;
import dev.consentvault.local.AwsRequestCounter;
import dev.consentvault.local.CapacityMeter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Write units per capture (each table and index, as DynamoDB reports them to
 * ReturnConsumedCapacity) for the captures landing pages send, and what a million captures cost at
 * list price next to the floor: one 1-unit PutItem.
 */
final class CaptureCost {

    /** us-east-1 list prices, USD (December 2026 price pages). */
    static final double DYNAMODB_PER_MILLION_WRITE_UNITS = 0.625;

    static final double HTTP_API_PER_MILLION = 1.00;
    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
    static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    static final double KMS_PER_10K_REQUESTS = 0.03;
    static final double SQS_PER_MILLION = 0.40;

    /**
     * Billed duration of one warm capture on AWS at 1,024 MB: the transaction's round trip (~10 to
     * 20 ms) plus sealing and JSON; an assumption until measured on AWS (BENCH_CAPTURE_MS).
     */
    static final double CAPTURE_MS =
            Double.parseDouble(System.getenv().getOrDefault("BENCH_CAPTURE_MS", "30"));

    static final double MEMORY_GB = 1.0;

    private CaptureCost() {}

    /** The sign-ups landing pages send, by what they ask for. */
    static Map<String, String> shapes() {
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("newsletter (email, 1 purpose)", body("{\"marketing-email\":true}", false));
        shapes.put(
                "full (email+phone, 4 purposes)",
                body(
                        "{\"marketing-email\":true,\"marketing-sms\":true,"
                                + "\"personalised-ads\":true,\"analytics\":true}",
                        true));
        shapes.put(
                "contest (name+email+phone, 2)",
                body("{\"contest-entry\":true,\"marketing-email\":false}", true));
        return shapes;
    }

    private static String body(String purposes, boolean phone) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        return "{\"subject\":{\"email\":\"ana."
                + id
                + "@example.com\""
                + (phone ? ",\"phone\":\"+346000" + id.hashCode() % 100000 + "\"" : "")
                + (purposes.contains("contest") ? ",\"name\":\"Ana Example\"" : "")
                + "},\"purposes\":"
                + purposes
                + ",\"noticeVersion\":\"2026-11-01\","
                + "\"source\":{\"page\":\"cherries-tiktok\",\"campaign\":\"cny-2027\"},"
                + "\"jurisdiction\":\"EU\",\"ageConfirmed\":true,\"locale\":\"es-ES\"}";
    }

    static void report(Map<String, String> env, int perShape, PrintStream out) {
        CapacityMeter meter = new CapacityMeter();
        AwsRequestCounter counter = new AwsRequestCounter();
        CaptureConsentHandler handler =
                new CaptureConsentHandler(
                        Wiring.forCapture(env, List.of(meter, counter), Clock.systemUTC()));
        JsonLog.redirect(new PrintStream(OutputStream.nullOutputStream()));
        out.println();
        out.printf(
                "Write units per capture (ReturnConsumedCapacity INDEXES, %d captures per row,"
                        + " each with an Idempotency-Key as the landing kit sends):%n",
                perShape);
        out.printf(
                "  %-32s %9s %9s %11s %11s %7s %12s%n",
                "", "consents", "keys", "byEmailKey", "byPhoneKey", "total", "$/M captures");
        double floor = DYNAMODB_PER_MILLION_WRITE_UNITS;
        for (Map.Entry<String, String> shape : shapes().entrySet()) {
            meter.reset();
            counter.reset();
            for (int i = 0; i < perShape; i++) {
                APIGatewayV2HTTPResponse response =
                        handler.handleRequest(
                                APIGatewayV2HTTPEvent.builder()
                                        .withRawPath("/v1/consents")
                                        .withHeaders(
                                                Map.of(
                                                        "content-type",
                                                        "application/json",
                                                        "idempotency-key",
                                                        UUID.randomUUID().toString()))
                                        .withBody(shape.getValue().replace("ana.", "ana" + i + "."))
                                        .build(),
                                null);
                if (response.getStatusCode() != 201) {
                    throw new IllegalStateException(
                            "capture answered "
                                    + response.getStatusCode()
                                    + ": "
                                    + response.getBody());
                }
            }
            Map<String, Double> units = meter.snapshot();
            double total = meter.total() / perShape;
            double kms = counter.service("Kms") / (double) perShape;
            out.printf(
                    "  %-32s %9.1f %9.1f %11.1f %11.1f %7.1f %12.2f%n",
                    shape.getKey(),
                    units.getOrDefault("consents", 0.0) / perShape,
                    units.getOrDefault("receipt-keys", 0.0) / perShape,
                    units.getOrDefault("consents/byEmailKey", 0.0) / perShape,
                    units.getOrDefault("consents/byPhoneKey", 0.0) / perShape,
                    total,
                    perMillion(total, kms));
        }
        JsonLog.redirect(System.out);
        out.printf(
                "  floor: one 1-unit PutItem = 1.0 write unit, $%.3f per million in DynamoDB;"
                        + " with the API and Lambda around it $%.2f%n",
                floor, perMillion(1, 0));
        out.printf(
                "  $/M = HTTP API $%.2f + Lambda $%.2f (requests) + $%.2f (%.0f ms at %.0f GB, arm64)"
                        + " + DynamoDB $%.3f per write unit + KMS (amortised, as counted); a held"
                        + " capture adds SQS $%.2f (send, receive, delete) and its units again at"
                        + " the drainer%n",
                HTTP_API_PER_MILLION,
                LAMBDA_PER_MILLION_REQUESTS,
                lambdaDuration(),
                CAPTURE_MS,
                MEMORY_GB,
                DYNAMODB_PER_MILLION_WRITE_UNITS,
                3 * SQS_PER_MILLION);
    }

    private static double lambdaDuration() {
        return 1_000_000 * CAPTURE_MS / 1000.0 * MEMORY_GB * LAMBDA_ARM_PER_GB_SECOND;
    }

    /**
     * List price of a million captures costing {@code units} write units and {@code kms} KMS
     * requests each.
     */
    static double perMillion(double units, double kms) {
        return HTTP_API_PER_MILLION
                + LAMBDA_PER_MILLION_REQUESTS
                + lambdaDuration()
                + units * DYNAMODB_PER_MILLION_WRITE_UNITS
                + kms * 1_000_000 / 10_000 * KMS_PER_10K_REQUESTS;
    }
}
