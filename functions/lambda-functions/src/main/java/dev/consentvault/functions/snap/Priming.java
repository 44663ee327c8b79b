package dev.consentvault.functions.snap;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Priming before a SnapStart snapshot: a handler answers one made-up request, so its classes are
 * loaded and its hot methods compiled in the snapshot rather than on a person's first request. A
 * priming request that does not get its expected status fails the checkpoint, and with it the
 * version's publication: a broken function is not snapshotted.
 */
public final class Priming {

    /** Marks priming traffic in the access log; never a real request id. */
    public static final String REQUEST_ID = "snapstart-priming";

    private Priming() {}

    /** A JSON POST as API Gateway (HTTP API, payload 2.0) delivers it, with an Idempotency-Key. */
    public static APIGatewayV2HTTPEvent post(String path, byte[] body) {
        return event(
                "POST " + path,
                path,
                Map.of(),
                Map.of("content-type", "application/json", "idempotency-key", REQUEST_ID),
                new String(body, StandardCharsets.UTF_8));
    }

    /**
     * A deletion request for a receipt that does not exist: parsed, checked against the table (one
     * read) and refused with 404 before anything is filed.
     */
    public static APIGatewayV2HTTPEvent deletionOfUnknownReceipt(String path) {
        return event(
                "POST " + path,
                path,
                Map.of(),
                Map.of(
                        "authorization",
                        "Bearer " + UUID.randomUUID(),
                        "content-type",
                        "application/json"),
                "{\"type\":\"deletion\",\"receiptId\":\"" + UUID.randomUUID() + "\"}");
    }

    /**
     * A request about a receipt that does not exist (a fresh random id and token): it goes through
     * parsing, the token check and one read of the table, and ends in 404 without writing.
     *
     * @param route such as {@code GET /v1/receipts/{receiptId}}
     */
    public static APIGatewayV2HTTPEvent forUnknownReceipt(String route) {
        String receiptId = UUID.randomUUID().toString();
        String path = route.substring(route.indexOf(' ') + 1).replace("{receiptId}", receiptId);
        boolean post = route.startsWith("POST ");
        return event(
                route,
                path,
                Map.of("receiptId", receiptId),
                post
                        ? Map.of(
                                "authorization",
                                "Bearer " + UUID.randomUUID(),
                                "content-type",
                                "application/json")
                        : Map.of("authorization", "Bearer " + UUID.randomUUID()),
                post ? "{}" : null);
    }

    /**
     * The page of a confirmation link for a receipt that does not exist (a made-up id and token):
     * parsing, one read of the table, the 404 page; nothing confirmed or written.
     */
    public static APIGatewayV2HTTPEvent confirmationLinkOfUnknownReceipt() {
        String receiptId = UUID.randomUUID().toString();
        String token = madeUpToken();
        return event(
                "GET /v1/receipts/{receiptId}/confirmations/{token}",
                "/v1/receipts/" + receiptId + "/confirmations/" + token,
                Map.of("receiptId", receiptId, "token", token),
                Map.of(),
                null);
    }

    /**
     * A session asked for with a link's token that was never sent: parsing, one read of the table,
     * 404; no session opened, no attempt counted (only codes are counted).
     */
    public static APIGatewayV2HTTPEvent redemptionOfUnknownLink() {
        return event(
                "POST /v1/access-sessions",
                "/v1/access-sessions",
                Map.of(),
                Map.of("content-type", "application/json"),
                "{\"link\":\"" + madeUpToken() + "\"}");
    }

    /**
     * A verified session's own data asked for with a session token that does not exist: one read,
     * 404, nothing written.
     */
    public static APIGatewayV2HTTPEvent forUnknownSession() {
        return event(
                "GET /v1/me",
                "/v1/me",
                Map.of(),
                Map.of("authorization", "Bearer " + madeUpToken()),
                null);
    }

    /** A token of the shape links and sessions use (43 base64url characters), never handed out. */
    private static String madeUpToken() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static APIGatewayV2HTTPEvent event(
            String route,
            String path,
            Map<String, String> pathParameters,
            Map<String, String> headers,
            String body) {
        APIGatewayV2HTTPEvent.RequestContext.Http http =
                new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(route.substring(0, route.indexOf(' ')));
        http.setPath(path);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId(REQUEST_ID);
        context.setRouteKey(route);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(route);
        event.setRawPath(path);
        event.setRequestContext(context);
        event.setPathParameters(pathParameters);
        event.setHeaders(headers);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    /**
     * @param times how often: once loads the classes, repeats get the hot methods compiled (the JIT
     *     counts invocations); only requests that cost nothing outside the JVM are repeated
     */
    public static void run(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            APIGatewayV2HTTPEvent event,
            int expectedStatus,
            int times) {
        for (int i = 0; i < times; i++) {
            answer(handler, event, expectedStatus);
        }
    }

    private static void answer(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            APIGatewayV2HTTPEvent event,
            int expectedStatus) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        if (response.getStatusCode() != expectedStatus) {
            // the body is this code's own problem document (field names, rules), and the request
            // is made up: nothing personal in it
            throw new IllegalStateException(
                    "priming "
                            + event.getRouteKey()
                            + " answered "
                            + response.getStatusCode()
                            + ": "
                            + response.getBody());
        }
    }
}
