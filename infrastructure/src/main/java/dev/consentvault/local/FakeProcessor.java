package dev.consentvault.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.consentvault.core.propagation.SigningSecrets;
import dev.consentvault.core.propagation.WebhookSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the processors (TikTok Ads, Meta Ads, ...) in the local run and the tests. It
 * takes webhooks at {@code POST /_local/processors/{id}/webhook}, checks their signature with the
 * processor's secret from the local cloud's Secrets Manager, records every delivery, and answers as
 * its processor's mode says: {@code ack} (200, then a signed acknowledgement to the API), {@code
 * silent} (200, never acknowledges), {@code fail} (503) or {@code hang} (answers after 10 s).
 * {@code GET /_local/processors} lists the deliveries (newest first) and modes; {@code POST
 * /_local/processors/{id}/mode} with {@code {"mode": "fail"}} changes one.
 */
public final class FakeProcessor implements HttpHandler {

    public static final String PATH = "/_local/processors";

    /** How the fake answers a webhook. */
    public enum Mode {
        ACK,
        SILENT,
        FAIL,
        HANG
    }

    /** One webhook as it arrived. */
    public record Delivery(
            String processor, Instant receivedAt, String body, boolean signatureValid) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Sends an acknowledgement (body, signature header) to the API; returns its status. */
    public interface Acknowledger {
        int send(byte[] body, String signature);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SigningSecrets secrets;
    private final Clock clock;
    private final Acknowledger acknowledger;
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> ackStatuses = Collections.synchronizedList(new ArrayList<>());
    private volatile Duration hang = Duration.ofSeconds(10);
    private final java.util.concurrent.atomic.AtomicInteger acking =
            new java.util.concurrent.atomic.AtomicInteger();

    public FakeProcessor(SigningSecrets secrets, Clock clock, Acknowledger acknowledger) {
        this.secrets = secrets;
        this.clock = clock;
        this.acknowledger = acknowledger;
    }

    /** The PROCESSOR_WEBHOOKS value pointing each processor at this fake on the given base URL. */
    public static String webhooks(String baseUrl, List<String> processorIds) {
        ObjectNode json = JSON.createObjectNode();
        processorIds.forEach(id -> json.put(id, baseUrl + PATH + "/" + id + "/webhook"));
        return json.toString();
    }

    public void mode(String processorId, Mode mode) {
        modes.put(processorId, mode);
    }

    /** How long {@link Mode#HANG} waits before answering. */
    public void hangFor(Duration duration) {
        hang = duration;
    }

    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** Waits until every acknowledgement started has been answered (tests); false on timeout. */
    public boolean awaitAcknowledgementsSent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acking.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The API's answers to the acknowledgements sent. */
    public List<Integer> ackStatuses() {
        synchronized (ackStatuses) {
            return List.copyOf(ackStatuses);
        }
    }

    /** An acknowledgement body for a notice, and its signature made now with the secret. */
    public String[] signedAck(String processorId, String propagationId, Instant at) {
        byte[] body = ackBody(processorId, propagationId);
        return new String[] {
            new String(body, StandardCharsets.UTF_8),
            WebhookSignature.sign(secrets.secret(processorId), at, body)
        };
    }

    public static byte[] ackBody(String processorId, String propagationId) {
        return JSON.createObjectNode()
                .put("propagationId", propagationId)
                .put("processor", processorId)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rest = exchange.getRequestURI().getPath().substring(PATH.length());
            String[] parts = rest.split("/");
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && (rest.isEmpty() || rest.equals("/"))) {
                respond(exchange, 200, list());
            } else if (method.equals("POST") && parts.length == 3 && parts[2].equals("webhook")) {
                webhook(exchange, parts[1]);
            } else if (method.equals("POST") && parts.length == 3 && parts[2].equals("mode")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readNBytes(1024));
                mode(parts[1], Mode.valueOf(body.path("mode").asText().toUpperCase(Locale.ROOT)));
                respond(
                        exchange,
                        200,
                        JSON.createObjectNode().put("mode", body.path("mode").asText()));
            } else {
                respond(exchange, 404, JSON.createObjectNode().put("error", "not found"));
            }
        } catch (RuntimeException e) {
            // a bad mode name, a body that is not JSON
            respond(
                    exchange,
                    400,
                    JSON.createObjectNode().put("error", e.getClass().getSimpleName()));
        }
    }

    private void webhook(HttpExchange exchange, String processorId) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(64 * 1024);
        String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
        boolean valid =
                WebhookSignature.verify(
                        secrets.secret(processorId), signature, body, clock.instant());
        deliveries.add(
                new Delivery(
                        processorId,
                        clock.instant(),
                        new String(body, StandardCharsets.UTF_8),
                        valid));
        Mode mode = modes.getOrDefault(processorId, Mode.ACK);
        if (!valid) {
            respond(exchange, 401, JSON.createObjectNode().put("error", "bad signature"));
            return;
        }
        switch (mode) {
            case FAIL ->
                    respond(exchange, 503, JSON.createObjectNode().put("error", "told to fail"));
            case HANG -> {
                try {
                    Thread.sleep(hang.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, JSON.createObjectNode().put("received", true));
            }
            case SILENT -> respond(exchange, 200, JSON.createObjectNode().put("received", true));
            case ACK -> {
                respond(exchange, 200, JSON.createObjectNode().put("received", true));
                String propagationId = JSON.readTree(body).path("propagationId").asText();
                // as a processor would: after answering, once it has acted on the notice
                Thread ack =
                        new Thread(
                                () -> {
                                    String[] signed =
                                            signedAck(processorId, propagationId, clock.instant());
                                    ackStatuses.add(
                                            acknowledger.send(
                                                    signed[0].getBytes(StandardCharsets.UTF_8),
                                                    signed[1]));
                                },
                                "fake-processor-ack");
                ack.setDaemon(true);
                ack.start();
            }
        }
    }

    private ObjectNode list() {
        ObjectNode json = JSON.createObjectNode();
        ObjectNode m = json.putObject("modes");
        modes.forEach((id, mode) -> m.put(id, mode.name().toLowerCase(Locale.ROOT)));
        ArrayNode list = json.putArray("deliveries");
        List<Delivery> all = new ArrayList<>(deliveries());
        Collections.reverse(all);
        for (Delivery d : all) {
            ObjectNode o = list.addObject();
            o.put("processor", d.processor());
            o.put("receivedAt", d.receivedAt().toString());
            o.put("signatureValid", d.signatureValid());
            o.set("body", d.json());
        }
        return json;
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body)
            throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
