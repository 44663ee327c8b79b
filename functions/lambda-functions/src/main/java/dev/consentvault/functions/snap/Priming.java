package dev.consentvault.functions.snap;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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
        APIGatewayV2HTTPEvent.RequestContext.Http http =
                new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath(path);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId(REQUEST_ID);
        context.setRouteKey("POST " + path);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST " + path);
        event.setRawPath(path);
        event.setRequestContext(context);
        event.setHeaders(Map.of("content-type", "application/json", "idempotency-key", REQUEST_ID));
        event.setBody(new String(body, StandardCharsets.UTF_8));
        event.setIsBase64Encoded(false);
        return event;
    }

    public static void run(
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
