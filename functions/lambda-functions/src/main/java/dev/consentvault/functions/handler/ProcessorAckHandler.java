package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.propagation.ProcessorAcks;
import dev.consentvault.core.propagation.WebhookSignature;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.http.ApiResponse;
import dev.consentvault.functions.http.HttpApi;
import dev.consentvault.functions.http.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code POST /v1/processor-acks}: a processor acknowledges a notice, signed with its secret. 200
 * once recorded; 401 for a signature that is not the processor's, not over this body, or not made
 * within five minutes; 404 for a notice it was not sent; 409 for one acknowledged already.
 */
public final class ProcessorAckHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final JsonLog LOG = new JsonLog("processor-acks");
    private final ProcessorAcks acks;

    public ProcessorAckHandler() {
        this(System.getenv());
    }

    public ProcessorAckHandler(Map<String, String> env) {
        this(new Wiring(env).processorAcks());
    }

    public ProcessorAckHandler(ProcessorAcks acks) {
        this.acks = acks;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(
                event,
                context,
                LOG,
                request -> {
                    ProcessorAcks.Outcome outcome =
                            acks.acknowledge(
                                    request.jsonBody(), request.header(WebhookSignature.HEADER));
                    return switch (outcome) {
                        case ACKNOWLEDGED ->
                                ApiResponse.json(
                                        200,
                                        "{\"status\":\"acknowledged\"}"
                                                .getBytes(StandardCharsets.UTF_8));
                        case UNAUTHENTICATED ->
                                throw new Problem(
                                        401,
                                        "signature-refused",
                                        "Unauthorized",
                                        "The "
                                                + WebhookSignature.HEADER
                                                + " header must sign this body with your"
                                                + " processor secret, made within the last five"
                                                + " minutes.");
                        case UNKNOWN_NOTICE ->
                                throw new Problem(
                                        404,
                                        "notice-not-found",
                                        "Not Found",
                                        "No notice with this propagationId was sent to this"
                                                + " processor.");
                        case ALREADY_ACKNOWLEDGED ->
                                throw new Problem(
                                        409,
                                        "already-acknowledged",
                                        "Conflict",
                                        "This notice was acknowledged already.");
                    };
                });
    }
}
