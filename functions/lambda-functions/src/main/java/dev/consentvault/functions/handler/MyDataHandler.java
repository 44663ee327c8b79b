package dev.consentvault.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.consentvault.core.access.MyData;
import dev.consentvault.core.access.Session;
import dev.consentvault.core.access.Sessions;
import dev.consentvault.core.consent.Receipt;
import dev.consentvault.core.consent.ReceiptJson;
import dev.consentvault.core.json.Json;
import dev.consentvault.core.log.JsonLog;
import dev.consentvault.core.privacy.Filed;
import dev.consentvault.functions.Wiring;
import dev.consentvault.functions.http.ApiResponse;
import dev.consentvault.functions.http.HttpApi;
import dev.consentvault.functions.http.Problem;
import dev.consentvault.functions.snap.Priming;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The verified session's routes, each with {@code Authorization: Bearer <sessionToken>}: {@code GET
 * /v1/me}, {@code POST /v1/me/withdrawals}, {@code POST /v1/me/deletion}, {@code GET /v1/me/export}
 * and {@code DELETE /v1/me/session}. No, a wrong, an ended and an expired session are one 404.
 */
public final class MyDataHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    private static final JsonLog LOG = new JsonLog("my-data");
    private final Sessions sessions;
    private final MyData myData;

    public MyDataHandler() {
        this(System.getenv());
    }

    public MyDataHandler(Map<String, String> env) {
        this(new Wiring(env));
    }

    /** The handler as Lambda builds it: registered for SnapStart's checkpoint and restore. */
    public MyDataHandler(Wiring wiring) {
        this(wiring.sessions(), wiring.myData());
        // the runtime holds the handler, so the context's weak reference to it stays alive
        Core.getGlobalContext().register(this);
    }

    public MyDataHandler(Sessions sessions, MyData myData) {
        this.sessions = sessions;
        this.myData = myData;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.handle(
                event,
                context,
                LOG,
                request -> {
                    Session session =
                            sessions.find(request.bearerToken())
                                    .orElseThrow(Problem::accessNotFound);
                    return switch (String.valueOf(request.routeKey())) {
                        case "GET /v1/me" -> receipts(myData.receipts(session));
                        case "POST /v1/me/withdrawals" ->
                                receipts(myData.withdraw(session, request.optionalJsonBody()));
                        case "POST /v1/me/deletion" -> accepted(myData.deleteEverything(session));
                        case "GET /v1/me/export" ->
                                ApiResponse.json(
                                                200,
                                                myData.export(session)
                                                        .toString()
                                                        .getBytes(StandardCharsets.UTF_8))
                                        .withHeader(
                                                "content-disposition",
                                                "attachment; filename=\"my-data.json\"");
                        case "DELETE /v1/me/session" -> {
                            sessions.end(session);
                            yield new ApiResponse(204, Map.of(), new byte[0]);
                        }
                        default -> throw Problem.accessNotFound();
                    };
                });
    }

    private static ApiResponse receipts(List<Receipt> receipts) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode list = json.putArray("receipts");
        receipts.forEach(r -> list.add(ReceiptJson.write(r)));
        return ApiResponse.json(200, Json.bytes(json));
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

    /** Asks for the data of a session that does not exist: one read, 404, nothing written. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.run(this, Priming.forUnknownSession(), 404, 1);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        myData.afterRestore();
    }
}
