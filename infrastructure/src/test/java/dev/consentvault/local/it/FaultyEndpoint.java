package dev.consentvault.local.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An endpoint between a tool that takes {@code --endpoint-url} (the support CLI) and the local
 * cloud: it forwards every call, except the operations told to fail (by their {@code X-Amz-Target},
 * e.g. {@code DynamoDB_20120810.UpdateItem}), which answer 500 as an unavailable service would.
 */
final class FaultyEndpoint implements AutoCloseable {

    /** Headers the JDK client sets itself. */
    private static final Set<String> HOP_BY_HOP =
            Set.of(
                    "host",
                    "content-length",
                    "connection",
                    "expect",
                    "upgrade",
                    "transfer-encoding");

    private final URI upstream;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    FaultyEndpoint(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, these operations fail; the others go through. */
    void fail(String... targets) {
        failing.clear();
        failing.addAll(List.of(targets));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null && failing.contains(target)) {
                send(
                        exchange,
                        500,
                        Map.of("Content-Type", List.of("application/x-amz-json-1.0")),
                        "{\"__type\":\"InternalFailure\",\"message\":\"injected\"}"
                                .getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                            .method(
                                    exchange.getRequestMethod(),
                                    HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders()
                    .forEach(
                            (name, values) -> {
                                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                                    values.forEach(v -> request.header(name, v));
                                }
                            });
            HttpResponse<byte[]> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            send(exchange, response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(
            HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        headers.forEach(
                (name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
