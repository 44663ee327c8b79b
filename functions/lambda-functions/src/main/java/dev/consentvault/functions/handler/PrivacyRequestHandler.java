package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.Filed;
import dev.consentvault.core.privacy.PrivacyRequestCommand;
import dev.consentvault.core.privacy.PrivacyRequestParser;
import dev.consentvault.core.privacy.PrivacyRequests;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.http.ApiResponse;
import dev.consentvault.functions.http.HttpApi;
import dev.consentvault.functions.http.Problem;
import dev.consentvault.functions.snap.Priming;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code POST /v1/privacy-requests}: a deletion (with the receipt's bearer token) or a complaint.
 * Answers 202 with the request id and its deadlines once the request is recorded (its one write
 * also puts it in the outbox the dispatcher queues from).
 */
public final class PrivacyRequestHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    private static final JsonLog LOG = new JsonLog("privacy-requests");
    private final PrivacyRequests requests;

    public PrivacyRequestHandler() {
        this(System.getenv());
    }

    public PrivacyRequestHandler(Map<String, String> env) {
        this(new Wiring(env));
    }

    /** The handler as Lambda builds it: registered for SnapStart's checkpoint and restore. */
    public PrivacyRequestHandler(Wiring wiring) {
        this(wiring.privacyRequests());
        // the runtime holds the handler, so the context's weak reference to it stays alive
        Core.getGlobalContext().register(this);
    }

    public PrivacyRequestHandler(PrivacyRequests requests) {
        this.requests = requests;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(
                event,
                context,
                LOG,
                request -> {
                    String token = request.bearerToken();
                    PrivacyRequestCommand command =
                            PrivacyRequestParser.parse(
                                    request.jsonBody(), token != null, requests.jurisdictions());
                    return requests.fileFromApi(command, token)
                            .map(PrivacyRequestHandler::accepted)
                            .orElseThrow(Problem::receiptNotFound);
                });
    }

    /** Asks to delete a receipt that does not exist: one read, nothing filed, 404. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.run(this, Priming.deletionOfUnknownReceipt("/v1/privacy-requests"), 404, 1);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        requests.afterRestore();
    }

    private static ApiResponse accepted(Filed filed) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("requestId", filed.requestId());
        json.put("type", filed.type().jsonName());
        json.put("status", filed.status().name());
        json.put("acknowledgeBy", filed.acknowledgeBy().toString());
        json.put("dueAt", filed.dueAt().toString());
        return ApiResponse.json(202, Json.bytes(json));
    }
}
