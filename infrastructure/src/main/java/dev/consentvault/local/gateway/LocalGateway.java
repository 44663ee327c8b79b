package dev.consentvault.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.functions.http.Problem;
import dev.consentvault.local.LocalFunction;
import dev.consentvault.local.LocalStack;
import dev.consentvault.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for API Gateway (HTTP API, payload format 2.0): routes requests to the handler
 * classes as template.yaml's HttpApi events declare, applies the API's CORS configuration, and
 * hosts each function in this JVM with the environment the template gives it. Each function handles
 * one request at a time, as one Lambda execution environment does, within its template {@code
 * Timeout}.
 */
public final class LocalGateway implements AutoCloseable {

    private static final JsonLog LOG = new JsonLog("local-gateway");
    private static final int MAX_BODY = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Route> routes;
    private final Map<String, LocalFunction> functions;
    private final Cors cors;
    private final RouteThrottle throttle;
    private final StaticFiles pages;
    private final String accountId;
    private final LocalOutbox outbox;

    private LocalGateway(
            HttpServer server,
            ExecutorService executor,
            List<Route> routes,
            Map<String, LocalFunction> functions,
            Cors cors,
            RouteThrottle throttle,
            StaticFiles pages,
            String accountId,
            LocalOutbox outbox) {
        this.outbox = outbox;
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.functions = functions;
        this.cors = cors;
        this.throttle = throttle;
        this.pages = pages;
        this.accountId = accountId;
    }

    /** Builds every routed function's handler (as Lambda's init would) and starts serving. */
    public static LocalGateway start(
            LocalStack stack, Map<String, String> cloudEnvironment, InetSocketAddress address)
            throws IOException {
        return start(stack, cloudEnvironment, address, StaticFiles.none());
    }

    /**
     * As above, also serving static pages (the demo landing page) for GET requests no route
     * matches.
     */
    public static LocalGateway start(
            LocalStack stack,
            Map<String, String> cloudEnvironment,
            InetSocketAddress address,
            StaticFiles pages)
            throws IOException {
        List<Route> routes = new ArrayList<>();
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        Cors cors = Cors.none();
        RouteThrottle throttle = RouteThrottle.none();
        for (Map.Entry<String, Map<String, Object>> api :
                stack.template().resourcesOfType("AWS::Serverless::HttpApi").entrySet()) {
            Map<String, Object> properties = SamTemplate.properties(api.getValue());
            Object configuration = properties.get("CorsConfiguration");
            if (configuration != null) {
                cors = Cors.from((Map<?, ?>) stack.intrinsics().resolve(configuration));
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            for (String key : List.of("DefaultRouteSettings", "RouteSettings")) {
                if (properties.get(key) != null) {
                    settings.put(key, stack.intrinsics().resolve(properties.get(key)));
                }
            }
            throttle = RouteThrottle.from(settings);
        }
        for (SamTemplate.FunctionEvent event : stack.template().functionEvents("HttpApi")) {
            Map<String, Object> p = event.properties();
            routes.add(
                    new Route(
                            String.valueOf(p.get("Method")).toUpperCase(Locale.ROOT),
                            String.valueOf(p.get("Path")),
                            event.functionId()));
            functions.computeIfAbsent(
                    event.functionId(), id -> LocalFunction.create(stack, id, cloudEnvironment));
        }
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        LocalGateway gateway =
                new LocalGateway(
                        server,
                        executor,
                        List.copyOf(routes),
                        functions,
                        cors,
                        throttle,
                        pages,
                        stack.accountId(),
                        cloudEnvironment.containsKey("AWS_ENDPOINT_URL")
                                ? new LocalOutbox(
                                        java.net.URI.create(
                                                cloudEnvironment.get("AWS_ENDPOINT_URL")))
                                : null);
        server.createContext("/", gateway::exchange);
        server.start();
        return gateway;
    }

    /** Serves a local-only tool (the fake processor) under its own path beside the API. */
    public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Route> routes() {
        return routes;
    }

    private void exchange(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        URI uri = exchange.getRequestURI();
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        int status;
        try (exchange) {
            if (method.equals("OPTIONS")
                    && origin != null
                    && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method")
                            != null) {
                status =
                        cors.preflight(
                                origin,
                                exchange.getRequestHeaders(),
                                exchange.getResponseHeaders());
                exchange.sendResponseHeaders(status, -1);
            } else {
                status = route(exchange, requestId, method, uri, origin);
            }
        } catch (RuntimeException e) {
            status = 500;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", method);
        // the route, not the path: a path can hold a receipt id, which is a pseudonym of a person
        fields.put(
                "route",
                routes.stream()
                        .filter(r -> r.match(method, uri.getRawPath()).isPresent())
                        .map(Route::routeKey)
                        .findFirst()
                        .orElse(
                                uri.getRawPath().startsWith("/_local/")
                                        ? uri.getRawPath()
                                        : method.equals("GET") ? "static" : "unmatched"));
        fields.put("status", status);
        fields.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        fields.put("gatewayRequestId", requestId);
        LOG.info("http", fields);
    }

    private int route(
            HttpExchange exchange, String requestId, String method, URI uri, String origin)
            throws IOException {
        String path = uri.getRawPath();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(method, path);
            if (parameters.isPresent()) {
                if (!throttle.admit(route.routeKey(), System.nanoTime())) {
                    // what API Gateway answers over a route's throttling limits
                    return plain(
                            exchange,
                            429,
                            "application/json",
                            "{\"message\":\"Too Many Requests\"}",
                            origin);
                }
                byte[] body = read(exchange.getRequestBody());
                if (body == null) {
                    return plain(
                            exchange,
                            413,
                            "application/json",
                            "{\"message\":\"Request Entity Too Large\"}",
                            origin);
                }
                APIGatewayV2HTTPEvent event =
                        event(exchange, route, parameters.get(), body, requestId);
                APIGatewayV2HTTPResponse response;
                try {
                    response = functions.get(route.functionLogicalId()).invoke(event, requestId);
                } catch (RuntimeException functionError) {
                    // what an HTTP API answers when its Lambda function fails or times out (its
                    // 503 is for its own 30 s integration timeout, longer than any function's)
                    return plain(
                            exchange,
                            500,
                            "application/json",
                            "{\"message\":\"Internal Server Error\"}",
                            origin);
                }
                return respond(exchange, response, origin);
            }
        }
        if (method.equals("GET")
                && outbox != null
                && (path.equals(LocalOutbox.JSON_PATH) || path.equals(LocalOutbox.PAGE_PATH))) {
            return localOutbox(exchange, path.equals(LocalOutbox.PAGE_PATH), origin);
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            Optional<Map.Entry<String, byte[]>> page = pages.find(path);
            if (page.isPresent()) {
                exchange.getResponseHeaders().set("content-type", page.get().getKey());
                exchange.getResponseHeaders().set("cache-control", "no-cache");
                exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
                exchange.getResponseHeaders()
                        .set(
                                "content-security-policy",
                                // img-src data: is for the demo page's inline favicon, nothing else
                                "default-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:");
                byte[] body = method.equals("HEAD") ? new byte[0] : page.get().getValue();
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                return 200;
            }
        }
        // API Gateway answers {"message":"Not Found"} here; the local gateway answers like the
        // functions do, so a client handles one error format
        Problem notFound =
                new Problem(
                        404,
                        "not-found",
                        "Not Found",
                        "No API route or page matches this method and path; the routes are in openapi.yaml.");
        return plain(
                exchange, 404, "application/problem+json", notFound.toJson().toString(), origin);
    }

    /** The local outbox (local runs only): what the sender sent through the local cloud. */
    private int localOutbox(HttpExchange exchange, boolean page, String origin) throws IOException {
        byte[] body;
        try {
            body = page ? outbox.page() : outbox.json();
        } catch (IOException unavailable) {
            Problem problem =
                    new Problem(
                            503,
                            "local-outbox-unavailable",
                            "Service Unavailable",
                            "The local outbox reads the messages moto recorded; this local cloud"
                                    + " keeps none (run on moto, the default).");
            return plain(
                    exchange, 503, "application/problem+json", problem.toJson().toString(), origin);
        }
        exchange.getResponseHeaders()
                .set("content-type", page ? "text/html; charset=utf-8" : "application/json");
        exchange.getResponseHeaders().set("cache-control", "no-store");
        exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
        exchange.getResponseHeaders()
                .set("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        return 200;
    }

    private APIGatewayV2HTTPEvent event(
            HttpExchange exchange,
            Route route,
            Map<String, String> pathParameters,
            byte[] body,
            String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                header.getValue().forEach(c -> cookies.addAll(List.of(c.split(";\\s*"))));
            } else {
                headers.put(name, String.join(",", header.getValue()));
            }
        }
        // API Gateway tells the function the scheme the client used; here it is plain HTTP
        headers.put("x-forwarded-proto", "http");
        URI uri = exchange.getRequestURI();
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                String key = java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value =
                        kv.length > 1
                                ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8)
                                : "";
                query.merge(key, value, (a, b) -> a + "," + b);
            }
        }
        String contentType = headers.getOrDefault("content-type", "");
        boolean text =
                contentType.startsWith("text/")
                        || contentType.contains("json")
                        || contentType.contains("xml")
                        || contentType.contains("x-www-form-urlencoded");
        Instant now = Instant.now();
        APIGatewayV2HTTPEvent.RequestContext.Http http =
                APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(route.method())
                        .withPath(uri.getRawPath())
                        .withProtocol(exchange.getProtocol())
                        .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                        .withUserAgent(headers.get("user-agent"))
                        .build();
        APIGatewayV2HTTPEvent.RequestContext context =
                APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId(accountId)
                        .withApiId("local")
                        .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                        .withDomainPrefix("local")
                        .withRequestId(requestId)
                        .withRouteKey(route.routeKey())
                        .withStage("$default")
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(http)
                        .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(uri.getRawPath())
                .withRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery())
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context)
                .withBody(
                        body.length == 0
                                ? null
                                : text
                                        ? new String(body, StandardCharsets.UTF_8)
                                        : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .build();
    }

    private int respond(HttpExchange exchange, APIGatewayV2HTTPResponse response, String origin)
            throws IOException {
        Headers out = exchange.getResponseHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(out::set);
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders()
                    .forEach((name, values) -> values.forEach(v -> out.add(name, v)));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> out.add("Set-Cookie", c));
        }
        cors.decorate(origin, out);
        byte[] body =
                response.getBody() == null
                        ? new byte[0]
                        : response.getIsBase64Encoded()
                                ? Base64.getDecoder().decode(response.getBody())
                                : response.getBody().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        return response.getStatusCode();
    }

    private int plain(
            HttpExchange exchange, int status, String contentType, String json, String origin)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", contentType);
        cors.decorate(origin, exchange.getResponseHeaders());
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        return status;
    }

    /** The body, or null when it is over API Gateway's limit. */
    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
